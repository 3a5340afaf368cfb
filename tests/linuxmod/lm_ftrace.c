/*
 * lm_ftrace: a module written as for Linux that uses the ftrace exports
 * issue 17 added, each with a check that can fail: ftrace_set_filter_ips,
 * ftrace_set_notrace, the global filter (ftrace_set_global_filter/notrace,
 * ftrace_ops_set_global_filter), ftrace_free_filter, the direct-call API
 * (register/unregister/modify_ftrace_direct(_nolock)) with an x86-64
 * trampoline in the style of Linux's samples/ftrace/ftrace-direct.c, and
 * trace_printk, trace_puts, trace_dump_stack. Its traced functions are its
 * own. At unload it writes one more line, calls ftrace_dump(DUMP_ALL) and
 * checks that tracing went off. The linuxmod_ftrace scenario reads the
 * trace file and the console, and expects "N checks, 0 failed".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/ftrace.h>
#include <linux/errno.h>

static int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		pr_err("check failed: %s\n", what);
	}
}

/* The traced functions: noinline, and each call kept (the volatile sink). */
static volatile long lm_sink;

noinline long lm_ftrace_target_a(long x);
noinline long lm_ftrace_target_b(long x);
noinline long lm_ftrace_target_c(long x);
noinline long lm_ftrace_target_d(long x);

noinline long lm_ftrace_target_a(long x)
{
	lm_sink = x;
	return x + 1;
}

noinline long lm_ftrace_target_b(long x)
{
	lm_sink = x;
	return x + 2;
}

noinline long lm_ftrace_target_c(long x)
{
	lm_sink = x;
	return x + 3;
}

noinline long lm_ftrace_target_d(long x)
{
	lm_sink = x;
	return x * 2;
}

/* ---- ftrace_ops handlers ---- */

static int hits_a, hits_b, hits_c, hits_d;

static void notrace lm_count(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	if (ip == (unsigned long)lm_ftrace_target_a)
		hits_a++;
	else if (ip == (unsigned long)lm_ftrace_target_b)
		hits_b++;
	else if (ip == (unsigned long)lm_ftrace_target_c)
		hits_c++;
	else if (ip == (unsigned long)lm_ftrace_target_d)
		hits_d++;
}

static void notrace lm_ipmodify(unsigned long ip, unsigned long parent_ip,
				struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static struct ftrace_ops ips_ops = { .func = lm_count };
static struct ftrace_ops glob_ops = { .func = lm_count };
static struct ftrace_ops global_ops_user = { .func = lm_count };
static struct ftrace_ops shared_ops = { .func = lm_count };
static struct ftrace_ops ipmod_ops = {
	.func = lm_ipmodify,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
};

static void reset_hits(void)
{
	hits_a = hits_b = hits_c = hits_d = 0;
}

static void call_all(void)
{
	lm_ftrace_target_a(1);
	lm_ftrace_target_b(2);
	lm_ftrace_target_c(3);
}

static void check_filters(void)
{
	unsigned long ips[2] = { (unsigned long)lm_ftrace_target_a,
				 (unsigned long)lm_ftrace_target_c };
	unsigned long bad[2] = { (unsigned long)lm_ftrace_target_b,
				 (unsigned long)lm_ftrace_target_b + 1 };

	/* ftrace_set_filter_ips: two sites at once; all or nothing. */
	check(ftrace_set_filter_ips(&ips_ops, ips, 0, 0, 0) == -EINVAL, "filter_ips cnt 0");
	check(ftrace_set_filter_ips(&ips_ops, bad, 2, 0, 0) == -ENOENT, "filter_ips bad ip");
	check(ftrace_set_filter_ips(&ips_ops, ips, 2, 0, 0) == 0, "filter_ips");
	check(register_ftrace_function(&ips_ops) == 0, "register ips_ops");
	reset_hits();
	call_all();
	check(hits_a == 1 && hits_b == 0 && hits_c == 1, "filter_ips: a and c traced, b not");
	/* remove one of them while registered */
	check(ftrace_set_filter_ips(&ips_ops, ips, 1, 1, 0) == 0, "filter_ips remove");
	reset_hits();
	call_all();
	check(hits_a == 0 && hits_c == 1, "filter_ips remove: only c");
	check(unregister_ftrace_function(&ips_ops) == 0, "unregister ips_ops");
	ftrace_free_filter(&ips_ops);

	/* A glob filter less a notrace glob. */
	check(ftrace_set_filter(&glob_ops, "lm_ftrace_target_*", 18, 1) == 0, "set_filter glob");
	check(ftrace_set_notrace(&glob_ops, "lm_ftrace_target_b", 18, 1) == 0, "set_notrace");
	check(ftrace_set_notrace(&glob_ops, "lm_no_such_function_xyz", 23, 0) == -EINVAL,
	      "set_notrace: no match");
	check(register_ftrace_function(&glob_ops) == 0, "register glob_ops");
	reset_hits();
	call_all();
	check(hits_a == 1 && hits_b == 0 && hits_c == 1, "notrace: b left out");
	/* notrace changed while registered: b back in, a out */
	check(ftrace_set_notrace(&glob_ops, "lm_ftrace_target_a", 18, 1) == 0, "set_notrace again");
	reset_hits();
	call_all();
	check(hits_a == 0 && hits_b == 1 && hits_c == 1, "notrace moved: a left out");
	check(unregister_ftrace_function(&glob_ops) == 0, "unregister glob_ops");
	ftrace_free_filter(&glob_ops);

	/* The global filter: an ops given it follows the function tracer's filter. */
	ftrace_ops_set_global_filter(&global_ops_user);
	ftrace_set_global_filter("lm_ftrace_target_*", 0, 1);
	ftrace_set_global_notrace("lm_ftrace_target_a", 0, 1);
	check(register_ftrace_function(&global_ops_user) == 0, "register global filter user");
	reset_hits();
	call_all();
	check(hits_a == 0 && hits_b == 1 && hits_c == 1, "global filter less global notrace");
	ftrace_set_global_filter("lm_ftrace_target_c", 0, 1);	/* changed while registered */
	reset_hits();
	call_all();
	check(hits_a == 0 && hits_b == 0 && hits_c == 1, "global filter changed: only c");
	check(unregister_ftrace_function(&global_ops_user) == 0, "unregister global filter user");
	ftrace_set_global_filter(NULL, 0, 1);	/* every function again, as before */
	ftrace_set_global_notrace(NULL, 0, 1);
	reset_hits();
	call_all();
	check(hits_a + hits_b + hits_c == 0, "nothing traced once unregistered");
}

/* ---- direct calls ---- */

static long direct1_arg = -1, direct2_arg = -1;
static int direct1_calls, direct2_calls;

void lm_ftrace_direct1(long x);
void lm_ftrace_direct2(long x);
void lm_ftrace_tramp1(void);
void lm_ftrace_tramp2(void);

void lm_ftrace_direct1(long x)
{
	direct1_arg = x;
	direct1_calls++;
}

void lm_ftrace_direct2(long x)
{
	direct2_arg = x;
	direct2_calls++;
}

#ifdef CONFIG_X86_64
/*
 * Direct trampolines as Linux's samples write them: entered by `call`
 * from the traced function's fentry site with its arguments live, they
 * save the argument register, call C with it, restore and return to the
 * function's body.
 */
asm(
"	.pushsection	.text, \"ax\", @progbits\n"
"	.type		lm_ftrace_tramp1, @function\n"
"	.globl		lm_ftrace_tramp1\n"
"lm_ftrace_tramp1:\n"
"	pushq %rbp\n"
"	movq %rsp, %rbp\n"
"	pushq %rdi\n"
"	call lm_ftrace_direct1\n"
"	popq %rdi\n"
"	leave\n"
"	ret\n"
"	.size		lm_ftrace_tramp1, .-lm_ftrace_tramp1\n"
"	.type		lm_ftrace_tramp2, @function\n"
"	.globl		lm_ftrace_tramp2\n"
"lm_ftrace_tramp2:\n"
"	pushq %rbp\n"
"	movq %rsp, %rbp\n"
"	pushq %rdi\n"
"	call lm_ftrace_direct2\n"
"	popq %rdi\n"
"	leave\n"
"	ret\n"
"	.size		lm_ftrace_tramp2, .-lm_ftrace_tramp2\n"
"	.popsection\n"
);
#endif

static struct ftrace_ops direct_ops, direct_ops2, empty_direct;

static void check_direct(void)
{
	unsigned long d = (unsigned long)lm_ftrace_target_d;
	unsigned long t1 = (unsigned long)lm_ftrace_tramp1, t2 = (unsigned long)lm_ftrace_tramp2;

	check(register_ftrace_direct(&empty_direct, t1) == -EINVAL, "direct: empty filter");
	check(ftrace_set_filter_ip(&direct_ops, d, 0, 0) == 0, "direct: filter_ip");
	check(register_ftrace_direct(&direct_ops, t1) == 0, "register_ftrace_direct");
	check(lm_ftrace_target_d(21) == 42 && direct1_arg == 21 && direct1_calls == 1,
	      "direct call sees the argument, the function still runs");
	check(register_ftrace_direct(&direct_ops, t1) == -EINVAL, "direct: registered twice");
	/* one direct or IPMODIFY user per site */
	check(ftrace_set_filter_ip(&direct_ops2, d, 0, 0) == 0, "direct2: filter_ip");
	check(register_ftrace_direct(&direct_ops2, t2) == -EBUSY, "second direct: EBUSY");
	check(ftrace_set_filter_ip(&ipmod_ops, d, 0, 0) == 0, "ipmodify: filter_ip");
	check(register_ftrace_function(&ipmod_ops) == -EBUSY, "ipmodify on a direct site: EBUSY");
	/* a plain ops shares the site: its handler and the direct call both run */
	check(ftrace_set_filter_ip(&shared_ops, d, 0, 0) == 0, "shared: filter_ip");
	check(register_ftrace_function(&shared_ops) == 0, "shared: register");
	reset_hits();
	check(lm_ftrace_target_d(5) == 10 && direct1_arg == 5 && direct1_calls == 2 && hits_d == 1,
	      "shared site: handler and direct call");
	/* modify while shared (through the trampoline), then alone (the call itself) */
	check(modify_ftrace_direct(&direct_ops, t2) == 0, "modify_ftrace_direct");
	check(lm_ftrace_target_d(6) == 12 && direct2_arg == 6 && direct1_calls == 2,
	      "modified while shared: the new function");
	check(unregister_ftrace_function(&shared_ops) == 0, "shared: unregister");
	check(lm_ftrace_target_d(7) == 14 && direct2_arg == 7 && direct2_calls == 2,
	      "alone again: the new function");
	check(modify_ftrace_direct_nolock(&direct_ops, t1) == 0, "modify_ftrace_direct_nolock");
	check(lm_ftrace_target_d(8) == 16 && direct1_arg == 8 && direct1_calls == 3,
	      "modified back");
	check(unregister_ftrace_direct(&direct_ops, t1, true) == 0, "unregister_ftrace_direct");
	check(lm_ftrace_target_d(9) == 18 && direct1_calls == 3 && direct2_calls == 2,
	      "no direct call once unregistered");
	check(unregister_ftrace_direct(&direct_ops, t1, true) == -EINVAL, "unregister twice");
	check(modify_ftrace_direct(&direct_ops, t2) == -EINVAL, "modify unregistered");
	/* the site is free again: the IPMODIFY ops gets it */
	check(register_ftrace_function(&ipmod_ops) == 0, "ipmodify once the direct call is gone");
	check(unregister_ftrace_function(&ipmod_ops) == 0, "ipmodify: unregister");
	ftrace_free_filter(&ipmod_ops);
	ftrace_free_filter(&direct_ops2);
	ftrace_free_filter(&shared_ops);
	/* and it can be registered again with the same ops */
	check(ftrace_set_filter_ip(&direct_ops, d, 0, 0) == 0, "direct again: filter_ip");
	check(register_ftrace_direct(&direct_ops, t2) == 0, "register_ftrace_direct again");
	check(lm_ftrace_target_d(10) == 20 && direct2_arg == 10, "direct again: called");
	check(unregister_ftrace_direct(&direct_ops, t2, true) == 0, "unregister again");
}

/* ---- trace_printk and friends ---- */

static noinline void lm_ftrace_stack_leaf(void)
{
	trace_dump_stack(0);
}

static void check_trace_printk(void)
{
	char word[] = "dynamic\n";

	check(tracing_is_on(), "tracing is on");
	trace_printk("lm_ftrace: printk %d %s\n", 42, "forty-two");
	trace_printk("lm_ftrace: no arguments\n");
	check(trace_puts("lm_ftrace: puts constant\n") == 1, "trace_puts (bputs) returns 1");
	check(__trace_puts(_THIS_IP_, word, 8) == 8, "__trace_puts returns its size");
	check(__trace_printk(_THIS_IP_, "lm_ftrace: __trace_printk %s", word) > 0,
	      "__trace_printk");
	lm_ftrace_stack_leaf();
	tracing_off();
	check(__trace_bprintk(_THIS_IP_, "lm_ftrace: not recorded\n") == 0,
	      "nothing recorded while off");
	tracing_on();
}

static int __init lm_ftrace_init(void)
{
	check_filters();
	check_direct();
	check_trace_printk();
	pr_info("%d checks, %d failed\n", checks, failed);
	return 0;
}

static void __exit lm_ftrace_exit(void)
{
	trace_printk("lm_ftrace: unloading\n");
	ftrace_dump(DUMP_NONE);		/* prints nothing */
	check(tracing_is_on(), "DUMP_NONE leaves tracing on");
	ftrace_dump(DUMP_ALL);
	check(!tracing_is_on(), "ftrace_dump turns tracing off");
	pr_info("exit: %d checks, %d failed\n", checks, failed);
}

module_init(lm_ftrace_init);
module_exit(lm_ftrace_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: ftrace filters, direct calls, trace_printk, ftrace_dump");
