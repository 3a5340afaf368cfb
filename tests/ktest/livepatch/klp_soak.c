/*
 * The livepatch soak (soak-livepatch.ko, issue 15; `make soak` and the
 * short tests/qemu/livepatch_soak.t): random operations from a seeded
 * PRNG (the seed is printed; seed=N replays an order) on five patches of
 * this module's own (two stacked, one replacing, one on the function a
 * blocker thread sleeps in; patch->mod a stand-in module) and the real
 * replace modules test_klp_replace_a/b.ko: enable
 * (what a patch module's init does), insmod, echo 0 > enabled (disable, or
 * reverse a transition), echo 1 > force, rmmod, and waits for the
 * transition to end, release the blocker once; meanwhile a busy and a sleeping thread on every CPU
 * call klp_bench_f100..f119 of target-bench.ko and check each result is
 * either the original's or a patch's. The independent stack check
 * (livepatch/verify.c) runs after every completed, unforced transition.
 * At the end: no wrong result, no transition that did not complete, no
 * task left pending, no verify failure, memory and module area back to
 * their start. Runs until seconds= pass or transitions= are reached.
 */
#include "../../../livepatch/core.h"
#include "klp_test.h"
#include <linux/moduleparam.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/module.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/workqueue.h>
#include "../target.h"
#include "klp_ktest_target.h"

static unsigned int seconds = 30;
module_param(seconds, uint, 0444);
MODULE_PARM_DESC(seconds, "stop after this many seconds");
static unsigned int transitions;
module_param(transitions, uint, 0444);
MODULE_PARM_DESC(transitions, "stop once this many transitions ended (0: only seconds= counts)");
static bool verbose;
module_param(verbose, bool, 0444);
MODULE_PARM_DESC(verbose, "keep the transitions' log lines on the console, and trace each operation");
static unsigned long seed;
module_param(seed, ulong, 0444);
MODULE_PARM_DESC(seed, "PRNG seed (0: from the clock; printed)");

#define SK_FIRST 100		/* klp_bench_f100 .. f119 of target-bench.ko */
#define SK_NR 20

/* ---- this module's patches: each its own copy of x - N (distinct code: verify tells them apart) ---- */

static unsigned long sk_new_calls[4];

#define SK_NEW(p, n) \
	static noinline int sk##p##_f##n(int x) { WRITE_ONCE(sk_new_calls[p], sk_new_calls[p] + 1); return x - n; }
#define SK_FUNC(p, n) { .old_name = "klp_bench_f" #n, .new_func = sk##p##_f##n },

/*
 * 0: f100-f104; 1: f105-f114; 2: f110-f119 (stacks on 1); 3: replace,
 * f115-f119; 4: klp_ktest_block of target-ktest.ko, where the blocker
 * thread sleeps: its transitions (and the replace patches' no-op for it)
 * stall until the blocker is released, or are forced or reversed.
 */
#define SK_PATCHES 5
SK_NEW(0, 100) SK_NEW(0, 101) SK_NEW(0, 102) SK_NEW(0, 103) SK_NEW(0, 104)
SK_NEW(1, 105) SK_NEW(1, 106) SK_NEW(1, 107) SK_NEW(1, 108) SK_NEW(1, 109)
SK_NEW(1, 110) SK_NEW(1, 111) SK_NEW(1, 112) SK_NEW(1, 113) SK_NEW(1, 114)
SK_NEW(2, 110) SK_NEW(2, 111) SK_NEW(2, 112) SK_NEW(2, 113) SK_NEW(2, 114)
SK_NEW(2, 115) SK_NEW(2, 116) SK_NEW(2, 117) SK_NEW(2, 118) SK_NEW(2, 119)
SK_NEW(3, 115) SK_NEW(3, 116) SK_NEW(3, 117) SK_NEW(3, 118) SK_NEW(3, 119)

static struct klp_func sk0_funcs[] = {
	SK_FUNC(0, 100) SK_FUNC(0, 101) SK_FUNC(0, 102) SK_FUNC(0, 103) SK_FUNC(0, 104) {}
};
static struct klp_func sk1_funcs[] = {
	SK_FUNC(1, 105) SK_FUNC(1, 106) SK_FUNC(1, 107) SK_FUNC(1, 108) SK_FUNC(1, 109)
	SK_FUNC(1, 110) SK_FUNC(1, 111) SK_FUNC(1, 112) SK_FUNC(1, 113) SK_FUNC(1, 114) {}
};
static struct klp_func sk2_funcs[] = {
	SK_FUNC(2, 110) SK_FUNC(2, 111) SK_FUNC(2, 112) SK_FUNC(2, 113) SK_FUNC(2, 114)
	SK_FUNC(2, 115) SK_FUNC(2, 116) SK_FUNC(2, 117) SK_FUNC(2, 118) SK_FUNC(2, 119) {}
};
static struct klp_func sk3_funcs[] = {
	SK_FUNC(3, 115) SK_FUNC(3, 116) SK_FUNC(3, 117) SK_FUNC(3, 118) SK_FUNC(3, 119) {}
};

static struct klp_func sk4_funcs[] = {
	{ .old_name = "klp_ktest_block", .new_func = klp_ktest_block_new }, {}
};

static struct klp_object sk_objs[SK_PATCHES][2] = {
	{ { .name = BENCH_TARGET_MOD, .funcs = sk0_funcs }, {} },
	{ { .name = BENCH_TARGET_MOD, .funcs = sk1_funcs }, {} },
	{ { .name = BENCH_TARGET_MOD, .funcs = sk2_funcs }, {} },
	{ { .name = BENCH_TARGET_MOD, .funcs = sk3_funcs }, {} },
	{ { .name = KTEST_TARGET_MOD, .funcs = sk4_funcs }, {} },
};
static struct module sk_mods[SK_PATCHES] = {
	{ .name = "klp_soak0", .livepatch = true }, { .name = "klp_soak1", .livepatch = true },
	{ .name = "klp_soak2", .livepatch = true }, { .name = "klp_soak3", .livepatch = true },
	{ .name = "klp_soak4", .livepatch = true },
};
static struct klp_patch sk_patches[SK_PATCHES] = {
	{ .mod = &sk_mods[0], .objs = sk_objs[0] }, { .mod = &sk_mods[1], .objs = sk_objs[1] },
	{ .mod = &sk_mods[2], .objs = sk_objs[2] },
	{ .mod = &sk_mods[3], .objs = sk_objs[3], .replace = true },
	{ .mod = &sk_mods[4], .objs = sk_objs[4] },
};
static bool sk_loaded[SK_PATCHES];	/* enabled once and not yet reset */

static const char *const sk_real[2] = { "test_klp_replace_a", "test_klp_replace_b" };
static bool sk_real_loaded[2];

/* ---- the callers ---- */

struct sk_caller {
	struct task *task;
	bool sleeps;
	unsigned long calls, wrong;
};

static int (*sk_fn[SK_NR])(int x);
static struct sk_caller sk_callers[2 * NR_CPUS];

static int sk_caller_fn(void *data)
{
	struct sk_caller *c = data;
	unsigned int i = 0;

	while (!kthread_should_stop()) {
		int n = SK_FIRST + i % SK_NR, x = (int)(c->calls & 1023);
		int r = sk_fn[i % SK_NR](x);

		if (r != x + n && r != x - n)
			c->wrong++;
		c->calls++;
		i++;
		if (c->sleeps && !(i % SK_NR))
			msleep(1);
		else
			cond_resched();
	}
	return 0;
}

/* A TAP diagnostic line, straight to the console as the runner's own lines. */
static __printf(1, 2) void sk_printf(const char *fmt, ...)
{
	char buf[400];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, n);
}

/*
 * The blocker: asleep in klp_ktest_block (whichever version is in
 * service) until released, then at once again; one release per
 * sk_release(). It passes cond_resched() between calls: a switch point.
 */
static struct completion sk_block;
static volatile bool sk_block_stop;
static unsigned long sk_releases;

static int sk_blocker_fn(void *unused)
{
	while (!READ_ONCE(sk_block_stop)) {
		klp_ktest_block(&sk_block);
		cond_resched();
	}
	return 0;
}

static void sk_release(void)
{
	complete(&sk_block);
	sk_releases++;
}

/* ---- the operations ---- */

static u64 sk_rng;

static u32 sk_rand(void)
{
	/* xorshift64*: small, and the same order for the same seed */
	sk_rng ^= sk_rng >> 12;
	sk_rng ^= sk_rng << 25;
	sk_rng ^= sk_rng >> 27;
	return (u32)((sk_rng * 0x2545F4914F6CDD1DULL) >> 32);
}

struct sk_stats {
	unsigned long ops[8], refused, forced, stuck, pending_left;
};

enum { SK_ENABLE, SK_INSMOD, SK_DISABLE, SK_REVERSE, SK_FORCE, SK_RMMOD, SK_WAIT };

static bool sk_in_list(struct klp_patch *patch)
{
	struct klp_patch *p;
	bool found = false;

	mutex_lock(&klp_mutex);
	klp_for_each_patch(p)
		found |= p == patch;
	mutex_unlock(&klp_mutex);
	return found;
}

#define SK_MAX_INSTALLED 8

/* The names and enabled states of the installed patches; returns how many. */
static int sk_installed(char names[][MODULE_NAME_LEN], bool *enabled)
{
	struct klp_patch *p;
	int n = 0;

	mutex_lock(&klp_mutex);
	klp_for_each_patch(p) {
		if (n == SK_MAX_INSTALLED)
			break;
		strscpy(names[n], p->mod->name, MODULE_NAME_LEN);
		enabled[n++] = p->enabled;
	}
	mutex_unlock(&klp_mutex);
	return n;
}

/* True if a real module's patch is installed (enabled or in transition). */
static bool sk_real_installed(void)
{
	struct klp_patch *p;
	bool found = false;

	mutex_lock(&klp_mutex);
	klp_for_each_patch(p)
		found |= p->mod < &sk_mods[0] || p->mod > &sk_mods[SK_PATCHES - 1];
	mutex_unlock(&klp_mutex);
	return found;
}

/*
 * Makes this module's patch i loadable again once it left klp_patches
 * (disabled or replaced): its free work done, fresh kobjects, as a
 * reloaded module would have. A forced patch keeps its module reference
 * (never unloaded, as in Linux): the stand-in's count is dropped here.
 */
static void sk_reclaim(int i)
{
	if (!sk_loaded[i] || sk_in_list(&sk_patches[i]))
		return;
	flush_work(&sk_patches[i].free_work);
	if (sk_patches[i].forced)
		sk_mods[i].refcnt = 0;
	klp_test_reset(&sk_patches[i]);
	sk_loaded[i] = false;
}

/* Waits up to ms for the transition to end; false if it did not. */
static bool sk_wait_idle(unsigned int ms)
{
	u64 end = jiffies + msecs_to_jiffies(ms);

	while (klp_transition_in_progress() && jiffies < end)
		msleep(1);
	return !klp_transition_in_progress();
}

static void sk_write(const char *mod, const char *file, const char *val, struct sk_stats *st)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/kernel/livepatch/%s/%s", mod, file);
	if (ktest_write_file(path, val))
		st->refused++;	/* gone meanwhile, not in transition, already that value */
}

static void sk_op(struct sk_stats *st)
{
	u32 r = sk_rand(), op = r % 100;
	int i = (r >> 8) % SK_PATCHES, j = (r >> 8) % 2;

	if (verbose)
		sk_printf("# op %u patch %d real %d\n", op, i, j);

	if (op < 25) {
		st->ops[SK_ENABLE]++;
		sk_reclaim(i);
		if (sk_loaded[i] || klp_enable_patch(&sk_patches[i])) {
			if (!sk_loaded[i])
				klp_test_reset(&sk_patches[i]);
			st->refused++;	/* loaded, or -EBUSY during a transition */
			return;
		}
		sk_loaded[i] = true;
	} else if (op < 37) {
		char path[64];

		st->ops[SK_INSMOD]++;
		snprintf(path, sizeof(path), "%s/%s.ko", MODULE_DIR, sk_real[j]);
		if (load_module_file(path, NULL))
			st->refused++;	/* loaded, or -EBUSY */
		else
			sk_real_loaded[j] = true;
	} else if (op < 57) {
		st->ops[SK_DISABLE]++;
		if (r & 0x10000)
			sk_write(sk_real[j], "enabled", "0", st);
		else
			sk_write(sk_mods[i].name, "enabled", "0", st);
	} else if (op < 62) {
		/*
		 * An installed patch, the other way (echo !enabled > enabled):
		 * the transition's own patch reverses, another is refused.
		 */
		char names[SK_MAX_INSTALLED][MODULE_NAME_LEN];
		bool enabled[SK_MAX_INSTALLED];
		int n = sk_installed(names, enabled);

		st->ops[SK_REVERSE]++;
		if (n)
			sk_write(names[j % n], "enabled", enabled[j % n] ? "0" : "1", st);
		else
			st->refused++;
	} else if (op < 64) {
		/*
		 * Force makes every installed patch forced for good; a real
		 * module's could then never be removed: only this module's.
		 * The transition's patch is the one whose force file takes it.
		 */
		char names[SK_MAX_INSTALLED][MODULE_NAME_LEN];
		bool enabled[SK_MAX_INSTALLED];
		int n;

		st->ops[SK_FORCE]++;
		if (!klp_transition_in_progress() || sk_real_installed()) {
			st->refused++;
			return;
		}
		n = sk_installed(names, enabled);
		for (int k = 0; k < n; k++) {
			char path[96];

			snprintf(path, sizeof(path), "/sys/kernel/livepatch/%s/force", names[k]);
			if (!ktest_write_file(path, "1")) {
				st->forced++;
				return;
			}
		}
		st->refused++;	/* it completed meanwhile */
	} else if (op < 74) {
		st->ops[SK_RMMOD]++;
		if (!sk_real_loaded[j] || delete_module(sk_real[j]))
			st->refused++;	/* still enabled, or its free work holds it */
		else
			sk_real_loaded[j] = false;
	} else {
		st->ops[SK_WAIT]++;
		if (op < 80) {
			sk_release();	/* let a transition held by the blocker go on */
			return;
		}
		if (sk_wait_idle(50))
			return;
		/* held by the blocker, as it may be: release it until done */
		for (int k = 0; k < 100 && !sk_wait_idle(50); k++)
			sk_release();
		if (!sk_wait_idle(5000))
			st->stuck++;
	}
}

/* Completed transitions: the checked ones and the forced ones. */
static unsigned long sk_transitions(unsigned long runs0, const struct sk_stats *st)
{
	return klp_verify_runs - runs0 + st->forced;
}

/* Disables and removes everything; 0 or -ETIMEDOUT. */
static int sk_cleanup(void)
{
	struct klp_patch *p;
	int i;

	for (int round = 0; round < 20; round++) {
		for (int k = 0; k < 100 && !sk_wait_idle(50); k++)
			sk_release();
		if (!sk_wait_idle(5000))
			return -ETIMEDOUT;
		mutex_lock(&klp_mutex);
		p = list_empty(&klp_patches) ? NULL :
		    list_last_entry(&klp_patches, struct klp_patch, list);
		mutex_unlock(&klp_mutex);
		if (!p)
			break;
		klp_disable_patch(p);	/* the topmost first */
	}
	for (int k = 0; k < 100 && !sk_wait_idle(50); k++)
		sk_release();
	if (!sk_wait_idle(5000))
		return -ETIMEDOUT;
	flush_workqueue(klp_wq);	/* the free works */
	for (i = 0; i < SK_PATCHES; i++)
		sk_reclaim(i);
	for (i = 0; i < 2; i++) {
		u64 end = jiffies + msecs_to_jiffies(5000);

		while (sk_real_loaded[i] && delete_module(sk_real[i]) == -EAGAIN && jiffies < end)
			msleep(1);
		sk_real_loaded[i] = false;
	}
	return 0;
}

KTEST(klp_soak)
{
	struct kmalloc_stats before, after;
	struct sk_stats st = { 0 };
	unsigned long runs0, fails0 = klp_verify_failures, calls = 0, wrong = 0, done;
	int lvl = console_loglevel, ncallers = 0, cpu;
	u64 t0, end;
	bool warned = test_taint(TAINT_WARN);
	size_t area;
	struct task *tk, *blocker;

	KT_EXPECT_EQ(t, klp_verify_enabled, 1);
	for (int n = 0; n < SK_NR; n++) {
		char name[24];

		snprintf(name, sizeof(name), "klp_bench_f%d", SK_FIRST + n);
		sk_fn[n] = (int (*)(int))ktest_target_symbol(BENCH_TARGET_MOD, name);
		KT_ASSERT(t, sk_fn[n]);
	}
	sk_rng = seed ? seed : ktime_get_ns() | 1;
	sk_printf("# klp soak: seed %lu, %u s, %u transitions, %d CPUs\n",
		     (unsigned long)sk_rng, seconds, transitions, num_online_cpus());
	/* thousands of transition lines: the log keeps them; errors (a verify report) still show */
	if (!verbose)
		console_loglevel = min(lvl, CONSOLE_LOGLEVEL_QUIET);
	/* warm-up: a first pass of each kind, so the caches are in the accounting */
	for (int i = 0; i < 2; i++) {
		char path[64];

		snprintf(path, sizeof(path), "%s/%s.ko", MODULE_DIR, sk_real[i]);
		if (!load_module_file(path, NULL))
			sk_real_loaded[i] = true;
		sk_wait_idle(5000);
	}
	for (int i = 0; i < SK_PATCHES; i++) {
		if (!klp_enable_patch(&sk_patches[i]))
			sk_loaded[i] = true;
		else
			klp_test_reset(&sk_patches[i]);
		sk_wait_idle(5000);
	}
	KT_ASSERT(t, sk_cleanup() == 0);
	kmalloc_get_stats(&before);
	area = module_area_used();
	runs0 = klp_verify_runs;

	for_each_online_cpu(cpu) {
		for (int s = 0; s < 2; s++) {
			struct sk_caller *c = &sk_callers[ncallers];

			*c = (struct sk_caller){ .sleeps = s };
			tk = kthread_create(sk_caller_fn, c, "klp-soak/%d%c", cpu, s ? 's' : 'b');
			KT_ASSERT(t, !IS_ERR(tk));
			kthread_bind(tk, cpu);
			c->task = tk;
			wake_up_process(tk);
			ncallers++;
		}
	}

	init_completion(&sk_block);
	sk_block_stop = false;
	blocker = kthread_run(sk_blocker_fn, NULL, "klp-soak-block");
	KT_ASSERT(t, !IS_ERR(blocker));

	/* ktime, not jiffies: a loaded TCG host loses ticks */
	t0 = ktime_get_ns();
	end = t0 + (u64)seconds * NSEC_PER_SEC;
	while (ktime_get_ns() < end && (!transitions || sk_transitions(runs0, &st) < transitions)) {
		unsigned long before_op = sk_transitions(runs0, &st);

		sk_op(&st);
		/* a sign of life, every 250 transitions */
		if (sk_transitions(runs0, &st) / 250 != before_op / 250)
			sk_printf("# klp soak: %lu transitions after %llu s\n", sk_transitions(runs0, &st),
				  (unsigned long long)((ktime_get_ns() - t0) / NSEC_PER_SEC));
	}
	done = sk_transitions(runs0, &st);
	KT_EXPECT_EQ(t, sk_cleanup(), 0);
	done = sk_transitions(runs0, &st);

	/*
	 * No task left pending: every switch happened (the callers here;
	 * klp_complete_transition() WARNs on any task still pending, and a
	 * WARN taints).
	 */
	st.pending_left = test_tsk_thread_flag(current, TIF_PATCH_PENDING);
	for (int i = 0; i < ncallers; i++)
		st.pending_left += test_tsk_thread_flag(sk_callers[i].task, TIF_PATCH_PENDING);
	WRITE_ONCE(sk_block_stop, true);
	sk_release();
	kthread_stop(blocker);
	for (int i = 0; i < ncallers; i++) {
		kthread_stop(sk_callers[i].task);
		calls += sk_callers[i].calls;
		wrong += sk_callers[i].wrong;
	}
	console_loglevel = lvl;
	sk_printf("# klp soak: %lu transitions (%lu checked, %lu forced) in %llu ms; ops: %lu enable, "
		     "%lu insmod, %lu disable, %lu reverse, %lu force, %lu rmmod, %lu wait; %lu refused; "
		     "%lu releases; %lu calls, %lu wrong; %lu stuck\n",
		     done, klp_verify_runs - runs0, st.forced,
		     (unsigned long long)((ktime_get_ns() - t0) / 1000000), st.ops[SK_ENABLE],
		     st.ops[SK_INSMOD], st.ops[SK_DISABLE], st.ops[SK_REVERSE], st.ops[SK_FORCE],
		     st.ops[SK_RMMOD], st.ops[SK_WAIT], st.refused, sk_releases, calls, wrong, st.stuck);
	KT_EXPECT(t, done > 0);
	KT_EXPECT(t, !transitions || done >= transitions);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT(t, calls > 0);
	KT_EXPECT_EQ(t, st.stuck, 0);
	KT_EXPECT_EQ(t, st.pending_left, 0);
	KT_EXPECT(t, warned || !test_taint(TAINT_WARN));
	KT_EXPECT(t, !klp_transition_in_progress());
	KT_EXPECT_EQ(t, klp_verify_failures, fails0);
	for (int i = 0; i < SK_PATCHES; i++)
		KT_EXPECT_EQ(t, sk_mods[i].refcnt, 0);
	msleep(20);		/* the callers' last switch-out frees them */
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
	KT_EXPECT_EQ(t, module_area_used(), area);
}
