/*
 * Seed 001 on SMP (docs/livepatch.md, "The seed threads on SMP"): atomic
 * replace with no-ops while a caller bound to every CPU calls the twenty
 * functions klp_bench_f100..f119 of target-bench.ko without pause. The
 * cumulative patch modules test_klp_replace_a/b/c.ko (tests/modules/)
 * replace each other round after round, each replaced module removed with
 * rmmod as soon as it can be. Every result must be the old patch's or the
 * new patch's for that function (a no-op's "new" is the original), and,
 * when the caller's patch state was the same before and after its calls,
 * exactly the one that state selects. Plus the regression test of the
 * crash this test first found (klp_smp_entry_address_on_preempted_stack_keeps_task).
 */
#include "../../../livepatch/core.h"
#include "../../../livepatch/verify.h"
#include "klp_test.h"
#include "klp_ktest_target.h"
#include <kelp/errno.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/smp.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include "../target.h"

#define S1_FIRST 100
#define S1_NR 20		/* klp_bench_f100 .. f119 */
#define S1_ROUNDS 48		/* 30 above 2 CPUs: each round's IPIs and grace periods wait for all */
#define S1_NONE (-1)		/* no patch: every function is the original */

/* test_klp_replace_{a,b,c}.ko: the functions each patches and how. */
static const char *const s1_names[] = { "test_klp_replace_a", "test_klp_replace_b",
					"test_klp_replace_c" };

/* klp_bench_fN(0) with patch module m (S1_NONE: none) installed alone. */
static int s1_value(int m, int n)
{
	switch (m) {
	case 0:
		return n < 110 ? -n : n;			/* a: f100..f109, x - N */
	case 1:
		return n >= 110 ? -n : n;			/* b: f110..f119, x - N */
	case 2:
		return n >= 105 && n < 115 ? -2 * n : n;	/* c: f105..f114, x - 2N */
	default:
		return n;
	}
}

/*
 * What round r changes: the module installed before it (old) and after it
 * (new), S1_NONE for none. Written by the test before s1_round moves to r,
 * read by the callers after they read s1_round.
 */
struct s1_round {
	int old, new;
	bool disable;		/* an unpatching transition (tasks go PATCHED -> UNPATCHED) */
};

static struct s1_round s1_rounds[S1_ROUNDS + 2];
static int s1_round;		/* the round in progress; its transition is the only one it can see */
static bool s1_stop;

struct s1_caller {
	struct task *task;
	unsigned long calls, checked, wrong, unchecked;
	int bad_n, bad_val, bad_r1, bad_r2, bad_s1, bad_s2;	/* the first wrong call */
};

static int (*s1_fn[S1_NR])(int x);	/* resolved once, before the callers start */

/* Is v a value a caller may see for function n during rounds r1..r2? */
static bool s1_legal(int n, int v, int r1, int r2)
{
	for (int r = r1; r <= r2; r++)
		if (v == s1_value(s1_rounds[r].old, n) || v == s1_value(s1_rounds[r].new, n))
			return true;
	return false;
}

/*
 * The state a caller was in during round r selects one module: tasks not
 * switched yet run the old one, switched tasks the new one (an unpatching
 * transition starts its tasks PATCHED, i.e. in the old state).
 */
static int s1_expected(int r, int state, int n)
{
	bool on_old = (state == KLP_PATCHED) == s1_rounds[r].disable;

	return s1_value(on_old ? s1_rounds[r].old : s1_rounds[r].new, n);
}

/*
 * A caller: all twenty functions, then a switch point. Orders: the round,
 * then the state (x86 keeps loads in order; READ_ONCE holds the compiler):
 * a state other than UNDEFINED read after round r is round r's transition's,
 * since the previous one had reset every state before the test moved on.
 */
static int s1_caller_fn(void *data)
{
	struct s1_caller *c = data;
	unsigned long iters = 0;
	int res[S1_NR];

	while (!READ_ONCE(s1_stop)) {
		int r1 = READ_ONCE(s1_round);
		int s1 = READ_ONCE(current->patch_state);

		barrier();
		for (int i = 0; i < S1_NR; i++)
			res[i] = s1_fn[i](0);
		barrier();
		int s2 = READ_ONCE(current->patch_state);
		int r2 = READ_ONCE(s1_round);
		bool exact = r1 == r2 && s1 == s2 && s1 != KLP_UNDEFINED;

		for (int i = 0; i < S1_NR; i++) {
			int n = S1_FIRST + i;
			bool ok;

			c->calls++;
			if (r2 - r1 > 1) {
				c->unchecked++;	/* preempted for a whole round: too old to judge */
				continue;
			}
			ok = s1_legal(n, res[i], r1, r2);
			if (ok && exact) {
				c->checked++;
				ok = res[i] == s1_expected(r1, s1, n);
			}
			if (!ok && !c->wrong++) {
				c->bad_n = n;
				c->bad_val = res[i];
				c->bad_r1 = r1;
				c->bad_r2 = r2;
				c->bad_s1 = s1;
				c->bad_s2 = s2;
			}
		}
		/* switch points; a yield now and then leaves the loader its share of the CPU */
		if (!(++iters & 15))
			yield();
		else
			cond_resched();
	}
	return 0;
}

/* Waits up to ms for the running transition to end; 0 or -ETIMEDOUT. */
static int s1_wait_idle(unsigned int ms)
{
	u64 end = jiffies + msecs_to_jiffies(ms);

	while (klp_transition_in_progress() && jiffies < end)
		msleep(1);
	return klp_transition_in_progress() ? -ETIMEDOUT : 0;
}

/* rmmod, retried while the replaced patch's free work still holds the module. */
static int s1_rmmod(const char *name)
{
	u64 end = jiffies + msecs_to_jiffies(5000);
	int ret;

	while ((ret = delete_module(name)) == -EAGAIN && jiffies < end)
		msleep(1);
	return ret;
}

static int s1_load(int m)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/%s.ko", MODULE_DIR, s1_names[m]);
	return load_module_file(path, NULL);
}

/* Disables the only patch there is and waits for its transition. */
static int s1_disable_only(void)
{
	struct klp_patch *p = NULL;
	int ret;

	mutex_lock(&klp_mutex);
	if (!list_empty(&klp_patches))
		p = list_first_entry(&klp_patches, struct klp_patch, list);
	mutex_unlock(&klp_mutex);
	if (!p)
		return -ENOENT;
	ret = klp_disable_patch(p);
	return ret ? ret : s1_wait_idle(5000);
}

/* Patches on klp_patches. */
static int s1_count_patches(void)
{
	struct klp_patch *p;
	int n = 0;

	mutex_lock(&klp_mutex);
	klp_for_each_patch(p)
		n++;
	mutex_unlock(&klp_mutex);
	return n;
}

/* Functions not behaving as module m (S1_NONE: none) alone makes them. */
static int s1_check_all(int m)
{
	int wrong = 0;

	for (int i = 0; i < S1_NR; i++)
		wrong += s1_fn[i](0) != s1_value(m, S1_FIRST + i);
	return wrong;
}

/*
 * Rounds: 0 loads a (over nothing), then b, c, a, b, ... each replacing
 * the one before (rmmod'ed once the free work let it go; a/b are disjoint:
 * all no-ops, b/c and c/a overlap by five functions: patch to patch), and
 * the last disables the last patch (back to the originals). 48 replace
 * rounds (30 above 2 CPUs): 1 to 4 s at 2 CPUs, about 15 s at 4 under
 * TCG on a loaded 2-core host.
 */
KTEST(klp_smp_seed001_replace_under_callers)
{
	static struct s1_caller callers[NR_CPUS];
	struct kmalloc_stats before, after;
	unsigned long calls = 0, checked = 0, wrong = 0, unchecked = 0;
	int err = 0, r, cpu, lvl = console_loglevel, not_one = 0, settled = 0, nr = 0;
	int rounds = num_online_cpus() > 2 ? 30 : S1_ROUNDS;
	size_t area;
	u64 t0;

	for (int i = 0; i < S1_NR; i++) {
		char name[24];

		snprintf(name, sizeof(name), "klp_bench_f%d", S1_FIRST + i);
		s1_fn[i] = (int (*)(int))ktest_target_symbol(BENCH_TARGET_MOD, name);
		KT_ASSERT(t, s1_fn[i]);
	}
	KT_ASSERT(t, s1_count_patches() == 0);
	/* warm the caches the accounting would otherwise see: one load and removal of each */
	for (int m = 0; m < 3 && !err; m++) {
		err = s1_load(m);
		if (!err)
			err = s1_wait_idle(5000);
		if (!err && m)
			err = s1_rmmod(s1_names[m - 1]);
	}
	if (!err)
		err = s1_disable_only();
	if (!err)
		err = s1_rmmod(s1_names[2]);
	KT_ASSERT(t, err == 0);
	flush_workqueue(klp_wq);
	kmalloc_get_stats(&before);
	area = module_area_used();

	s1_rounds[0] = (struct s1_round){ .old = S1_NONE, .new = 0 };
	WRITE_ONCE(s1_round, 0);
	WRITE_ONCE(s1_stop, false);
	for_each_online_cpu(cpu) {
		callers[cpu] = (struct s1_caller){ 0 };
		callers[cpu].task = kthread_create(s1_caller_fn, &callers[cpu], "klp-s1/%d", cpu);
		KT_ASSERT(t, !IS_ERR(callers[cpu].task));
		kthread_bind(callers[cpu].task, cpu);
		wake_up_process(callers[cpu].task);
		nr++;
	}
	/*
	 * 48 x 5 transition lines: the log keeps them, the console not; errors
	 * (a report of the independent check) still show
	 */
	console_loglevel = min(lvl, CONSOLE_LOGLEVEL_QUIET);
	t0 = ktime_get_ns();
	for (r = 0; r <= rounds && !err; r++) {
		int m = r % 3, prev = r ? (r - 1) % 3 : S1_NONE;

		if (r == rounds) {
			/* the last: the patch disabled, its module removed */
			s1_rounds[r] = (struct s1_round){ .old = prev, .new = S1_NONE, .disable = true };
			smp_mb();	/* as below */
			WRITE_ONCE(s1_round, r);
			err = s1_disable_only();
			if (!err)
				err = s1_rmmod(s1_names[prev]);
			break;
		}
		s1_rounds[r] = (struct s1_round){ .old = prev, .new = m };
		/* the round's description before its number. Partner: s1_caller_fn() */
		smp_mb();
		WRITE_ONCE(s1_round, r);
		err = s1_load(m);
		if (!err)
			err = s1_wait_idle(5000);
		if (!err && prev != S1_NONE)
			err = s1_rmmod(s1_names[prev]);
		if (s1_count_patches() != 1)
			not_one++;
		if (s1_check_all(m))
			settled++;
	}
	WRITE_ONCE(s1_stop, true);
	for_each_online_cpu(cpu) {
		kthread_stop(callers[cpu].task);
		calls += callers[cpu].calls;
		checked += callers[cpu].checked;
		wrong += callers[cpu].wrong;
		unchecked += callers[cpu].unchecked;
		if (callers[cpu].wrong)
			ktest_fail(t, __FILE__, __LINE__,
				   "CPU %d: %lu wrong, the first klp_bench_f%d(0) = %d in rounds %d..%d, state %d..%d",
				   cpu, callers[cpu].wrong, callers[cpu].bad_n, callers[cpu].bad_val,
				   callers[cpu].bad_r1, callers[cpu].bad_r2, callers[cpu].bad_s1,
				   callers[cpu].bad_s2);
	}
	console_loglevel = lvl;
	pr_info("klp seed 001: %d replace rounds in %llu ms, %lu calls on %d CPUs, %lu checked against the state, %lu unchecked, %lu wrong\n",
		r, (unsigned long long)((ktime_get_ns() - t0) / 1000000), calls, nr, checked,
		unchecked, wrong);
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT_EQ(t, r, rounds);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT_EQ(t, not_one, 0);
	KT_EXPECT_EQ(t, settled, 0);
	/*
	 * On one CPU a transition mostly completes inside the load, the caller
	 * switched out and checked: it runs in a transition only when it was
	 * preempted inside a function, not in every boot.
	 */
	KT_EXPECT(t, checked > 0 || nr == 1);
	KT_EXPECT_EQ(t, s1_count_patches(), 0);
	KT_EXPECT_EQ(t, s1_check_all(S1_NONE), 0);
	msleep(20);		/* the callers' last switch-out frees them */
	flush_workqueue(klp_wq);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
	KT_EXPECT_EQ(t, module_area_used(), area);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/*
 * Regression of the crash the test above found on 2 CPUs (docs/livepatch.md,
 * seed 001): a caller in the old state had been sent by the handler to
 * the replaced patch's function and was preempted in the ftrace
 * trampoline's return path, that function's first byte in its saved ip
 * and return slot. The stack scan of preempted tasks did not count a
 * function's first byte as inside, switched it, the transition completed,
 * rmmod freed the module, and the caller resumed into unmapped text.
 * Here a spinner preempted on this CPU (pinned with it) holds a function's
 * entry address in a stack slot while transitions run: an older patch's
 * function (patching a replace patch over it) and the patch's own
 * (unpatching) must keep it unswitched, the transition stalled, until it
 * drops the word; the original function's entry (the patched site, where
 * the handler follows the task's state) must not.
 */
static struct module ke_mod1 = { .name = "klp_ktest_entry1", .livepatch = true };
static struct module ke_mod2 = { .name = "klp_ktest_entry2", .livepatch = true };
static struct klp_func ke_funcs1[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_new }, {}
};
static struct klp_func ke_funcs2[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_newer }, {}
};
static struct klp_object ke_objs1[] = { { .name = KTEST_TARGET_MOD, .funcs = ke_funcs1 }, {} };
static struct klp_object ke_objs2[] = { { .name = KTEST_TARGET_MOD, .funcs = ke_funcs2 }, {} };
static struct klp_patch ke_patch1 = { .mod = &ke_mod1, .objs = ke_objs1 };
static struct klp_patch ke_patch2 = { .mod = &ke_mod2, .objs = ke_objs2, .replace = true };

static unsigned long ke_word;	/* what the spinner keeps on its stack; 0: nothing */
static unsigned long ke_held;	/* the word the spinner has in its slot now */

static int ke_spin_fn(void *unused)
{
	while (!kthread_should_stop()) {
		unsigned long slot[1];
		unsigned long w = READ_ONCE(ke_word);

		slot[0] = w;
		__asm__ __volatile__("" : : "r"(slot) : "memory");	/* in memory, on the stack */
		WRITE_ONCE(ke_held, w);
		/* busy, no switch point: only preemption takes it off the CPU */
		while (w && READ_ONCE(ke_word) == w)
			cpu_relax();
		slot[0] = 0;
		__asm__ __volatile__("" : : "r"(slot) : "memory");
		WRITE_ONCE(ke_held, 0);
		cond_resched();
		msleep(1);
	}
	return 0;
}

/* Sets the spinner's word and waits until it holds it (it ran; now it is preempted). */
static bool ke_hold(unsigned long word)
{
	u64 end = jiffies + msecs_to_jiffies(2000);

	WRITE_ONCE(ke_word, word);
	while (READ_ONCE(ke_held) != word && jiffies < end)
		msleep(1);
	return READ_ONCE(ke_held) == word;
}

/* Runs fn (an enable or a disable) with the spinner holding word. 1: stalled by it, 0: not, <0. */
static int ke_transition_with(unsigned long word, int (*fn)(struct klp_patch *), struct klp_patch *p,
			      struct task *k)
{
	int ret, state, target;

	if (!ke_hold(word))
		return -ETIMEDOUT;
	ret = fn(p);
	if (ret)
		return ret;
	msleep(50);		/* the spinner is preempted, scanned and refused many times over */
	state = READ_ONCE(k->patch_state);
	target = p->enabled ? KLP_PATCHED : KLP_UNPATCHED;
	ret = klp_transition_in_progress() && state == !target;	/* not switched yet */
	WRITE_ONCE(ke_word, 0);	/* lets go: it switches at cond_resched */
	if (s1_wait_idle(5000))
		return -ETIMEDOUT;
	return ret;
}

static int ke_enable(struct klp_patch *p)
{
	return klp_enable_patch(p);
}

KTEST(klp_smp_entry_address_on_preempted_stack_keeps_task)
{
	u64 pinned = ktest_pin_cpu();	/* the spinner shares this CPU: it is preempted, not running */
	struct task *k;

	WRITE_ONCE(ke_word, 0);
	k = kthread_run(ke_spin_fn, NULL, "klp-ke-spin");
	KT_ASSERT(t, !IS_ERR(k));
	/* the original's entry is the patched site: no reason to wait */
	KT_EXPECT_EQ(t, ke_transition_with((unsigned long)klp_ktest_target, ke_enable, &ke_patch1, k), 0);
	KT_EXPECT_EQ(t, klp_ktest_target(7), 1008);
	/* patching a replace patch over patch 1: its function's entry keeps the task */
	KT_EXPECT_EQ(t, ke_transition_with((unsigned long)klp_ktest_target_new, ke_enable, &ke_patch2, k), 1);
	KT_EXPECT_EQ(t, klp_ktest_target(7), 2008);
	flush_workqueue(klp_wq);	/* patch 1's free work */
	/* unpatching: the patch's own function's entry keeps it */
	KT_EXPECT_EQ(t, ke_transition_with((unsigned long)klp_ktest_target_newer, klp_disable_patch,
					   &ke_patch2, k), 1);
	KT_EXPECT_EQ(t, klp_ktest_target(7), 8);
	flush_workqueue(klp_wq);
	kthread_stop(k);
	ktest_unpin_cpu(pinned);
	klp_test_reset(&ke_patch1);
	klp_test_reset(&ke_patch2);
	KT_EXPECT_EQ(t, ke_mod1.refcnt, 0);
	KT_EXPECT_EQ(t, ke_mod2.refcnt, 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}
