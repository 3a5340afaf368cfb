/*
 * Benchmarks of the fentry sites and ftrace (`make bench`: bench=all under
 * qemu -icount shift=0, where a TSC delta is a count of executed
 * instructions): the cost of the NOP in a call-heavy loop, a call
 * redirected through the trampoline or in direct mode against a direct
 * call (also with 1000 other IPMODIFY ops registered), and text_poke_bp
 * per site and for a batch of 1000 sites.
 */
#include <kelp/ktest.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/x86.h>
#include "../../ktest/target.h"

#define BENCH_CALLS 100000
#define SLED_SITES 1000

extern u8 poke_sled[], poke_sled_end[];
int fb_traced(const u8 *p);
int fb_plain(const u8 *p);
int fb_old(int x);
int fb_new(int x);
void tp_test_count_stub(void);

static u8 fb_data[64];

/* The same body twice, with and without the fentry NOP: a 64-byte checksum. */
#define FB_BODY                                      \
	unsigned int h = 0;                          \
	for (int i = 0; i < 64; i++)                 \
		h = (h * 31) ^ p[i];                 \
	return h

noinline int fb_traced(const u8 *p)
{
	FB_BODY;
}

noinline notrace int fb_plain(const u8 *p)
{
	FB_BODY;
}

noinline int fb_old(int x)
{
	barrier();
	return x + 1;
}

noinline int fb_new(int x)
{
	barrier();
	return x + 2;
}

/* Instructions per call of fn over BENCH_CALLS calls, in hundredths. */
static u64 fb_loop_checksum(int (*volatile fn)(const u8 *))
{
	u64 t0 = rdtsc();

	for (int i = 0; i < BENCH_CALLS; i++)
		fn(fb_data);
	return (rdtsc() - t0) * 100 / BENCH_CALLS;
}

static u64 fb_loop_int(int (*volatile fn)(int))
{
	u64 t0 = rdtsc();

	for (int i = 0; i < BENCH_CALLS; i++)
		fn(i);
	return (rdtsc() - t0) * 100 / BENCH_CALLS;
}

#define CENTI(v) (unsigned long long)((v) / 100), (unsigned long long)((v) % 100)

KBENCH(ftrace_fentry_nop)
{
	u64 traced = fb_loop_checksum(fb_traced), plain = fb_loop_checksum(fb_plain);
	u64 extra = traced > plain ? traced - plain : 0;

	kbench_reportf("ftrace_fentry_nop", "%llu.%02llu insn/call (traced %llu.%02llu, notrace %llu.%02llu, overhead %llu.%02llu%%)",
		       CENTI(extra), CENTI(traced), CENTI(plain), CENTI(extra * 10000 / plain));
}

static notrace void fb_redirect(unsigned long ip, unsigned long parent_ip,
				struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)fb_new);
}

KBENCH(ftrace_redirect)
{
	static struct ftrace_ops ops = {
		.func = fb_redirect,
		.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
	};
	unsigned long ip = (unsigned long)fb_old;
	u64 direct_call, tramp, jmp;

	if (ftrace_set_filter_ip(&ops, ip, 0, 1) || register_ftrace_function(&ops)) {
		kbench_reportf("ftrace_redirect", "failed to register");
		return;
	}
	direct_call = fb_loop_int(fb_new);
	tramp = fb_loop_int(fb_old);
	ftrace_site_set_direct(&ops, ip, (unsigned long)fb_new);
	jmp = fb_loop_int(fb_old);
	unregister_ftrace_function(&ops);
	ftrace_set_filter_ip(&ops, 0, 0, 1);
	kbench_reportf("ftrace_redirect_trampoline", "%llu.%02llu insn/call extra (redirected %llu.%02llu, direct call %llu.%02llu)",
		       CENTI(tramp - direct_call), CENTI(tramp), CENTI(direct_call));
	kbench_reportf("ftrace_redirect_direct_jmp", "%llu.%02llu insn/call extra (redirected %llu.%02llu, direct call %llu.%02llu)",
		       CENTI(jmp - direct_call), CENTI(jmp), CENTI(direct_call));
}

/*
 * The same redirected call with 1000 other IPMODIFY ops registered (a
 * livepatch of 1000 functions during its transition): the dispatch must
 * not walk them all (the sites are the 1000 klp_bench_fN, never called).
 */
#define FB_MANY 1000

static notrace void fb_nothing(unsigned long ip, unsigned long parent_ip,
			       struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

/* Registers ops[i] on klp_bench_f(100 + i) in one transaction; how many did. */
static unsigned int fb_many_register(struct ftrace_ops *ops)
{
	unsigned int n = 0;
	char name[32];

	ftrace_update_begin();
	for (; n < FB_MANY; n++) {
		snprintf(name, sizeof(name), "klp_bench_f%u", 100 + n);
		ops[n].func = fb_nothing;
		ops[n].flags = FTRACE_OPS_FL_IPMODIFY;
		if (ftrace_set_filter_ip(&ops[n], ktest_target_symbol(BENCH_TARGET_MOD, name), 0, 1) ||
		    register_ftrace_function(&ops[n]))
			break;
	}
	ftrace_update_commit();
	return n;
}

static void fb_many_unregister(struct ftrace_ops *ops, unsigned int n)
{
	ftrace_update_begin();
	while (n--) {
		unregister_ftrace_function(&ops[n]);
		ftrace_set_filter_ip(&ops[n], 0, 0, 1);
	}
	ftrace_update_commit();
}

KBENCH(ftrace_redirect_many_ops)
{
	static struct ftrace_ops ops = {
		.func = fb_redirect,
		.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
	};
	struct ftrace_ops *many = kcalloc(FB_MANY, sizeof(*many), GFP_KERNEL);
	unsigned int n = many ? fb_many_register(many) : 0;
	u64 direct_call, tramp;

	if (n != FB_MANY || ftrace_set_filter_ip(&ops, (unsigned long)fb_old, 0, 1) ||
	    register_ftrace_function(&ops)) {
		kbench_reportf("ftrace_redirect_trampoline_1000_ops", "failed to register");
	} else {
		direct_call = fb_loop_int(fb_new);
		tramp = fb_loop_int(fb_old);
		unregister_ftrace_function(&ops);
		kbench_reportf("ftrace_redirect_trampoline_1000_ops",
			       "%llu.%02llu insn/call extra (redirected %llu.%02llu, direct call %llu.%02llu)",
			       CENTI(tramp - direct_call), CENTI(tramp), CENTI(direct_call));
	}
	ftrace_set_filter_ip(&ops, 0, 0, 1);
	if (many)
		fb_many_unregister(many, n);
	kfree(many);
}

KBENCH(text_poke_bp)
{
	struct text_poke_loc *tp = kcalloc(SLED_SITES, sizeof(*tp), GFP_KERNEL);
	u8 call[5];
	u64 t0, one, batch_on, batch_off;

	if (!tp)
		return;
	text_gen_insn(call, CALL_INSN_OPCODE, poke_sled, tp_test_count_stub);
	t0 = rdtsc();
	for (int i = 0; i < 50; i++) {
		text_poke_bp(poke_sled, call, 5);
		text_poke_bp(poke_sled, x86_nop5, 5);
	}
	one = (rdtsc() - t0) / 100;
	for (int i = 0; i < SLED_SITES; i++) {
		tp[i].addr = poke_sled + 8 * i;
		tp[i].len = 5;
		text_gen_insn(tp[i].text, CALL_INSN_OPCODE, tp[i].addr, tp_test_count_stub);
	}
	t0 = rdtsc();
	text_poke_bp_batch(tp, SLED_SITES);
	batch_on = rdtsc() - t0;
	for (int i = 0; i < SLED_SITES; i++)
		memcpy(tp[i].text, x86_nop5, 5);
	t0 = rdtsc();
	text_poke_bp_batch(tp, SLED_SITES);
	batch_off = rdtsc() - t0;
	kfree(tp);
	kbench_reportf("text_poke_bp_one_site", "%llu insn/update", (unsigned long long)one);
	kbench_reportf("text_poke_bp_batch_1000", "%llu insn/batch (%llu per site; back to NOP: %llu)",
		       (unsigned long long)batch_on, (unsigned long long)batch_on / SLED_SITES,
		       (unsigned long long)batch_off);
}
