/*
 * In-kernel tests of the ftrace core: redirection through an IPMODIFY ops
 * and back 10k times with calls at every step of each code update (the
 * int3 path included), direct mode on and off under the same load, the
 * one-IPMODIFY-per-site rule, ftrace_enabled semantics, shared sites and
 * reference counts, filters, recursion protection, argument registers and
 * the stack walk through the trampoline.
 */
#include <kelp/ktest.h>
#include <kelp/completion.h>
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/irq.h>
#include <kelp/kallsyms.h>
#include <kelp/kthread.h>
#include <kelp/preempt.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/seq_file.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/smp.h>
#include <kelp/text_poke.h>
#include "../target.h"

int ft_test_func(int x);
int ft_test_new(int x);
long ft_test_args(long a, long b, long c, long d, long e, long f);

noinline int ft_test_func(int x)
{
	barrier();
	return x + 1;
}

noinline int ft_test_new(int x)
{
	barrier();
	return x + 1000;
}

noinline long ft_test_args(long a, long b, long c, long d, long e, long f)
{
	barrier();
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static noinline int call_func(int x)
{
	int (*volatile fn)(int) = ft_test_func;

	return fn(x);
}

static u64 ft_calls, ft_calls2;
static unsigned long ft_last_ip, ft_last_parent;

static notrace void ft_redirect(unsigned long ip, unsigned long parent_ip,
				struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ft_calls++;
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)op->private);
}

static notrace void ft_count(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ft_calls2++;
	ft_last_ip = ip;
	ft_last_parent = parent_ip;
}

/* Calls during each step of a code update: every result must be old or new. */
static unsigned int ft_bad_results, ft_step_calls;

static void ft_step_hook(unsigned int step)
{
	int r = call_func(1);

	ft_step_calls++;
	if (r != 2 && r != 1001)
		ft_bad_results++;
}

static void ft_ops_init(struct ftrace_ops *ops, ftrace_func_t fn, unsigned long flags)
{
	memset(ops, 0, sizeof(*ops));
	ops->func = fn;
	ops->flags = flags;
	ops->private = ft_test_new;
}


/*
 * Registers ops (redirecting ft_test_func to +1000) and unregisters it
 * rounds times, calling the function after each change; returns how many
 * calls gave a result that is neither the old nor the new one's.
 */
static unsigned int ft_toggle_redirect(struct ftrace_ops *ops, int rounds)
{
	unsigned int wrong = 0;

	for (int i = 0; i < rounds; i++) {
		if (register_ftrace_function(ops))
			return wrong + 1;
		wrong += call_func(i) != i + 1000;
		unregister_ftrace_function(ops);
		wrong += call_func(i) != i + 1;
	}
	return wrong;
}
KTEST(ftrace_redirect_10k)
{
	static struct ftrace_ops ops;
	unsigned long ip = (unsigned long)ft_test_func;
	u64 hits = text_poke_bp_hits;
	unsigned int wrong = 0;

	ft_ops_init(&ops, ft_redirect, FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY);
	KT_ASSERT(t, ftrace_location(ip) == ip);
	KT_ASSERT(t, ftrace_set_filter_ip(&ops, ip, 0, 0) == 0);
	ft_bad_results = ft_step_calls = 0;
	text_poke_bp_step_hook = ft_step_hook;
	wrong += ft_toggle_redirect(&ops, 10000);
	text_poke_bp_step_hook = NULL;
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT_EQ(t, ft_bad_results, 0);
	KT_EXPECT_EQ(t, ft_step_calls, 60000);
	/* Steps 1 and 2 of every update trap on the int3 and are emulated. */
	KT_EXPECT_EQ(t, text_poke_bp_hits - hits, 40000);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	ftrace_set_filter_ip(&ops, 0, 0, 1);
}

KTEST(ftrace_direct_mode_under_load)
{
	static struct ftrace_ops ops, other;
	unsigned long ip = (unsigned long)ft_test_func;
	unsigned int wrong[16] = { 0 }, nwrong = 0;
	u64 calls;

	ft_ops_init(&ops, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	ft_ops_init(&other, ft_count, 0);
	KT_ASSERT(t, ftrace_set_filter_ip(&ops, ip, 0, 1) == 0);
	KT_ASSERT(t, ftrace_set_filter_ip(&other, ip, 0, 1) == 0);
	KT_ASSERT(t, register_ftrace_function(&ops) == 0);
	KT_EXPECT_EQ(t, ftrace_site_state(ip), FTRACE_FL_CALL);
	ft_bad_results = 0;
	text_poke_bp_step_hook = ft_step_hook;
	for (int i = 0; i < 1000; i++) {
		KT_ASSERT(t, ftrace_site_set_direct(&ops, ip, (unsigned long)ft_test_new) == 0);
		calls = ft_calls;
		wrong[1] += call_func(i) != i + 1000;
		wrong[2] += ft_calls != calls;		/* jmp: no handler */
		wrong[3] += ftrace_site_state(ip) != (FTRACE_FL_DIRECT | FTRACE_FL_JMP);
		/* A second user puts the trampoline back; the handler redirects. */
		KT_ASSERT(t, register_ftrace_function(&other) == 0);
		wrong[4] += ftrace_site_state(ip) != (FTRACE_FL_DIRECT | FTRACE_FL_CALL);
		calls = ft_calls;	/* the step hook called it too */
		wrong[5] += call_func(i) != i + 1000;
		wrong[6] += ft_calls != calls + 1;
		unregister_ftrace_function(&other);
		wrong[7] += ftrace_site_state(ip) != (FTRACE_FL_DIRECT | FTRACE_FL_JMP);
		KT_ASSERT(t, ftrace_site_clear_direct(&ops, ip) == 0);
		wrong[8] += ftrace_site_state(ip) != FTRACE_FL_CALL;
		wrong[9] += call_func(i) != i + 1000;
	}
	text_poke_bp_step_hook = NULL;
	for (unsigned int k = 0; k < ARRAY_SIZE(wrong); k++) {
		if (wrong[k])
			ktest_fail(t, __FILE__, __LINE__, "check %u failed %u times", k, wrong[k]);
		nwrong += wrong[k];
	}
	KT_EXPECT_EQ(t, nwrong, 0);
	KT_EXPECT_EQ(t, ft_bad_results, 0);
	KT_EXPECT_EQ(t, ftrace_site_set_direct(&other, ip, (unsigned long)ft_test_new), -EINVAL);
	KT_EXPECT_EQ(t, ftrace_site_set_direct(&ops, ip, PAGE_OFFSET), -ERANGE);
	/* Unregistering in direct mode returns the site to NOP. */
	KT_EXPECT_EQ(t, ftrace_site_set_direct(&ops, ip, (unsigned long)ft_test_new), 0);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&ops), 0);
	KT_EXPECT_EQ(t, ftrace_site_state(ip), 0);
	KT_EXPECT_EQ(t, call_func(5), 6);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	ftrace_set_filter_ip(&ops, 0, 0, 1);
	ftrace_set_filter_ip(&other, 0, 0, 1);
}

KTEST(ftrace_second_ipmodify_is_ebusy)
{
	static struct ftrace_ops a, b;
	unsigned long ip = (unsigned long)ft_test_func;

	ft_ops_init(&a, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	ft_ops_init(&b, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	KT_ASSERT(t, ftrace_set_filter_ip(&a, ip, 0, 1) == 0);
	KT_ASSERT(t, ftrace_set_filter_ip(&b, ip, 0, 1) == 0);
	KT_ASSERT(t, register_ftrace_function(&a) == 0);
	KT_EXPECT_EQ(t, register_ftrace_function(&b), -EBUSY);
	KT_EXPECT_EQ(t, register_ftrace_function(&a), -EBUSY);
	KT_EXPECT_EQ(t, call_func(1), 1001);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&b), -EINVAL);
	/* Growing a registered filter onto a taken site is refused too. */
	ftrace_set_filter_ip(&b, (unsigned long)ft_test_args, 0, 1);
	KT_ASSERT(t, register_ftrace_function(&b) == 0);
	KT_EXPECT_EQ(t, ftrace_set_filter_ip(&b, ip, 0, 0), -EBUSY);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&a), 0);
	/* The site is free again: b takes it while registered. */
	KT_EXPECT_EQ(t, ftrace_set_filter_ip(&b, ip, 0, 0), 0);
	KT_EXPECT_EQ(t, call_func(1), 1001);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&b), 0);
	/* An IPMODIFY ops needs a filter. */
	ftrace_set_filter_ip(&a, 0, 0, 1);
	KT_EXPECT_EQ(t, register_ftrace_function(&a), -EINVAL);
	KT_EXPECT_EQ(t, ftrace_set_filter_ip(&a, ip + 1, 0, 0), -ENOENT);
	KT_EXPECT_EQ(t, call_func(1), 2);
	ftrace_set_filter_ip(&b, 0, 0, 1);
}

KTEST(ftrace_enabled_semantics)
{
	static struct ftrace_ops perm, ipmod, plain;
	unsigned long ip = (unsigned long)ft_test_func;
	u64 calls;

	ft_ops_init(&perm, ft_count, FTRACE_OPS_FL_PERMANENT);
	ft_ops_init(&ipmod, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	ft_ops_init(&plain, ft_count, 0);
	ftrace_set_filter_ip(&perm, ip, 0, 1);
	ftrace_set_filter_ip(&ipmod, ip, 0, 1);
	ftrace_set_filter_ip(&plain, ip, 0, 1);
	KT_ASSERT(t, ftrace_enabled == 1);
	KT_ASSERT(t, register_ftrace_function(&perm) == 0);
	KT_EXPECT_EQ(t, ftrace_enabled_set(0), -EBUSY);
	KT_EXPECT_EQ(t, ftrace_enabled, 1);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&perm), 0);
	KT_EXPECT_EQ(t, ftrace_enabled_set(2), -EINVAL);
	KT_ASSERT(t, ftrace_enabled_set(0) == 0);
	KT_EXPECT_EQ(t, register_ftrace_function(&ipmod), -EBUSY);
	KT_EXPECT_EQ(t, register_ftrace_function(&perm), -EBUSY);
	/* A plain ops registers but its site stays a NOP until re-enabled. */
	KT_EXPECT_EQ(t, register_ftrace_function(&plain), 0);
	calls = ft_calls2;
	KT_EXPECT_EQ(t, call_func(1), 2);
	KT_EXPECT_EQ(t, ft_calls2, calls);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	KT_EXPECT_EQ(t, ftrace_enabled_set(1), 0);
	KT_EXPECT_EQ(t, call_func(1), 2);
	KT_EXPECT_EQ(t, ft_calls2, calls + 1);
	KT_EXPECT_EQ(t, register_ftrace_function(&ipmod), 0);
	KT_EXPECT_EQ(t, call_func(1), 1001);
	unregister_ftrace_function(&ipmod);
	unregister_ftrace_function(&plain);
	KT_EXPECT_EQ(t, ftrace_site_state(ip), 0);
}

KTEST(ftrace_shared_site_refcounts)
{
	static struct ftrace_ops a, b;
	unsigned long ip = (unsigned long)ft_test_args;
	u64 calls = ft_calls2;

	ft_ops_init(&a, ft_count, 0);
	ft_ops_init(&b, ft_count, 0);
	ftrace_set_filter_ip(&a, ip, 0, 1);
	ftrace_set_filter_ip(&b, ip, 0, 1);
	KT_ASSERT(t, register_ftrace_function(&a) == 0);
	KT_ASSERT(t, register_ftrace_function(&b) == 0);
	KT_EXPECT_EQ(t, ft_test_args(1, 2, 3, 4, 5, 6), 91);
	KT_EXPECT_EQ(t, ft_calls2 - calls, 2);
	KT_EXPECT_EQ(t, ft_last_ip, ip);
	unregister_ftrace_function(&a);
	KT_EXPECT_EQ(t, ftrace_site_state(ip), FTRACE_FL_CALL);
	KT_EXPECT_EQ(t, ft_test_args(6, 5, 4, 3, 2, 1), 56);
	KT_EXPECT_EQ(t, ft_calls2 - calls, 3);
	unregister_ftrace_function(&b);
	KT_EXPECT_EQ(t, ftrace_site_state(ip), 0);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	ftrace_set_filter_ip(&a, 0, 0, 1);
	ftrace_set_filter_ip(&b, 0, 0, 1);
}

/* parent_ip is the return address into the caller: here, this test. */
KTEST(ftrace_parent_ip_and_filter_glob)
{
	static struct ftrace_ops ops;
	const char *name;

	ft_ops_init(&ops, ft_count, 0);
	KT_EXPECT_EQ(t, ftrace_set_filter(&ops, "ft_test_[af]*", 0, 1), 0);
	KT_EXPECT_EQ(t, ftrace_set_filter(&ops, "no_such_fn*", 0, 0), -EINVAL);
	KT_ASSERT(t, register_ftrace_function(&ops) == 0);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)ft_test_args), FTRACE_FL_CALL);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)ft_test_func), FTRACE_FL_CALL);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)ft_test_new), 0);
	ft_test_args(0, 0, 0, 0, 0, 0);
	name = ktest_sym_lookup(ft_last_parent, NULL, NULL);
	KT_EXPECT(t, name && !strcmp(name, "ktest_fn_ftrace_parent_ip_and_filter_glob"));
	/* `!glob` removes; the site follows while registered. */
	KT_EXPECT_EQ(t, ftrace_set_filter(&ops, "!ft_test_args", 0, 0), 0);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)ft_test_args), 0);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)ft_test_func), FTRACE_FL_CALL);
	unregister_ftrace_function(&ops);
	ftrace_set_filter_ip(&ops, 0, 0, 1);
}

/* A handler that calls its own traced function: the recursion is cut. */
static notrace void ft_recurse(unsigned long ip, unsigned long parent_ip,
			       struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ft_calls2++;
	call_func(0);
}

KTEST(ftrace_recursion_protection)
{
	static struct ftrace_ops ops;
	u64 missed = ftrace_recursion_missed, calls = ft_calls2;

	ft_ops_init(&ops, ft_recurse, 0);
	ftrace_set_filter_ip(&ops, (unsigned long)ft_test_func, 0, 1);
	KT_ASSERT(t, register_ftrace_function(&ops) == 0);
	KT_EXPECT_EQ(t, call_func(3), 4);
	KT_EXPECT_EQ(t, ft_calls2 - calls, 1);
	KT_EXPECT_EQ(t, ftrace_recursion_missed - missed, 1);
	unregister_ftrace_function(&ops);
	ftrace_set_filter_ip(&ops, 0, 0, 1);
}

/* Stack walk from a handler: trampoline marker, traced function, its caller. */
static unsigned long ft_walk[16];
static unsigned int ft_walk_n;

static notrace void ft_walker(unsigned long ip, unsigned long parent_ip,
			      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ft_walk_n = stack_walk_fp((unsigned long)__builtin_frame_address(0), ft_walk,
				  ARRAY_SIZE(ft_walk));
}

KTEST(ftrace_trampoline_unwinds)
{
	static struct ftrace_ops ops;
	unsigned int i;

	ft_ops_init(&ops, ft_walker, 0);
	ftrace_set_filter_ip(&ops, (unsigned long)ft_test_func, 0, 1);
	KT_ASSERT(t, register_ftrace_function(&ops) == 0);
	call_func(1);
	unregister_ftrace_function(&ops);
	ftrace_set_filter_ip(&ops, 0, 0, 1);
	for (i = 0; i < ft_walk_n; i++)
		if (ftrace_is_trampoline_return(ft_walk[i]))
			break;
	KT_ASSERT(t, i + 2 < ft_walk_n);
	KT_EXPECT_EQ(t, ft_walk[i + 1], (unsigned long)ft_test_func + MCOUNT_INSN_SIZE);
	KT_EXPECT(t, !strcmp(ktest_sym_lookup(ft_walk[i + 2] - 1, NULL, NULL), "call_func"));
}

KTEST(ftrace_module_sites)
{
	/* Stand-in module text: one fentry NOP and one corrupted site. */
	static u8 text[16] __aligned(16) = { 0x0f, 0x1f, 0x44, 0x00, 0x00, 0xc3, 0, 0,
					     0x90, 0x90, 0x90, 0x90, 0x90, 0xc3 };
	static int owner;
	unsigned long loc[2] = { (unsigned long)text, (unsigned long)text + 8 };
	unsigned int sites = ftrace_site_count(), bad = ftrace_bad_site_count();

	KT_EXPECT_EQ(t, ftrace_module_add(&owner, loc, loc + 2), 1);
	KT_EXPECT_EQ(t, ftrace_site_count(), sites + 1);
	KT_EXPECT_EQ(t, ftrace_bad_site_count(), bad + 1);
	KT_EXPECT_EQ(t, ftrace_location((unsigned long)text), (unsigned long)text);
	KT_EXPECT_EQ(t, ftrace_location((unsigned long)text + 8), 0);
	ftrace_module_remove(&owner);
	KT_EXPECT_EQ(t, ftrace_site_count(), sites);
	KT_EXPECT_EQ(t, ftrace_location((unsigned long)text), 0);
	KT_EXPECT_EQ(t, ftrace_bad_site_count(), bad);
}

/* available_filter_functions lists exactly the valid sites. */
KTEST(ftrace_available_functions_count)
{
	unsigned long lines = 0;
	struct seq_file m = { 0 };

	KT_ASSERT(t, seq_run(&m, ftrace_show_available, NULL, 1UL << 20) == 0);
	for (size_t i = 0; i < m.count; i++)
		lines += m.buf[i] == '\n';
	seq_run_free(&m);
	KT_EXPECT_EQ(t, lines, ftrace_site_count());
	KT_EXPECT(t, ftrace_site_count() > 100);
	KT_EXPECT_EQ(t, ftrace_bad_site_count(), 0);
}

/* Filters and registrations give back every byte (and the sites their NOP). */
KTEST(ftrace_no_leak)
{
	static struct ftrace_ops ops, ip_ops;
	struct kmalloc_stats before, after;

	ft_ops_init(&ops, ft_count, 0);
	ft_ops_init(&ip_ops, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	kmalloc_get_stats(&before);
	for (int i = 0; i < 100; i++) {
		KT_ASSERT(t, ftrace_set_filter(&ops, "ft_test_*", 0, 1) == 0);
		KT_ASSERT(t, ftrace_set_filter_ip(&ip_ops, (unsigned long)ft_test_func, 0, 1) == 0);
		KT_ASSERT(t, register_ftrace_function(&ops) == 0);
		KT_ASSERT(t, register_ftrace_function(&ip_ops) == 0);
		KT_ASSERT(t, ftrace_site_set_direct(&ip_ops, (unsigned long)ft_test_func,
						    (unsigned long)ft_test_new) == 0);
		unregister_ftrace_function(&ops);
		unregister_ftrace_function(&ip_ops);
		ftrace_set_filter_ip(&ops, 0, 0, 1);
		ftrace_set_filter_ip(&ip_ops, 0, 0, 1);
	}
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT(t, ops.filter == NULL && ip_ops.filter == NULL);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)ft_test_func), 0);
	KT_EXPECT_EQ(t, call_func(1), 2);
}

/*
 * The int3 path from interrupt context: at each step of an update the
 * hook raises a software interrupt on an unused PIC line, whose handler
 * calls the function being patched (a #BP nested in the IRQ).
 */
#define FT_TEST_IRQ 10

static bool ft_irq_armed;
static int ft_irq_result[4];

static void ft_irq_handler(unsigned int irq, void *data)
{
	if (READ_ONCE(ft_irq_armed))
		ft_irq_result[*(unsigned int *)data] = call_func(1);
}

static unsigned int ft_irq_step;

static void ft_irq_step_hook(unsigned int step)
{
	ft_irq_step = step;
	__asm__ __volatile__("int %0" : : "i"(IRQ_BASE_VECTOR + FT_TEST_IRQ) : "memory");
}

KTEST(ftrace_int3_from_irq)
{
	static struct ftrace_ops ops;
	static bool have_irq;
	u64 hits = text_poke_bp_hits;

	if (!have_irq)
		have_irq = request_irq(FT_TEST_IRQ, ft_irq_handler, "ftrace-test", &ft_irq_step) == 0;
	KT_ASSERT(t, have_irq);
	ft_ops_init(&ops, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	KT_ASSERT(t, ftrace_set_filter_ip(&ops, (unsigned long)ft_test_func, 0, 1) == 0);
	WRITE_ONCE(ft_irq_armed, true);
	text_poke_bp_step_hook = ft_irq_step_hook;
	KT_EXPECT_EQ(t, register_ftrace_function(&ops), 0);
	/* Installing the call: emulated call, trampoline, redirect, in IRQ context. */
	KT_EXPECT_EQ(t, ft_irq_result[1], 1001);
	KT_EXPECT_EQ(t, ft_irq_result[2], 1001);
	KT_EXPECT_EQ(t, ft_irq_result[3], 1001);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&ops), 0);
	/* Removing it: the NOP is emulated, the old function runs. */
	KT_EXPECT_EQ(t, ft_irq_result[1], 2);
	KT_EXPECT_EQ(t, ft_irq_result[2], 2);
	KT_EXPECT_EQ(t, ft_irq_result[3], 2);
	text_poke_bp_step_hook = NULL;
	WRITE_ONCE(ft_irq_armed, false);
	KT_EXPECT_EQ(t, text_poke_bp_hits - hits, 4);
	ftrace_set_filter_ip(&ops, 0, 0, 1);
}

/* ---- with threads: two callers run while sites change under them ---- */

struct ft_caller {
	unsigned long calls, old, new, bad;
};

/*
 * Calls the test function in bursts, yielding between them, and sorts
 * every result: the old function's, the new one's, or wrong.
 */
static int ft_caller_fn(void *data)
{
	struct ft_caller *c = data;
	unsigned int i = 0;

	while (!kthread_should_stop()) {
		for (int k = 0; k < 8; k++, i++) {
			int x = i & 0xffff, r = call_func(x);

			if (r == x + 1)
				c->old++;
			else if (r == x + 1000)
				c->new++;
			else
				c->bad++;
			c->calls++;
		}
		yield();
	}
	return 0;
}

/* Lets the callers run while the int3s are in (steps 1 and 2). */
static void ft_yield_hook(unsigned int step)
{
	if (step < 3)
		yield();
}

static bool ft_callers_start(struct task **tasks, struct ft_caller *c)
{
	memset(c, 0, 2 * sizeof(*c));
	tasks[0] = kthread_run(ft_caller_fn, &c[0], "ft-caller-a");
	tasks[1] = kthread_run(ft_caller_fn, &c[1], "ft-caller-b");
	return !IS_ERR(tasks[0]) && !IS_ERR(tasks[1]);
}

static void ft_callers_check(struct ktest *t, struct task **tasks, struct ft_caller *c)
{
	KT_EXPECT_EQ(t, kthread_stop(tasks[0]), 0);
	KT_EXPECT_EQ(t, kthread_stop(tasks[1]), 0);
	for (int i = 0; i < 2; i++) {
		KT_EXPECT_EQ(t, c[i].bad, 0);
		KT_EXPECT(t, c[i].old > 0 && c[i].new > 0);
		KT_EXPECT_EQ(t, c[i].calls, c[i].old + c[i].new + c[i].bad);
	}
}

KTEST(ftrace_redirect_10k_two_threads)
{
	static struct ftrace_ops ops;
	static struct ft_caller c[2];
	struct task *tasks[2];
	unsigned long ip = (unsigned long)ft_test_func;
	u64 hits = text_poke_bp_hits;
	unsigned int wrong = 0;

	ft_ops_init(&ops, ft_redirect, FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY);
	KT_ASSERT(t, ftrace_set_filter_ip(&ops, ip, 0, 1) == 0);
	KT_ASSERT(t, ft_callers_start(tasks, c));
	text_poke_bp_step_hook = ft_yield_hook;
	wrong += ft_toggle_redirect(&ops, 10000);
	text_poke_bp_step_hook = NULL;
	ft_callers_check(t, tasks, c);
	KT_EXPECT_EQ(t, wrong, 0);
	/* The callers met the int3s: the #BP handler ran in their context. */
	KT_EXPECT(t, text_poke_bp_hits - hits > 10000);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	ftrace_set_filter_ip(&ops, 0, 0, 1);
}

KTEST(ftrace_direct_mode_two_threads)
{
	static struct ftrace_ops ops;
	static struct ft_caller c[2];
	struct task *tasks[2];
	unsigned long ip = (unsigned long)ft_test_func;
	unsigned int wrong = 0;

	ft_ops_init(&ops, ft_redirect, FTRACE_OPS_FL_IPMODIFY);
	KT_ASSERT(t, ftrace_set_filter_ip(&ops, ip, 0, 1) == 0);
	KT_ASSERT(t, ft_callers_start(tasks, c));
	text_poke_bp_step_hook = ft_yield_hook;
	for (int i = 0; i < 2000; i++) {
		wrong += register_ftrace_function(&ops) != 0;
		wrong += ftrace_site_set_direct(&ops, ip, (unsigned long)ft_test_new) != 0;
		wrong += call_func(i) != i + 1000;
		wrong += ftrace_site_clear_direct(&ops, ip) != 0;
		wrong += call_func(i) != i + 1000;
		wrong += unregister_ftrace_function(&ops) != 0;
		wrong += call_func(i) != i + 1;
	}
	text_poke_bp_step_hook = NULL;
	ft_callers_check(t, tasks, c);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	ftrace_set_filter_ip(&ops, 0, 0, 1);
}

/*
 * register_ftrace_direct under load: two callers call ft_test_func while
 * this task registers a direct call (the site becomes `call tramp`),
 * moves it to the other trampoline (one call site to another under the
 * int3 protocol), shares the site with a plain ops (the site calls the
 * trampoline, which calls the direct function from regs->error_code),
 * moves it back through that path, and unregisters, 300 times, yielding
 * at every text_poke step. The direct functions only count: every result
 * must be ft_test_func's own, and this task's calls must reach the
 * direct function the API says (a counter moves), then none once
 * unregistered.
 */
void ftk_direct_a(long x);
void ftk_direct_b(long x);
void ftk_tramp_a(void);
void ftk_tramp_b(void);
static unsigned long ftk_direct_a_calls, ftk_direct_b_calls;
static long ftk_direct_arg;

void ftk_direct_a(long x)
{
	__atomic_fetch_add(&ftk_direct_a_calls, 1, __ATOMIC_RELAXED);
	WRITE_ONCE(ftk_direct_arg, x);
}

void ftk_direct_b(long x)
{
	__atomic_fetch_add(&ftk_direct_b_calls, 1, __ATOMIC_RELAXED);
	WRITE_ONCE(ftk_direct_arg, x);
}

/* As Linux's samples/ftrace trampolines: keep the argument, call C, return into the function. */
asm(
"	.pushsection .text, \"ax\", @progbits\n"
"	.type ftk_tramp_a, @function\n"
"ftk_tramp_a:\n"
"	pushq %rbp\n"
"	movq %rsp, %rbp\n"
"	pushq %rdi\n"
"	call ftk_direct_a\n"
"	popq %rdi\n"
"	leave\n"
"	ret\n"
"	.size ftk_tramp_a, .-ftk_tramp_a\n"
"	.type ftk_tramp_b, @function\n"
"ftk_tramp_b:\n"
"	pushq %rbp\n"
"	movq %rsp, %rbp\n"
"	pushq %rdi\n"
"	call ftk_direct_b\n"
"	popq %rdi\n"
"	leave\n"
"	ret\n"
"	.size ftk_tramp_b, .-ftk_tramp_b\n"
"	.popsection\n"
);

static unsigned long ftk_shared_calls;

static notrace void ftk_count(unsigned long ip, unsigned long parent_ip,
			      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	__atomic_fetch_add(&ftk_shared_calls, 1, __ATOMIC_RELAXED);
}

/* What the site's code is now: NOP (0), the trampoline, a jmp or a direct call. */
#define FTK_STATE (FTRACE_FL_CALL | FTRACE_FL_JMP | FTRACE_FL_DCALL)

KTEST(ftrace_direct_call_two_threads)
{
	static struct ftrace_ops direct, shared;
	static struct ft_caller c[2];
	struct task *tasks[2];
	unsigned long ip = (unsigned long)ft_test_func;
	unsigned long ta = (unsigned long)ftk_tramp_a, tb = (unsigned long)ftk_tramp_b;
	unsigned int wrong = 0;

	memset(&direct, 0, sizeof(direct));
	ft_ops_init(&shared, ftk_count, 0);
	KT_ASSERT(t, ftrace_set_filter_ip(&direct, ip, 0, 1) == 0);
	KT_ASSERT(t, ftrace_set_filter_ip(&shared, ip, 0, 1) == 0);
	KT_ASSERT(t, ft_callers_start(tasks, c));
	text_poke_bp_step_hook = ft_yield_hook;
	for (int i = 1; i <= 300; i++) {
		unsigned long a, b, n;

		wrong += register_ftrace_direct(&direct, ta) != 0;
		wrong += (ftrace_site_state(ip) & FTK_STATE) != FTRACE_FL_DCALL;
		a = READ_ONCE(ftk_direct_a_calls);
		wrong += call_func(i) != i + 1;
		wrong += READ_ONCE(ftk_direct_a_calls) == a;
		wrong += modify_ftrace_direct(&direct, tb) != 0;
		b = READ_ONCE(ftk_direct_b_calls);
		wrong += call_func(i) != i + 1;
		wrong += READ_ONCE(ftk_direct_b_calls) == b;
		wrong += register_ftrace_function(&shared) != 0;
		wrong += (ftrace_site_state(ip) & FTK_STATE) != FTRACE_FL_CALL;
		wrong += modify_ftrace_direct(&direct, ta) != 0;
		a = READ_ONCE(ftk_direct_a_calls);
		n = READ_ONCE(ftk_shared_calls);
		wrong += call_func(i) != i + 1;
		wrong += READ_ONCE(ftk_direct_a_calls) == a || READ_ONCE(ftk_shared_calls) == n;
		wrong += unregister_ftrace_function(&shared) != 0;
		wrong += unregister_ftrace_direct(&direct, ta, false) != 0;
		a = READ_ONCE(ftk_direct_a_calls);
		b = READ_ONCE(ftk_direct_b_calls);
		wrong += call_func(i) != i + 1;
		wrong += READ_ONCE(ftk_direct_a_calls) != a || READ_ONCE(ftk_direct_b_calls) != b;
	}
	text_poke_bp_step_hook = NULL;
	KT_EXPECT_EQ(t, kthread_stop(tasks[0]), 0);
	KT_EXPECT_EQ(t, kthread_stop(tasks[1]), 0);
	for (int i = 0; i < 2; i++) {
		KT_EXPECT_EQ(t, c[i].bad, 0);
		KT_EXPECT_EQ(t, c[i].new, 0);
		KT_EXPECT(t, c[i].old > 0);
	}
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT(t, ftk_direct_a_calls > 0 && ftk_direct_b_calls > 0);
	KT_EXPECT(t, !memcmp((void *)ip, x86_nop5, 5));
	ftrace_free_filter(&direct);
	ftrace_free_filter(&shared);
}

/*
 * The reliable unwinder refuses a task switched out inside a handler. A
 * handler never sleeps; this test's handler does, on purpose (dropping the
 * preemption count it runs under), to build that stack.
 */
static DECLARE_COMPLETION(ft_sleeper_in);
static DECLARE_COMPLETION(ft_sleeper_out);
static struct task *ft_sleeper;

static notrace void ft_sleeping_handler(unsigned long ip, unsigned long parent_ip,
					struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	if (current != READ_ONCE(ft_sleeper))
		return;
	preempt_enable_no_resched();
	complete(&ft_sleeper_in);
	wait_for_completion(&ft_sleeper_out);
	preempt_disable();
}

static int ft_sleeper_fn(void *data)
{
	call_func(1);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/*
 * Registers ops with the sleeping handler and starts a sleeper (bound to
 * cpu unless it is -1) that is asleep in the handler when this returns.
 * The task, or NULL.
 */
static struct task *ft_sleeper_start(struct ftrace_ops *ops, int cpu)
{
	struct task *task;

	ft_ops_init(ops, ft_sleeping_handler, 0);
	if (ftrace_set_filter_ip(ops, (unsigned long)ft_test_func, 0, 1))
		return NULL;
	if (register_ftrace_function(ops))
		goto out_filter;
	reinit_completion(&ft_sleeper_in);
	reinit_completion(&ft_sleeper_out);
	task = kthread_create(ft_sleeper_fn, NULL, "ft-sleeper");
	if (IS_ERR(task))
		goto out_ops;
	if (cpu >= 0)
		kthread_bind(task, cpu);
	WRITE_ONCE(ft_sleeper, task);
	wake_up_process(task);
	wait_for_completion(&ft_sleeper_in);
	return task;
out_ops:
	unregister_ftrace_function(ops);
out_filter:
	ftrace_set_filter_ip(ops, 0, 0, 1);
	return NULL;
}

/* Lets the sleeper out of the handler, stops it, unregisters ops. */
static void ft_sleeper_finish(struct ktest *t, struct ftrace_ops *ops, struct task *task)
{
	complete(&ft_sleeper_out);
	KT_EXPECT_EQ(t, kthread_stop(task), 0);
	WRITE_ONCE(ft_sleeper, NULL);
	unregister_ftrace_function(ops);
	ftrace_set_filter_ip(ops, 0, 0, 1);
}

KTEST(ftrace_reliable_unwinder_refuses_trampoline)
{
	static struct ftrace_ops ops;
	unsigned long entries[32];
	const char *why = NULL;
	struct task *task = ft_sleeper_start(&ops, -1);
	int ret;

	KT_ASSERT(t, task);
	msleep(5);	/* it is asleep in the handler now */
	ret = stack_trace_check_tsk(task, entries, ARRAY_SIZE(entries), &why);
	KT_EXPECT_EQ(t, ret, -EINVAL);
	KT_EXPECT(t, why && !strcmp(why, "ftrace trampoline on the stack"));
	ft_sleeper_finish(t, &ops, task);
}

/* Calls the test function once on the CPU it is bound to; its CPU id. */
static int ft_call_here(void *data)
{
	call_func(1);
	return smp_processor_id();
}

/*
 * Regression: recursion bits were per CPU. A handler that slept on one
 * CPU and woke on another cleared the second CPU's bit and left the first
 * one's set, and no handler ran on the first CPU again (at 2 CPUs,
 * ftrace_redirect_10k_two_threads and every later ftrace and livepatch
 * case failed in one boot of three, after the test above). Now the bits
 * are the task's: here the sleeper is moved to another CPU while it
 * sleeps in the handler, and afterwards a call on every CPU reaches a
 * handler.
 */
KTEST(ftrace_sleeping_handler_moves_cpu)
{
	static struct ftrace_ops sleeping, counting;
	unsigned int first = 0, last = 0, cpu, n = 0;
	struct task *task;
	u64 calls;

	for_each_online_cpu(cpu) {
		if (!n++)
			first = cpu;
		last = cpu;
	}
	task = ft_sleeper_start(&sleeping, first);
	KT_ASSERT(t, task);
	KT_EXPECT_EQ(t, set_cpus_allowed(task, 1ULL << last), 0);	/* wakes up there */
	ft_sleeper_finish(t, &sleeping, task);

	ft_ops_init(&counting, ft_count, 0);
	KT_ASSERT(t, ftrace_set_filter_ip(&counting, (unsigned long)ft_test_func, 0, 1) == 0);
	KT_ASSERT(t, register_ftrace_function(&counting) == 0);
	for_each_online_cpu(cpu) {
		struct task *caller = kthread_create(ft_call_here, NULL, "ft-call/%u", cpu);

		KT_ASSERT(t, !IS_ERR(caller));
		kthread_bind(caller, cpu);
		calls = ft_calls2;
		wake_up_process(caller);
		KT_EXPECT_EQ(t, kthread_wait_exit(caller), (int)cpu);
		put_task_struct(caller);
		KT_EXPECT_EQ(t, ft_calls2 - calls, 1);	/* the handler ran on that CPU */
	}
	unregister_ftrace_function(&counting);
	ftrace_set_filter_ip(&counting, 0, 0, 1);
}
