/*
 * Benchmarks of kprobes (`make bench`: bench=all under qemu -icount
 * shift=0, where a TSC delta is a count of executed instructions): a call
 * of a small function through its plain fentry NOP, with a kprobe
 * (pre_handler only, and with a post_handler: IPMODIFY), with a
 * kretprobe, and a live-patched call as Kelp's livepatch runs it (an
 * IPMODIFY ops redirecting through the trampoline during a transition,
 * a direct jmp once it is the site's only user), then that live-patched
 * call with a kprobe on the same function (which puts the site back on
 * the trampoline).
 */
#include <kelp/ktest.h>
#include <kelp/ftrace.h>
#include <kelp/kprobes.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define KB_CALLS 100000

int kb_target(int x);
int kb_new(int x);

noinline int kb_target(int x)
{
	barrier();
	return x + 1;
}

noinline int kb_new(int x)
{
	barrier();
	return x + 2;
}

/* Instructions per call of fn over KB_CALLS calls, in hundredths. */
static u64 kb_loop(int (*volatile fn)(int))
{
	u64 t0 = rdtsc();

	for (int i = 0; i < KB_CALLS; i++)
		fn(i);
	return (rdtsc() - t0) * 100 / KB_CALLS;
}

#define CENTI(v) (unsigned long long)((v) / 100), (unsigned long long)((v) % 100)

static u64 kb_hits;

static int kb_pre(struct kprobe *p, struct pt_regs *regs)
{
	kb_hits++;
	return 0;
}

static void kb_post(struct kprobe *p, struct pt_regs *regs, unsigned long flags)
{
}

static int kb_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	kb_hits++;
	return 0;
}

static notrace void kb_redirect(unsigned long ip, unsigned long parent_ip, struct ftrace_ops *op,
				struct ftrace_regs *fregs)
{
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)kb_new);
}

/* Reports one figure against the plain call. */
static void kb_report(const char *name, u64 v, u64 plain)
{
	kbench_reportf(name, "%llu.%02llu insn/call extra (%llu.%02llu, plain fentry call %llu.%02llu)",
		       CENTI(v > plain ? v - plain : 0), CENTI(v), CENTI(plain));
}

KBENCH(kprobe_hit)
{
	static struct kprobe kp, kpp;
	static struct kretprobe rp;
	u64 plain, pre, post, ret;

	plain = kb_loop(kb_target);
	memset(&kp, 0, sizeof(kp));
	kp.addr = (kprobe_opcode_t *)kb_target;
	kp.pre_handler = kb_pre;
	if (register_kprobe(&kp)) {
		kbench_reportf("kprobe_hit", "failed to register");
		return;
	}
	pre = kb_loop(kb_target);
	unregister_kprobe(&kp);
	memset(&kpp, 0, sizeof(kpp));
	kpp.addr = (kprobe_opcode_t *)kb_target;
	kpp.pre_handler = kb_pre;
	kpp.post_handler = kb_post;
	if (register_kprobe(&kpp)) {
		kbench_reportf("kprobe_hit_post_handler", "failed to register");
		return;
	}
	post = kb_loop(kb_target);
	unregister_kprobe(&kpp);
	memset(&rp, 0, sizeof(rp));
	rp.kp.addr = (kprobe_opcode_t *)kb_target;
	rp.handler = kb_ret;
	if (register_kretprobe(&rp)) {
		kbench_reportf("kretprobe_hit", "failed to register");
		return;
	}
	ret = kb_loop(kb_target);
	unregister_kretprobe(&rp);
	kb_report("kprobe_hit", pre, plain);
	kb_report("kprobe_hit_post_handler", post, plain);
	kb_report("kretprobe_hit", ret, plain);
}

KBENCH(kprobe_vs_livepatch)
{
	static struct ftrace_ops ops = {
		.func = kb_redirect,
		.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
	};
	static struct kprobe kp;
	unsigned long ip = (unsigned long)kb_target;
	u64 plain, tramp, jmp, both;

	plain = kb_loop(kb_target);
	if (ftrace_set_filter_ip(&ops, ip, 0, 1) || register_ftrace_function(&ops)) {
		kbench_reportf("livepatched_call_trampoline", "failed to register");
		return;
	}
	tramp = kb_loop(kb_target);
	ftrace_site_set_direct(&ops, ip, (unsigned long)kb_new);
	jmp = kb_loop(kb_target);
	memset(&kp, 0, sizeof(kp));
	kp.addr = (kprobe_opcode_t *)kb_target;
	kp.pre_handler = kb_pre;
	both = register_kprobe(&kp) ? 0 : kb_loop(kb_target);
	if (both)
		unregister_kprobe(&kp);
	unregister_ftrace_function(&ops);
	ftrace_set_filter_ip(&ops, 0, 0, 1);
	kb_report("livepatched_call_trampoline", tramp, plain);
	kb_report("livepatched_call_direct_jmp", jmp, plain);
	kb_report("livepatched_call_with_kprobe", both, plain);
}
