/*
 * The independent stack check on SMP (livepatch/verify.c) must be able to
 * fail: a kthread bound to another CPU busy inside an old function (never
 * sleeping, so it is running when every CPU stops) is reported, through
 * its CPU's stop IPI and interrupt frame, while the transition stalls on
 * it; once it switched and spins in the new function, patching's check
 * must stay quiet and unpatching's must report it. Also: the check is on,
 * and the completed transitions on the way counted no failure.
 */
#include "../../../livepatch/core.h"
#include "../../../livepatch/verify.h"
#include "klp_test.h"
#include "klp_ktest_target.h"
#include <kelp/errno.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/time.h>
#include "../target.h"

static struct module kv_mod = { .name = "klp_verify_ktest", .livepatch = true };
static struct klp_func kv_funcs[] = {
	{ .old_name = "klp_ktest_spin", .new_func = klp_ktest_spin_new }, {}
};
static struct klp_object kv_objs[] = { { .name = KTEST_TARGET_MOD, .funcs = kv_funcs }, {} };
static struct klp_patch kv_patch = { .mod = &kv_mod, .objs = kv_objs };

static volatile int kv_hold;	/* 1: the spinner stays inside klp_ktest_spin*() */
static volatile int kv_last;	/* what the spinner's last call returned (1 old, 2 new) */
static volatile int kv_inside;	/* the spinner is about to call or is in the function */

static int kv_spin_fn(void *unused)
{
	while (!kthread_should_stop()) {
		kv_inside = 1;
		kv_last = klp_ktest_spin(&kv_hold);
		kv_inside = 0;
		cond_resched();		/* the switch point between calls */
	}
	return 0;
}

/* Waits up to ms for cond; true if it came. */
#define kv_wait_for(cond, ms) ({						\
	u64 __end = jiffies + msecs_to_jiffies(ms);				\
	while (!(cond) && jiffies < __end)					\
		msleep(1);							\
	(cond);									\
})

/* Runs the check by hand with its reports announced; returns what it found. */
static int kv_check_expected(int state)
{
	int bad;

	WRITE_ONCE(klp_verify_expected, 1);
	bad = klp_verify_stacks(&kv_patch, state);
	WRITE_ONCE(klp_verify_expected, 0);
	return bad;
}

KTEST(klp_verify_sees_task_running_on_other_cpu)
{
	unsigned long fails = klp_verify_failures, runs = klp_verify_runs, found;
	int others = num_online_cpus() > 1;	/* 0: the spinner shares our CPU */
	struct task *k;
	int cpu;

	u64 pinned;

	KT_EXPECT_EQ(t, klp_verify_enabled, 1);	/* the harness leaves it on */
	pinned = ktest_pin_cpu();	/* never on the spinner's CPU */
	preempt_disable();
	cpu = smp_processor_id();
	preempt_enable();
	kv_hold = 1;
	kv_last = 0;
	k = kthread_create(kv_spin_fn, NULL, "klp-kv-spin");
	KT_ASSERT(t, !IS_ERR(k));
	/*
	 * On another CPU it is running when the machine stops, found through
	 * its CPU's stop IPI; on one CPU it is preempted, found switched out.
	 */
	if (others)
		kthread_bind(k, cpu == 0 ? 1 : 0);
	wake_up_process(k);
	KT_ASSERT(t, kv_wait_for(kv_inside && (!others || READ_ONCE(k->on_cpu)), 2000));

	/* busy in the old function: the transition stalls, the check sees it running */
	KT_ASSERT(t, klp_enable_patch(&kv_patch) == 0);
	msleep(30);
	KT_EXPECT(t, klp_transition_in_progress());
	KT_EXPECT_EQ(t, k->patch_state, KLP_UNPATCHED);
	found = klp_verify_running_found;
	KT_EXPECT_EQ(t, kv_check_expected(KLP_PATCHED), 1);
	KT_EXPECT_EQ(t, klp_verify_running_found - found, others);	/* as a running task */
	KT_EXPECT(t, !others || READ_ONCE(k->on_cpu));

	/* let it out: it switches at cond_resched, the transition completes */
	kv_hold = 0;
	KT_EXPECT(t, kv_wait_for(!klp_transition_in_progress(), 5000));
	KT_EXPECT(t, kv_wait_for(kv_last == 2, 2000));
	kv_hold = 1;
	KT_EXPECT(t, kv_wait_for(kv_inside && (!others || READ_ONCE(k->on_cpu)), 2000));
	msleep(5);		/* now busy in klp_ktest_spin_new */

	/* in the new function: patching's check must not report, unpatching's must */
	found = klp_verify_running_found;
	KT_EXPECT_EQ(t, klp_verify_stacks(&kv_patch, KLP_PATCHED), 0);
	KT_EXPECT_EQ(t, kv_check_expected(KLP_UNPATCHED), 1);
	KT_EXPECT_EQ(t, klp_verify_running_found - found, others);

	kv_hold = 0;
	KT_EXPECT_EQ(t, klp_disable_patch(&kv_patch), 0);
	KT_EXPECT(t, kv_wait_for(!klp_transition_in_progress(), 5000));
	flush_work(&kv_patch.free_work);
	klp_test_reset(&kv_patch);
	kthread_stop(k);
	ktest_unpin_cpu(pinned);
	KT_EXPECT_EQ(t, kv_last, 1);
	/* both completed transitions ran the check, and it found nothing */
	KT_EXPECT(t, klp_verify_runs - runs >= 5);
	KT_EXPECT_EQ(t, klp_verify_failures, fails);
	KT_EXPECT_EQ(t, kv_mod.refcnt, 0);
}
