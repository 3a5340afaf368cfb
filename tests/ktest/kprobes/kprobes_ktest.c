/*
 * In-kernel tests of kprobes and kretprobes (kernel/trace/kprobes.c): hit
 * counts of pre and post handlers, the regs->ip each sees, a pre_handler
 * that redirects, the IPMODIFY rule between two ftrace users, bad
 * registrations, kretprobe handlers with return values and entry data,
 * maxactive and nmissed under recursion, stack walks with the return
 * trampoline on the stack (plain, and the reliable walk livepatch uses on a
 * thread asleep inside a kretprobed function), and unregistration with an
 * instance still live. Memory comes back (kmalloc accounting).
 */
#include <kelp/ktest.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/kprobes.h>
#include <kelp/mm.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include "../kernel/parked.h"

int kp_test_func(int x);
int kp_test_other(int x);
int kp_test_recurse(int depth);

noinline int kp_test_func(int x)
{
	barrier();
	return x * 2;
}

noinline int kp_test_other(int x)
{
	barrier();
	return x + 100;
}

static u64 kp_mem(void)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	return st.bytes_in_use;
}

static unsigned long kp_walk[16];
static unsigned int kp_walk_n;
static bool kp_walk_now;
static int (*volatile kp_rec)(int) = kp_test_recurse;

/* Recursion through a volatile pointer: the compiler cannot make it a loop. */
noinline int kp_test_recurse(int depth)
{
	int r;

	barrier();
	if (depth > 0) {
		r = kp_rec(depth - 1) + 1;
	} else {
		if (kp_walk_now)
			kp_walk_n = stack_walk_fp((unsigned long)__builtin_frame_address(0), kp_walk,
						  ARRAY_SIZE(kp_walk));
		r = 0;
	}
	barrier();
	return r;
}

static int (*volatile kp_call)(int) = kp_test_func;
static int (*volatile kp_call_other)(int) = kp_test_other;

static unsigned int pre_hits, post_hits;
static unsigned long pre_ip, post_ip;

static int kp_pre(struct kprobe *p, struct pt_regs *regs)
{
	pre_hits++;
	pre_ip = regs->ip;
	return 0;
}

static void kp_post(struct kprobe *p, struct pt_regs *regs, unsigned long flags)
{
	post_hits++;
	post_ip = regs->ip;
}

KTEST(kprobe_pre_and_post_hit_counts)
{
	static struct kprobe kp;
	unsigned long addr = (unsigned long)kp_test_func;
	u64 mem = kp_mem();

	memset(&kp, 0, sizeof(kp));
	kp.addr = (kprobe_opcode_t *)addr;
	kp.pre_handler = kp_pre;
	kp.post_handler = kp_post;
	pre_hits = post_hits = 0;
	KT_ASSERT(t, register_kprobe(&kp) == 0);
	KT_EXPECT_EQ(t, register_kprobe(&kp), -EEXIST);
	for (int i = 0; i < 1000; i++)
		KT_EXPECT_EQ(t, kp_call(i), 2 * i);
	KT_EXPECT_EQ(t, pre_hits, 1000);
	KT_EXPECT_EQ(t, post_hits, 1000);
	KT_EXPECT_EQ(t, kp.nhit, 1000);
	KT_EXPECT_EQ(t, pre_ip, addr + 1);		/* after the (virtual) int3 */
	KT_EXPECT_EQ(t, post_ip, addr + MCOUNT_INSN_SIZE);	/* after the NOP */
	kp_call_other(1);
	KT_EXPECT_EQ(t, pre_hits, 1000);	/* another function: not probed */
	unregister_kprobe(&kp);
	kp_call(1);
	KT_EXPECT_EQ(t, pre_hits, 1000);
	KT_EXPECT_EQ(t, kprobes_registered(), 0);
	KT_EXPECT_EQ(t, kp_mem(), mem);
}

static int kp_redirect(struct kprobe *p, struct pt_regs *regs)
{
	regs->ip = (unsigned long)kp_test_other;
	return 1;	/* ip chosen here: no post_handler, no restore */
}

KTEST(kprobe_pre_handler_redirects)
{
	static struct kprobe kp;

	memset(&kp, 0, sizeof(kp));
	kp.addr = (kprobe_opcode_t *)kp_test_func;
	kp.pre_handler = kp_redirect;
	kp.post_handler = kp_post;	/* IPMODIFY: may change regs->ip */
	KT_ASSERT(t, register_kprobe(&kp) == 0);
	KT_EXPECT_EQ(t, kp_call(5), 105);
	unregister_kprobe(&kp);
	KT_EXPECT_EQ(t, kp_call(5), 10);
}

KTEST(kprobe_ipmodify_conflicts)
{
	static struct kprobe a, b, c;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	a.addr = b.addr = c.addr = (kprobe_opcode_t *)kp_test_func;
	a.post_handler = b.post_handler = kp_post;
	c.pre_handler = kp_pre;
	KT_ASSERT(t, register_kprobe(&a) == 0);
	KT_EXPECT_EQ(t, register_kprobe(&b), -EBUSY);	/* a second IPMODIFY user */
	pre_hits = post_hits = 0;
	KT_EXPECT_EQ(t, register_kprobe(&c), 0);	/* no post_handler: coexists */
	kp_call(3);
	KT_EXPECT_EQ(t, pre_hits, 1);
	KT_EXPECT_EQ(t, post_hits, 1);
	unregister_kprobe(&a);
	unregister_kprobe(&b);	/* never registered: nothing happens */
	unregister_kprobe(&c);
	KT_EXPECT_EQ(t, kprobes_registered(), 0);
}

KTEST(kprobe_bad_registrations)
{
	static struct kprobe kp;

	memset(&kp, 0, sizeof(kp));
	KT_EXPECT_EQ(t, register_kprobe(&kp), -EINVAL);	/* no address */
	kp.symbol_name = "no_such_function_anywhere";
	KT_EXPECT_EQ(t, register_kprobe(&kp), -ENOENT);
	kp.symbol_name = "cmdline_proc_show";
	kp.offset = 4;
	KT_EXPECT_EQ(t, register_kprobe(&kp), -EINVAL);	/* not an fentry site */
	kp.offset = 0;
	kp.addr = (kprobe_opcode_t *)kp_test_func;
	KT_EXPECT_EQ(t, register_kprobe(&kp), -EINVAL);	/* both addr and symbol */
	kp.symbol_name = NULL;
	kp.addr = (kprobe_opcode_t *)kp_test_func + 1;
	KT_EXPECT_EQ(t, register_kprobe(&kp), -EINVAL);
	kp.addr = NULL;
	kp.symbol_name = "cmdline_proc_show";
	KT_EXPECT_EQ(t, register_kprobe(&kp), 0);
	KT_EXPECT(t, kp.addr != NULL);
	unregister_kprobe(&kp);
}

struct kp_entry_data {
	int arg;
};

static unsigned int ret_hits, entry_hits;
static long ret_sum;
static int ret_bad_data;

static int krp_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct kp_entry_data *d = (void *)ri->data;

	entry_hits++;
	d->arg = regs->di;
	return 0;
}

static int krp_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct kp_entry_data *d = (void *)ri->data;

	ret_hits++;
	ret_sum += regs_return_value(regs);
	if ((long)regs_return_value(regs) != 2L * d->arg)
		ret_bad_data++;
	return 0;
}

KTEST(kretprobe_hit_counts_and_return_values)
{
	static struct kretprobe rp;
	u64 mem = kp_mem();
	long sum = 0;

	memset(&rp, 0, sizeof(rp));
	rp.kp.addr = (kprobe_opcode_t *)kp_test_func;
	rp.handler = krp_ret;
	rp.entry_handler = krp_entry;
	rp.data_size = sizeof(struct kp_entry_data);
	ret_hits = entry_hits = ret_bad_data = 0;
	ret_sum = 0;
	KT_ASSERT(t, register_kretprobe(&rp) == 0);
	for (int i = 0; i < 1000; i++) {
		KT_EXPECT_EQ(t, kp_call(i), 2 * i);
		sum += 2 * i;
	}
	KT_EXPECT_EQ(t, entry_hits, 1000);
	KT_EXPECT_EQ(t, ret_hits, 1000);
	KT_EXPECT_EQ(t, ret_sum, sum);
	KT_EXPECT_EQ(t, ret_bad_data, 0);
	KT_EXPECT_EQ(t, rp.nmissed, 0);
	unregister_kretprobe(&rp);
	kp_call(1);
	KT_EXPECT_EQ(t, ret_hits, 1000);
	KT_EXPECT_EQ(t, kp_mem(), mem);
}

static unsigned int rec_ret_hits;

static int krp_rec_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	rec_ret_hits++;
	return 0;
}

/* 8 nested calls, 3 instances: 3 returns seen, 5 missed; results unchanged. */
KTEST(kretprobe_maxactive_and_nmissed)
{
	static struct kretprobe rp;

	memset(&rp, 0, sizeof(rp));
	rp.kp.addr = (kprobe_opcode_t *)kp_test_recurse;
	rp.handler = krp_rec_ret;
	rp.maxactive = 3;
	rec_ret_hits = 0;
	KT_ASSERT(t, register_kretprobe(&rp) == 0);
	KT_EXPECT_EQ(t, kp_rec(7), 7);
	KT_EXPECT_EQ(t, rec_ret_hits, 3);
	KT_EXPECT_EQ(t, rp.nmissed, 5);
	unregister_kretprobe(&rp);
}

/* A walk from inside 3 kretprobed frames sees the real callers, not the trampoline. */
KTEST(kretprobe_stack_walk_sees_real_callers)
{
	static struct kretprobe rp;
	unsigned int tramp = 0, rec = 0;

	memset(&rp, 0, sizeof(rp));
	rp.kp.addr = (kprobe_opcode_t *)kp_test_recurse;
	rp.handler = krp_rec_ret;
	rp.maxactive = 8;
	KT_ASSERT(t, register_kretprobe(&rp) == 0);
	kp_walk_now = true;
	KT_EXPECT_EQ(t, kp_rec(2), 2);
	kp_walk_now = false;
	unregister_kretprobe(&rp);
	for (unsigned int i = 0; i < kp_walk_n; i++) {
		if (is_kretprobe_trampoline(kp_walk[i]))
			tramp++;
		if (kp_walk[i] > (unsigned long)kp_test_recurse &&
		    kp_walk[i] < (unsigned long)kp_test_recurse + 128)
			rec++;
	}
	KT_EXPECT_EQ(t, tramp, 0);
	KT_EXPECT_EQ(t, rec, 2);	/* the two recursive calls' return addresses */
	KT_EXPECT(t, kp_walk_n > 3);
}

static unsigned int park_ret_hits;

static int krp_park_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	park_ret_hits++;
	return 0;
}

/*
 * A thread asleep inside a kretprobed function (kt_park_fn, whose return
 * address is the trampoline's while it sleeps): livepatch's reliable walk
 * still succeeds and reports the real return address; the probe is
 * unregistered while the instance is live, and the function still returns
 * to its caller.
 */
KTEST(kretprobe_reliable_stack_of_sleeping_task)
{
	static struct kretprobe rp;
	static struct completion c;
	unsigned long entries[MAX_ENTRIES];
	struct task *k;
	int n, tramp = 0;

	memset(&rp, 0, sizeof(rp));
	rp.kp.addr = (kprobe_opcode_t *)kt_park_fn;
	rp.handler = krp_park_ret;
	park_ret_hits = 0;
	KT_ASSERT(t, register_kretprobe(&rp) == 0);
	k = start_parked(&c);
	KT_ASSERT(t, k != NULL);
	n = stack_trace_save_tsk_reliable(k, entries, MAX_ENTRIES);
	KT_EXPECT(t, n > 3);
	for (int i = 0; i < n; i++)
		tramp += is_kretprobe_trampoline(entries[i]);
	KT_EXPECT_EQ(t, tramp, 0);
	unregister_kretprobe(&rp);	/* the instance is still on k's stack */
	stop_parked(k, &c);		/* kt_park_fn returns through the trampoline */
	KT_EXPECT_EQ(t, park_ret_hits, 0);	/* orphaned: no handler any more */
}

/* Writes s to /sys/kernel/debug/kprobes/enabled; returns the write's result. */
static long kp_set_enabled(const char *s)
{
	struct file *f;
	long n;

	if (vfs_open("/sys/kernel/debug/kprobes/enabled", O_WRONLY, 0, &f))
		return -ENOENT;
	n = vfs_write(f, s, strlen(s));
	vfs_close(f);
	return n;
}

/* Linux's kprobes/enabled: 0 silences every probe, 1 brings them back. */
KTEST(kprobes_globally_disabled)
{
	static struct kprobe kp;

	memset(&kp, 0, sizeof(kp));
	kp.addr = (kprobe_opcode_t *)kp_test_func;
	kp.pre_handler = kp_pre;
	pre_hits = 0;
	KT_ASSERT(t, register_kprobe(&kp) == 0);
	kp_call(1);
	KT_EXPECT_EQ(t, kp_set_enabled("0\n"), 2);
	kp_call(2);
	KT_EXPECT_EQ(t, pre_hits, 1);
	KT_EXPECT_EQ(t, kp_set_enabled("maybe"), -EINVAL);
	KT_EXPECT_EQ(t, kp_set_enabled("1\n"), 2);
	kp_call(3);
	KT_EXPECT_EQ(t, pre_hits, 2);
	unregister_kprobe(&kp);
}

/* disable_kprobe/enable_kprobe: handlers stop and resume; not registered: -EINVAL. */
KTEST(kprobe_disable_enable)
{
	static struct kprobe kp;

	memset(&kp, 0, sizeof(kp));
	kp.addr = (kprobe_opcode_t *)kp_test_func;
	kp.pre_handler = kp_pre;
	pre_hits = 0;
	KT_EXPECT_EQ(t, disable_kprobe(&kp), -EINVAL);
	KT_EXPECT_EQ(t, enable_kprobe(&kp), -EINVAL);
	KT_ASSERT(t, register_kprobe(&kp) == 0);
	kp_call(1);
	KT_EXPECT_EQ(t, disable_kprobe(&kp), 0);
	kp_call(2);
	KT_EXPECT_EQ(t, pre_hits, 1);
	KT_EXPECT_EQ(t, kp.nhit, 1);
	KT_EXPECT_EQ(t, enable_kprobe(&kp), 0);
	kp_call(3);
	KT_EXPECT_EQ(t, pre_hits, 2);
	unregister_kprobe(&kp);
	KT_EXPECT_EQ(t, enable_kprobe(&kp), -EINVAL);
}
