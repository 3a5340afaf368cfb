/*
 * Livepatch ktests: enable/disable through the API with the results of
 * every call checked, refusals (notrace function, unknown symbol, module
 * not marked livepatch, sympos), direct mode in steady state, atomic replace, a stalled
 * transition seen by the independent stack check and reversed, the wake
 * of interruptible sleepers, and the stress test: 1000 enable/disable
 * cycles while 50 threads call the patched function, every result
 * checked against the caller's patch state, memory back to its start.
 */
#include "../../../livepatch/core.h"
#include "../../../livepatch/verify.h"
#include "klp_test.h"
#include "klp_ktest_target.h"
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/klp_shadow.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/kprobes.h>
#include <kelp/atomic.h>
#include <kelp/mm.h>
#include <kelp/time.h>
#include <kelp/smp.h>
#include <kelp/module.h>
#include <kelp/kprobes.h>
#include <kelp/uapi.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include "../target.h"

static struct module kt_mod = { .name = "klp_ktest", .livepatch = true };
static struct klp_func kt_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_new }, {}
};
static struct klp_shadow_type kt_shadow_type = { .id = 0x6b6c70 };
static struct klp_shadow_type *kt_shadow_types[] = { &kt_shadow_type, NULL };
static struct klp_object kt_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_funcs, .shadow_types = kt_shadow_types }, {}
};
static struct klp_patch kt_patch = { .mod = &kt_mod, .objs = kt_objs };

static struct module kt2_mod = { .name = "klp_ktest2", .livepatch = true };
static struct klp_func kt2_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_newer }, {}
};
static struct klp_object kt2_objs[] = { { .name = KTEST_TARGET_MOD, .funcs = kt2_funcs }, {} };
static struct klp_patch kt2_patch = { .mod = &kt2_mod, .objs = kt2_objs };

/* Waits up to ms for the running transition to end; 0 or -ETIMEDOUT. */
static int kt_wait_idle(unsigned int ms)
{
	u64 end = jiffies + msecs_to_jiffies(ms);

	while (klp_transition_in_progress() && jiffies < end)
		msleep(1);
	return klp_transition_in_progress() ? -ETIMEDOUT : 0;
}

/*
 * Transitions started by this file's tests; bumped before each starts.
 * kt_stress_fn() checks a result against the caller's state only when
 * this did not move during the call: a caller held off its CPU twice in
 * one loop (preempted, or its vCPU stalled by the host) can read the same
 * state before and after the call from two transitions, the call made
 * between them with the other function (PATCHED at the end of an
 * unpatching, the original after it, PATCHED again in the next patching:
 * a false "wrong" seen once in seed 004 on a loaded host).
 */
static unsigned long kt_gen;

static void kt_next_transition(void)
{
	WRITE_ONCE(kt_gen, kt_gen + 1);
	/* before the transition's task states. Partner: kt_stress_fn() */
	smp_mb();
}

/* Disables patch, waits until it is freed and makes it loadable again. */
static int kt_disable_and_free(struct klp_patch *patch)
{
	int ret;

	kt_next_transition();
	ret = klp_disable_patch(patch);

	if (ret)
		return ret;
	ret = kt_wait_idle(5000);
	flush_work(&patch->free_work);
	klp_test_reset(patch);
	return ret;
}

static int kt_enable(struct klp_patch *patch)
{
	int ret;

	kt_next_transition();
	ret = klp_enable_patch(patch);

	if (ret) {
		klp_test_reset(patch);
		return ret;
	}
	return kt_wait_idle(5000);
}

KTEST(klp_enable_disable_calls)
{
	volatile int x = 5;

	KT_EXPECT_EQ(t, klp_ktest_target(x), 6);
	KT_ASSERT(t, kt_enable(&kt_patch) == 0);
	KT_EXPECT_EQ(t, klp_ktest_target(x), 1006);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 1);
	KT_EXPECT(t, kt_patch.enabled && kt_objs[0].patched && kt_funcs[0].patched);
	KT_EXPECT_EQ(t, klp_shadow_type_users(kt_shadow_type.id), 1);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)klp_ktest_target), FTRACE_FL_DIRECT | FTRACE_FL_JMP);
	/* a second patch stacks on top, and unstacks */
	KT_ASSERT(t, kt_enable(&kt2_patch) == 0);
	KT_EXPECT_EQ(t, klp_ktest_target(x), 2006);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt2_patch), 0);
	KT_EXPECT_EQ(t, klp_ktest_target(x), 1006);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)klp_ktest_target), FTRACE_FL_DIRECT | FTRACE_FL_JMP);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_patch), 0);
	KT_EXPECT_EQ(t, klp_ktest_target(x), 6);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
	KT_EXPECT_EQ(t, klp_shadow_type_users(kt_shadow_type.id), 0);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)klp_ktest_target), 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/* kt_rep replaces kt and kt2: one function of its own, a nop for klp_ktest_target */
static struct module kt_rep_mod = { .name = "klp_ktest_replace", .livepatch = true };
static struct klp_func kt_rep_funcs[] = {
	{ .old_name = "klp_ktest_isleep", .new_func = klp_ktest_isleep_new }, {}
};
static struct klp_object kt_rep_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_rep_funcs }, {}
};
static struct klp_patch kt_rep_patch = { .mod = &kt_rep_mod, .objs = kt_rep_objs, .replace = true };

KTEST(klp_atomic_replace)
{
	struct kmalloc_stats before, after;
	volatile int x = 5;

	kmalloc_get_stats(&before);
	KT_ASSERT(t, kt_enable(&kt_patch) == 0);
	KT_ASSERT(t, kt_enable(&kt2_patch) == 0);
	KT_EXPECT_EQ(t, klp_ktest_target(x), 2006);
	KT_ASSERT(t, kt_enable(&kt_rep_patch) == 0);
	/* the nop took klp_ktest_target back to the original; both patches left */
	KT_EXPECT_EQ(t, klp_ktest_target(x), 6);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)klp_ktest_target), 0);
	KT_EXPECT(t, !kt_patch.enabled && !kt2_patch.enabled && kt_rep_patch.enabled);
	flush_work(&kt_patch.free_work);
	flush_work(&kt2_patch.free_work);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
	KT_EXPECT_EQ(t, kt2_mod.refcnt, 0);
	KT_EXPECT_EQ(t, klp_shadow_type_users(kt_shadow_type.id), 0);
	klp_test_reset(&kt_patch);
	klp_test_reset(&kt2_patch);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_rep_patch), 0);
	KT_EXPECT_EQ(t, kt_rep_mod.refcnt, 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}

/* states: kt_st1 (id 1 v1), kt_st2 replaces it (v2) and sees it as the previous state */
static struct module kt_st1_mod = { .name = "klp_ktest_state1", .livepatch = true };
static struct module kt_st2_mod = { .name = "klp_ktest_state2", .livepatch = true };
static struct klp_state kt_st1_states[] = { { .id = 1, .version = 1 }, {} };
static struct klp_state kt_st2_states[] = { { .id = 1, .version = 2 }, {} };
static struct klp_state *kt_prev_seen;

static int kt_st_pre_patch(struct klp_object *obj)
{
	kt_prev_seen = klp_get_prev_state(1);
	return 0;
}

static struct klp_func kt_st_no_funcs[] = { {} };
static struct klp_object kt_st1_objs[] = { { .funcs = kt_st_no_funcs }, {} };
static struct klp_object kt_st2_objs[] = {
	{ .funcs = kt_st_no_funcs, .callbacks = { .pre_patch = kt_st_pre_patch } }, {}
};
static struct klp_patch kt_st1_patch = { .mod = &kt_st1_mod, .objs = kt_st1_objs,
					 .states = kt_st1_states };
static struct klp_patch kt_st2_patch = { .mod = &kt_st2_mod, .objs = kt_st2_objs,
					 .states = kt_st2_states, .replace = true };

KTEST(klp_states)
{
	KT_ASSERT(t, kt_enable(&kt_st1_patch) == 0);
	KT_EXPECT(t, klp_get_state(&kt_st1_patch, 1) == &kt_st1_states[0]);
	KT_EXPECT(t, klp_get_state(&kt_st1_patch, 2) == NULL);
	/* an older version of an installed state is not compatible */
	kt_st2_states[0].version = 0;
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_st2_patch), -EINVAL);
	kt_st2_states[0].version = 2;
	KT_ASSERT(t, kt_enable(&kt_st2_patch) == 0);
	KT_EXPECT(t, kt_prev_seen == &kt_st1_states[0]);
	flush_work(&kt_st1_patch.free_work);
	klp_test_reset(&kt_st1_patch);
	KT_EXPECT_EQ(t, kt_st1_mod.refcnt, 0);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_st2_patch), 0);
	KT_EXPECT_EQ(t, kt_st2_mod.refcnt, 0);
}

static struct klp_func kt_bad_funcs[] = { { .old_name = "klp_ktest_notrace",
					    .new_func = klp_ktest_target_new }, {} };
static struct klp_object kt_bad_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_bad_funcs }, {}
};
static struct klp_patch kt_bad_patch = { .mod = &kt_mod, .objs = kt_bad_objs };

KTEST(klp_refusals)
{
	struct kmalloc_stats before, after;
	unsigned long addr;

	kmalloc_get_stats(&before);
	/* no fentry site: refused, everything given back */
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_bad_patch), -EINVAL);
	klp_test_reset(&kt_bad_patch);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
	KT_EXPECT(t, !klp_transition_in_progress());
	/* unknown symbol */
	kt_bad_funcs[0].old_name = "klp_ktest_no_such_function";
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_bad_patch), -EINVAL);
	klp_test_reset(&kt_bad_patch);
	/* ambiguous without sympos, too far with sympos 3, fine with 2 */
	kt_bad_funcs[0].old_name = "kallsyms_test_dup";
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_bad_patch), -EINVAL);
	klp_test_reset(&kt_bad_patch);
	kt_bad_funcs[0].old_sympos = 3;
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_bad_patch), -EINVAL);
	klp_test_reset(&kt_bad_patch);
	kt_bad_funcs[0].old_sympos = 2;
	KT_ASSERT(t, kt_enable(&kt_bad_patch) == 0);
	addr = ktest_target_symbol_pos(KTEST_TARGET_MOD, "kallsyms_test_dup", 2, NULL);
	KT_EXPECT_EQ(t, (unsigned long)kt_bad_funcs[0].old_func, addr);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_bad_patch), 0);
	kt_bad_funcs[0].old_name = "klp_ktest_notrace";
	kt_bad_funcs[0].old_sympos = 0;
	/* not a livepatch module */
	kt_mod.livepatch = false;
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_patch), -EINVAL);
	kt_mod.livepatch = true;
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}

/* ---- a stalled transition: seen by verify, reversed ---- */

static struct klp_func kt_block_funcs[] = { { .old_name = "klp_ktest_block",
					      .new_func = klp_ktest_block_new }, {} };
static struct klp_object kt_block_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_block_funcs }, {}
};
static struct klp_patch kt_block_patch = { .mod = &kt_mod, .objs = kt_block_objs };

static int kt_block_fn(void *data)
{
	klp_ktest_block(data);
	return 0;
}

/*
 * Starts a thread asleep in klp_ktest_block (the original, or the new
 * function if kt_block_patch is on) until done is completed; NULL if it
 * could not be started.
 */
static struct task *kt_start_blocker(struct completion *done, const char *name)
{
	struct task *k;

	init_completion(done);
	k = kthread_run(kt_block_fn, done, "%s", name);
	if (IS_ERR(k))
		return NULL;
	msleep(5);		/* asleep in klp_ktest_block by now */
	return k;
}

KTEST(klp_stalled_transition_reverse)
{
	struct completion done;
	struct task *k;
	unsigned long fails;

	k = kt_start_blocker(&done, "klp-kt-block");	/* parked in klp_ktest_block */
	KT_ASSERT(t, k);
	KT_ASSERT(t, klp_enable_patch(&kt_block_patch) == 0);
	KT_EXPECT_EQ(t, kt_wait_idle(30), -ETIMEDOUT);
	KT_EXPECT_EQ(t, k->patch_state, KLP_UNPATCHED);
	KT_EXPECT(t, test_tsk_thread_flag(k, TIF_PATCH_PENDING));
	KT_EXPECT_EQ(t, current->patch_state, KLP_PATCHED);
	/* the independent check sees the sleeper in the old function */
	fails = klp_verify_failures;
	klp_verify_expected = 1;
	KT_EXPECT_EQ(t, klp_verify_stacks(&kt_block_patch, KLP_PATCHED), 1);
	klp_verify_expected = 0;
	/* echo 0 > enabled reverses; the sleeper is not in the new function */
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_block_patch), 0);
	KT_EXPECT_EQ(t, k->patch_state, KLP_UNDEFINED);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
	complete(&done);
	kthread_stop(k);
	KT_EXPECT_EQ(t, klp_verify_failures, fails);
}

/*
 * Regression (klp_switch_after_force_keeps_state_undefined): a switch
 * point that found its flag set with IRQs on (cond_resched) and was
 * preempted could reach the switch after a force had switched the task
 * and the completion had reset every state to UNDEFINED, and wrote the
 * target anyway: a state from a transition that was over (init's "WARN
 * patch_state != UNDEFINED" next time, and a caller of the seed 004 test
 * judged against the wrong state). The late switch is made here directly:
 * during a stalled transition this thread (switched, no flag) is given
 * the opposite state, as if it were the late one, and passes
 * cond_resched's switch point; without its flag it must be left alone.
 */
KTEST(klp_switch_after_force_keeps_state_undefined)
{
	struct completion done;
	struct task *k;
	int state;

	k = kt_start_blocker(&done, "klp-kt-block");	/* parked in klp_ktest_block */
	KT_ASSERT(t, k);
	KT_ASSERT(t, klp_enable_patch(&kt_block_patch) == 0);
	KT_EXPECT_EQ(t, kt_wait_idle(30), -ETIMEDOUT);
	KT_EXPECT(t, !test_tsk_thread_flag(current, TIF_PATCH_PENDING));
	state = current->patch_state;
	KT_EXPECT_EQ(t, state, KLP_PATCHED);
	current->patch_state = KLP_UNDEFINED;	/* what the completion would leave */
	klp_try_switch_current();
	KT_EXPECT_EQ(t, current->patch_state, KLP_UNDEFINED);
	current->patch_state = state;
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_block_patch), 0);
	complete(&done);
	kthread_stop(k);
}

/*
 * Regression (klp_fake_signal_flush_lost_kill): a kill that reaches a
 * task after livepatch's fake signal and before the task is switched
 * lost its TIF_SIGPENDING when the switch took the fake signal back
 * (flush_signals), so an interruptible sleep went on (a killed `sleep
 * 100` slept its 100 s). The kill is simulated as process_kill does it
 * (pending_kill, then signal_wake_up) on a kthread blocked uninterruptibly
 * in the patched function; the reversal switches it.
 */
KTEST(klp_fake_signal_keeps_real_kill)
{
	unsigned int saved = klp_signal_ms;
	struct completion done;
	struct task *k;
	u64 end;

	k = kt_start_blocker(&done, "klp-kt-block");	/* parked in klp_ktest_block */
	KT_ASSERT(t, k);
	klp_signal_ms = 10;
	KT_ASSERT(t, klp_enable_patch(&kt_block_patch) == 0);
	for (end = jiffies + msecs_to_jiffies(2000);
	     !test_tsk_thread_flag(k, TIF_NOTIFY_SIGNAL) && jiffies < end;)
		msleep(1);
	klp_signal_ms = saved;
	KT_EXPECT(t, test_tsk_thread_flag(k, TIF_NOTIFY_SIGNAL));
	WRITE_ONCE(k->pending_kill, SIGKILL);
	signal_wake_up(k);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_block_patch), 0);	/* reversed: k switched */
	KT_EXPECT(t, !test_tsk_thread_flag(k, TIF_NOTIFY_SIGNAL));
	KT_EXPECT(t, signal_pending(k));	/* the kill's wake-up stays */
	WRITE_ONCE(k->pending_kill, 0);
	flush_signals(k);
	complete(&done);
	kthread_stop(k);
}

/* ---- fake signal: an interruptible sleeper is woken after the stall time ---- */

static struct klp_func kt_sleep_funcs[] = { { .old_name = "klp_ktest_isleep",
					      .new_func = klp_ktest_isleep_new }, {} };
static struct klp_object kt_sleep_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_sleep_funcs }, {}
};
static struct klp_patch kt_sleep_patch = { .mod = &kt_mod, .objs = kt_sleep_objs };

static int kt_isleep_fn(void *unused)
{
	while (!kthread_should_stop()) {
		klp_ktest_isleep(60000);
		cond_resched();		/* the safe point after the wake */
	}
	return 0;
}

/* A work item that sleeps on system_wq until released. */
struct kt_busy_work {
	struct work_struct work;
	struct completion release;
	bool ran;
};

static void kt_busy_work_fn(struct work_struct *work)
{
	struct kt_busy_work *b = container_of(work, struct kt_busy_work, work);

	WRITE_ONCE(b->ran, true);
	wait_for_completion(&b->release);
}

/*
 * Regression (klp_busy_system_wq_stalls_transitions): a work item asleep
 * on system_wq, as test_klp_callbacks_busy's is by design, held up the
 * transition retries and the free work, which shared Kelp's single
 * system worker. They run on klp_wq now: a stalled transition still
 * completes once its sleeper leaves, and the disabled patch is freed.
 */
KTEST(klp_busy_system_wq_stalls_transitions)
{
	static struct kt_busy_work busy;
	struct completion done;
	struct task *k;

	INIT_WORK(&busy.work, kt_busy_work_fn);
	init_completion(&busy.release);
	busy.ran = false;
	schedule_work(&busy.work);
	while (!READ_ONCE(busy.ran))
		msleep(1);
	/* parked in klp_ktest_block: the transition must retry */
	k = kt_start_blocker(&done, "klp-kt-block");
	KT_ASSERT(t, k);
	KT_ASSERT(t, klp_enable_patch(&kt_block_patch) == 0);
	KT_EXPECT_EQ(t, kt_wait_idle(30), -ETIMEDOUT);
	complete(&done);	/* leaves the old function: only a retry can notice */
	KT_EXPECT_EQ(t, kt_wait_idle(2000), 0);
	KT_EXPECT_EQ(t, klp_disable_patch(&kt_block_patch), 0);
	KT_EXPECT_EQ(t, kt_wait_idle(2000), 0);
	/* the free work's last step drops the module reference */
	for (int i = 0; i < 2000 && READ_ONCE(kt_mod.refcnt); i++)
		msleep(1);
	KT_EXPECT_EQ(t, READ_ONCE(kt_mod.refcnt), 0);	/* freed while system_wq sleeps */
	KT_EXPECT(t, !work_pending(&busy.work) && !completion_done(&busy.release));
	complete(&busy.release);
	flush_work(&busy.work);
	flush_work(&kt_block_patch.free_work);
	klp_test_reset(&kt_block_patch);
	kthread_stop(k);
}

static struct klp_func kt_block2_funcs[] = { { .old_name = "klp_ktest_block",
					       .new_func = klp_ktest_block_newer }, {} };
static struct klp_object kt_block2_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_block2_funcs }, {}
};
static struct klp_patch kt_block2_patch = { .mod = &kt2_mod, .objs = kt_block2_objs };

/*
 * Regression (klp_verify_missed_older_versions): the independent check
 * looked only at the original function after patching, so a task asleep
 * in an older patch's version of it (patch2 stacked on patch1, or patch1
 * replaced) went unseen; and it looked functions up in kernel text only,
 * missing patch modules' code. A sleeper in klp_ktest_block_new (patch1)
 * stalls patch2 (klp_ktest_block_newer), and the check must see it.
 */
KTEST(klp_verify_sees_older_patch_version)
{
	struct completion done;
	unsigned long fails;
	struct task *k;

	KT_ASSERT(t, kt_enable(&kt_block_patch) == 0);
	k = kt_start_blocker(&done, "klp-kt-block");	/* asleep in klp_ktest_block_new */
	KT_ASSERT(t, k);
	for (int replace = 0; replace < 2; replace++) {
		kt_block2_patch.replace = replace;
		KT_ASSERT(t, klp_enable_patch(&kt_block2_patch) == 0);
		KT_EXPECT_EQ(t, kt_wait_idle(30), -ETIMEDOUT);
		fails = klp_verify_failures;
		klp_verify_expected = 1;
		KT_EXPECT_EQ(t, klp_verify_stacks(&kt_block2_patch, KLP_PATCHED), 1);
		klp_verify_expected = 0;
		KT_EXPECT_EQ(t, kt_disable_and_free(&kt_block2_patch), 0);	/* reversed */
		KT_EXPECT(t, kt_block_patch.enabled);
	}
	kt_block2_patch.replace = false;
	complete(&done);
	kthread_stop(k);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_block_patch), 0);
	KT_EXPECT_EQ(t, klp_verify_failures, fails);
}

KTEST(klp_signal_wakes_sleepers)
{
	unsigned int saved = klp_signal_ms;
	struct task *k;
	u64 start;

	k = kthread_run(kt_isleep_fn, NULL, "klp-kt-isleep");
	KT_ASSERT(t, !IS_ERR(k));
	msleep(5);
	klp_signal_ms = 50;
	start = jiffies;
	KT_ASSERT(t, klp_enable_patch(&kt_sleep_patch) == 0);
	KT_EXPECT_EQ(t, kt_wait_idle(2000), 0);
	KT_EXPECT(t, jiffies - start >= msecs_to_jiffies(50));
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_sleep_patch), 0);
	klp_signal_ms = saved;
	/* a real wake-up: kthread_stop() alone leaves it in its 60 s sleep */
	signal_wake_up(k);
	kthread_stop(k);
}

/* ---- stress ---- */

#define KT_STRESS_THREADS 50
#define KT_STRESS_CYCLES 1000

struct kt_stress {
	unsigned long calls, checked, wrong;
	struct task *task;
	/* the first wrong result, for the failure message */
	int bad_state, bad_result, bad_cpu, bad_in_transition;
	unsigned long bad_gen, bad_call;
	u8 bad_site[5];
};

static struct kt_stress kt_stress[KT_STRESS_THREADS];

/* Counts a wrong result; the first one's circumstances are kept for kt_stress_report(). */
static void kt_stress_wrong(struct kt_stress *s, int state, int r, unsigned long gen)
{
	if (!s->wrong++) {
		s->bad_state = state;
		s->bad_result = r;
		s->bad_cpu = smp_processor_id();
		s->bad_gen = gen;
		s->bad_call = s->calls;
		s->bad_in_transition = klp_transition_in_progress();
		memcpy(s->bad_site, (void *)klp_ktest_target, sizeof(s->bad_site));
	}
}

/* Prints the first wrong result of each caller that had one. */
static void kt_stress_report(struct kt_stress *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i].wrong)
			pr_err("klp stress caller %d: %lu wrong; first at call %lu on CPU %d: state %d, result %d, transition %lu (now %lu), in transition %d, site %02x %02x %02x %02x %02x\n",
			       i, s[i].wrong, s[i].bad_call, s[i].bad_cpu, s[i].bad_state,
			       s[i].bad_result, s[i].bad_gen, kt_gen, s[i].bad_in_transition,
			       s[i].bad_site[0], s[i].bad_site[1], s[i].bad_site[2],
			       s[i].bad_site[3], s[i].bad_site[4]);
}

/* Calls the target forever; a result must match the caller's state when it is known. */
static int kt_stress_fn(void *data)
{
	struct kt_stress *s = data;
	volatile int x = 7;

	while (!kthread_should_stop()) {
		unsigned long g1 = READ_ONCE(kt_gen);
		int s1 = READ_ONCE(current->patch_state);
		int r = klp_ktest_target(x);
		int s2 = READ_ONCE(current->patch_state);
		unsigned long g2 = READ_ONCE(kt_gen);	/* loads in order (x86) */

		s->calls++;
		if (r != 8 && r != 1008)
			kt_stress_wrong(s, s1, r, g1);
		else if (s1 == s2 && s1 != KLP_UNDEFINED && g1 == g2) {
			s->checked++;
			if (r != (s1 == KLP_PATCHED ? 1008 : 8))
				kt_stress_wrong(s, s1, r, g1);
		}
		if (!(s->calls & 15))
			yield();
		else
			cond_resched();
	}
	return 0;
}

KTEST(klp_stress_1000_cycles_50_threads)
{
	struct kmalloc_stats before, after;
	unsigned long calls = 0, checked = 0, wrong = 0;
	unsigned int cycles = 0, verify_runs = klp_verify_runs;
	u64 t0;
	int ret = 0;

	kmalloc_get_stats(&before);
	for (int i = 0; i < KT_STRESS_THREADS; i++) {
		kt_stress[i] = (struct kt_stress){ 0 };
		kt_stress[i].task = kthread_run(kt_stress_fn, &kt_stress[i], "klp-stress/%d", i);
		KT_ASSERT(t, !IS_ERR(kt_stress[i].task));
	}
	t0 = ktime_get_ns();
	for (; cycles < KT_STRESS_CYCLES && !ret; cycles++) {
		ret = kt_enable(&kt_patch);
		if (!ret)
			ret = kt_disable_and_free(&kt_patch);
	}
	KT_EXPECT_EQ(t, ret, 0);
	for (int i = 0; i < KT_STRESS_THREADS; i++) {
		kthread_stop(kt_stress[i].task);
		calls += kt_stress[i].calls;
		checked += kt_stress[i].checked;
		wrong += kt_stress[i].wrong;
	}
	kt_stress_report(kt_stress, KT_STRESS_THREADS);
	pr_info("klp stress: %u cycles in %llu ms, %lu calls, %lu checked against the state, %lu wrong\n",
	       cycles, (unsigned long long)((ktime_get_ns() - t0) / 1000000), calls, checked, wrong);
	KT_EXPECT_EQ(t, cycles, KT_STRESS_CYCLES);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT(t, checked > 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
	KT_EXPECT_EQ(t, klp_verify_runs - verify_runs, 2 * KT_STRESS_CYCLES);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
	KT_EXPECT_EQ(t, klp_ktest_target(7), 8);
	msleep(20);		/* the threads' last switch-out frees them */
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}

/*
 * Regression (SMP): "no transition in progress" must imply that the free
 * work of a patch the transition disabled is queued. The transition used
 * to be marked over before its free was queued; a caller on another CPU
 * that saw it over flushed nothing, reset the patch and enabled it again
 * while the free was still to come (the kobject registered twice, then a
 * crash: klp_shadow_eight_threads_while_replacing on 2 CPUs). A kprobe on
 * klp_free_patch_async() records whether the transition is still in
 * progress when each free is queued: it must be, every time (on the old
 * code it never was). Both paths: a disable completing in the caller, and
 * one completing from the worker once a sleeper leaves the new function.
 */
static atomic_t kt_free_calls, kt_free_late;

static int kt_free_probe(struct kprobe *p, struct pt_regs *regs)
{
	atomic_inc(&kt_free_calls);
	if (!klp_transition_in_progress())
		atomic_inc(&kt_free_late);
	return 0;
}

KTEST(klp_smp_idle_implies_free_queued)
{
	static struct kprobe kp = { .symbol_name = "klp_free_patch_async",
				    .pre_handler = kt_free_probe };
	struct completion done;
	struct task *k;

	atomic_set(&kt_free_calls, 0);
	atomic_set(&kt_free_late, 0);
	KT_ASSERT(t, register_kprobe(&kp) == 0);
	/* the disable completes in the caller */
	KT_EXPECT_EQ(t, kt_enable(&kt_block_patch), 0);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_block_patch), 0);
	/* the disable stalls on a sleeper in the new function; the worker completes it */
	KT_EXPECT_EQ(t, kt_enable(&kt_block_patch), 0);
	k = kt_start_blocker(&done, "klp-kt-free");	/* asleep in klp_ktest_block_new */
	KT_ASSERT(t, k);
	KT_EXPECT_EQ(t, klp_disable_patch(&kt_block_patch), 0);
	KT_EXPECT(t, klp_transition_in_progress());
	complete(&done);
	KT_EXPECT_EQ(t, kt_wait_idle(5000), 0);
	flush_work(&kt_block_patch.free_work);
	klp_test_reset(&kt_block_patch);
	kthread_stop(k);
	unregister_kprobe(&kp);
	KT_EXPECT_EQ(t, atomic_read(&kt_free_calls), 2);
	KT_EXPECT_EQ(t, atomic_read(&kt_free_late), 0);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
}

/*
 * Regression (livepatch_basic_rmmod_in_use_after_disable): `echo 0 >
 * enabled` then `rmmod` at once failed "in use" on 2 CPUs when the
 * patch's free work, which drops the module reference, had not run yet on
 * the other CPU. rmmod of a live patch module now waits for its patches'
 * queued frees. Here the free work is held at its entry (a kprobe whose
 * handler waits, as ftrace_reliable_unwinder_refuses_trampoline's does)
 * while another thread runs rmmod: it must wait, then succeed.
 */
static DECLARE_COMPLETION(kt_hold_in);
static DECLARE_COMPLETION(kt_hold_out);
static atomic_t kt_hold_armed;

static int kt_free_hold(struct kprobe *p, struct pt_regs *regs)
{
	if (!atomic_xchg(&kt_hold_armed, 0))
		return 0;
	preempt_enable_no_resched();	/* the handler's preemption count, back below */
	complete(&kt_hold_in);
	wait_for_completion(&kt_hold_out);
	preempt_disable();
	return 0;
}

static int kt_rmmod_fn(void *data)
{
	WRITE_ONCE(*(int *)data, delete_module("test_klp_livepatch"));
	return 0;
}

KTEST(klp_rmmod_waits_for_queued_free)
{
	static struct kprobe kp = { .symbol_name = "klp_free_patch_work_fn",
				    .pre_handler = kt_free_hold };
	int err = 1, rmmod_err = 1;
	struct task *k;

	reinit_completion(&kt_hold_in);
	reinit_completion(&kt_hold_out);
	KT_ASSERT(t, load_module_file(MODULE_DIR "/test_klp_livepatch.ko", NULL) == 0);
	KT_EXPECT_EQ(t, kt_wait_idle(5000), 0);
	err = register_kprobe(&kp);
	KT_EXPECT_EQ(t, err, 0);
	atomic_set(&kt_hold_armed, 1);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/livepatch/test_klp_livepatch/enabled", "0"), 0);
	KT_EXPECT_EQ(t, kt_wait_idle(5000), 0);
	if (!err)
		wait_for_completion(&kt_hold_in);	/* the free is held: the reference too */
	k = kthread_run(kt_rmmod_fn, &rmmod_err, "klp-kt-rmmod");
	KT_ASSERT(t, !IS_ERR(k));
	msleep(20);
	KT_EXPECT_EQ(t, READ_ONCE(rmmod_err), 1);	/* still waiting, not "in use" */
	complete(&kt_hold_out);
	kthread_wait_exit(k);
	if (!err)
		unregister_kprobe(&kp);
	KT_EXPECT_EQ(t, rmmod_err, 0);
	if (rmmod_err) {
		flush_workqueue(klp_wq);
		delete_module("test_klp_livepatch");
	}
}

/*
 * Regression (issue 15, transition latency with busy threads): a task the
 * scheduler picked again after a nudge (preempted with slice left, or
 * alone on its CPU) never passed its livepatch switch point, so a kthread
 * spinning on another CPU without cond_resched() kept the transition
 * pending until its slice ran out and another task took its CPU, and
 * alone on its CPU for ever. Now __schedule() checks a task it picks
 * again (klp_try_switch_self): the nudge switches it at once. The
 * spinner runs on another CPU than this test (on one CPU it shares ours).
 */
static bool kt_lone_stop;

static int kt_lone_fn(void *data)
{
	atomic_t *ran = data;
	volatile int x = 1;

	while (!READ_ONCE(kt_lone_stop)) {
		x = klp_ktest_notrace(x);	/* never yields, never calls cond_resched */
		atomic_set(ran, 1);
	}
	return 0;
}

/*
 * Starts kt_lone_fn on another CPU than this test's (on one CPU, on ours)
 * and waits until it runs; NULL if it could not be created.
 */
static struct task *kt_lone_start(atomic_t *ran, const char *name)
{
	struct task *k;
	int cpu = 0, other;

	preempt_disable();
	other = smp_processor_id();
	preempt_enable();
	for_each_online_cpu(cpu)
		if (cpu != other)
			break;
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		cpu = other;
	kt_lone_stop = false;
	k = kthread_create(kt_lone_fn, ran, name);
	if (IS_ERR(k))
		return NULL;
	kthread_bind(k, cpu);
	wake_up_process(k);
	for (int i = 0; i < 1000 && !atomic_read(ran); i++)
		msleep(1);
	return k;
}

KTEST(klp_smp_lone_spinner_switches_at_a_nudge)
{
	atomic_t ran = ATOMIC_INIT(0);
	struct task *k = kt_lone_start(&ran, "klp-kt-lone");

	KT_ASSERT(t, k);
	KT_EXPECT(t, atomic_read(&ran));
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_patch), 0);
	KT_EXPECT_EQ(t, kt_wait_idle(1000), 0);		/* was: pending for ever */
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_patch), 0);
	WRITE_ONCE(kt_lone_stop, true);
	kthread_stop(k);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
}

/*
 * Issue 15's busy transition: an enable starts its transition from inside
 * its code batch, once every site is live and before the last sync round,
 * whose IPI then also nudges the CPUs running pending tasks
 * (klp_start_transition_live). Watched from text_poke's step hook, with a
 * spinner on another CPU: after the second sync nothing has started (the
 * sites are not live yet: a task switched then would run old code), and
 * after the last sync the spinner is pending or already switched, so
 * that round could nudge it. The transition then completes.
 */
static struct task *kt_live_spinner;
static int kt_live_step2 = -1, kt_live_step3 = -1;
static unsigned int kt_live_batches;

/* 0: not started, 1: pending, 2: switched. */
static int kt_live_state(struct task *t)
{
	if (test_tsk_thread_flag(t, TIF_PATCH_PENDING))
		return 1;
	return READ_ONCE(t->patch_state) == KLP_PATCHED ? 2 : 0;
}

static void kt_live_step_hook(unsigned int step)
{
	if (kt_live_batches)
		return;		/* only the enable's first batch (then: direct mode) */
	if (step == 2)
		kt_live_step2 = kt_live_state(kt_live_spinner);
	if (step == 3) {
		kt_live_step3 = kt_live_state(kt_live_spinner);
		kt_live_batches++;
	}
}

KTEST(klp_smp_enable_starts_transition_before_last_sync)
{
	atomic_t ran = ATOMIC_INIT(0);
	struct task *k = kt_lone_start(&ran, "klp-kt-live");

	KT_ASSERT(t, k);
	KT_EXPECT(t, atomic_read(&ran));
	kt_live_spinner = k;
	kt_live_step2 = kt_live_step3 = -1;
	kt_live_batches = 0;
	text_poke_bp_step_hook = kt_live_step_hook;
	KT_EXPECT_EQ(t, klp_enable_patch(&kt_patch), 0);
	text_poke_bp_step_hook = NULL;
	KT_EXPECT_EQ(t, kt_live_step2, 0);
	KT_EXPECT(t, kt_live_step3 == 1 || kt_live_step3 == 2);
	KT_EXPECT_EQ(t, kt_wait_idle(1000), 0);
	KT_EXPECT_EQ(t, klp_ktest_target(1), 1002);
	KT_EXPECT_EQ(t, kt_disable_and_free(&kt_patch), 0);
	WRITE_ONCE(kt_lone_stop, true);
	kthread_stop(k);
	KT_EXPECT_EQ(t, kt_mod.refcnt, 0);
}

/*
 * Regression (SMP): a new task took its creator's patch state when it was
 * allocated, before it joined the task list; a transition starting or
 * completing on another CPU in between left it with the state of another
 * transition. Now the copy is made under tasklist_lock as it joins
 * (klp_copy_process). A thread on another CPU creates short-lived threads
 * while this one runs 200 enable/disable cycles; after each cycle no task
 * may keep a patch state or TIF_PATCH_PENDING.
 */
static bool kt_spawn_stop;

static int kt_spawn_child(void *data)
{
	return klp_ktest_target(1) == 2 || klp_ktest_target(1) == 1002 ? 0 : -EINVAL;
}

static int kt_spawn_fn(void *data)
{
	unsigned long *spawned = data;

	while (!READ_ONCE(kt_spawn_stop)) {
		struct task *c = kthread_run(kt_spawn_child, NULL, "klp-kt-child");

		if (!IS_ERR(c)) {
			put_task_struct(c);	/* the creator's reference: nobody stops it */
			(*spawned)++;
		}
		msleep(0);
		cond_resched();
	}
	return 0;
}

KTEST(klp_smp_new_task_state_copied_under_tasklist_lock)
{
	unsigned long spawned = 0, flags;
	int stale = 0, cycles = 0, ret = 0;
	struct task *k, *p;

	WRITE_ONCE(kt_spawn_stop, false);
	k = kthread_run(kt_spawn_fn, &spawned, "klp-kt-spawn");
	KT_ASSERT(t, !IS_ERR(k));
	for (; cycles < 200 && !ret; cycles++) {
		ret = kt_enable(&kt_patch);
		if (!ret)
			ret = kt_disable_and_free(&kt_patch);
		spin_lock_irqsave(&tasklist_lock, flags);
		for_each_task(p)
			if (p->patch_state != KLP_UNDEFINED ||
			    test_tsk_thread_flag(p, TIF_PATCH_PENDING))
				stale++;
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	WRITE_ONCE(kt_spawn_stop, true);
	kthread_stop(k);
	KT_EXPECT_EQ(t, ret, 0);
	KT_EXPECT_EQ(t, stale, 0);
	KT_EXPECT(t, spawned > 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/* ---- seeds on SMP: each race run with its two sides on two CPUs ---- */

/* The n-th online CPU after the caller's (the caller's own with one CPU). */
static int kt_other_cpu(int n)
{
	int me, cpu, i = 0, want;

	preempt_disable();
	me = smp_processor_id();
	preempt_enable();
	want = (me + n) % num_online_cpus();
	for_each_online_cpu(cpu)
		if (i++ == want)
			return cpu;
	return me;
}

/*
 * Seed 000 on SMP: `echo 0 > enabled` frees the patch (from klp_wq's free
 * work) while a reader on another CPU reads the patch's files in a loop,
 * and rmmod runs on this CPU, retrying while the module is in use
 * (EAGAIN while the patch holds it, as a forced rmmod would see), racing
 * the store, which a thread on a third CPU (the second with two) makes.
 * Each of 30 rounds loads test_klp_livepatch.ko afresh. Every read must
 * give a value or ENOENT/ENODEV (a read of freed memory would show kfree's
 * 0x6b poison: an out-of-range value), the store 0 or ENOENT/EINVAL (the
 * patch already going), rmmod must succeed once the free dropped the
 * module, and the directory is gone afterwards. No deadlock: the free work
 * removes the directory outside klp_mutex, so a store waiting for
 * klp_mutex never holds up the removal that waits for stores in flight.
 */
#define KT_SEED000_ROUNDS 30
#define KT_SEED000_DIR "/sys/kernel/livepatch/test_klp_livepatch"

struct kt_seed_io {
	bool stop;
	unsigned long reads_ok, reads_gone, reads_bad, stores, store_bad;
	long last_bad;
	int round_go, round_done;	/* store thread: the round to store in, the last done */
};

static int kt_seed000_reader(void *data)
{
	static const char *const files[] = {
		KT_SEED000_DIR "/enabled", KT_SEED000_DIR "/transition",
		KT_SEED000_DIR "/stack_order", KT_SEED000_DIR "/vmlinux/patched",
		KT_SEED000_DIR "/replace",
	};
	struct kt_seed_io *io = data;
	char buf[16];

	for (unsigned int i = 0; !READ_ONCE(io->stop); i++) {
		ssize_t n = ktest_read_file(files[i % ARRAY_SIZE(files)], buf, sizeof(buf));

		if (n == -ENOENT || n == -ENODEV)
			io->reads_gone++;
		else if (n == 2 && buf[1] == '\n' && buf[0] >= '0' && buf[0] <= '9')
			io->reads_ok++;
		else {
			io->reads_bad++;
			io->last_bad = n == 2 ? buf[0] : n;
		}
		cond_resched();
	}
	return 0;
}

static int kt_seed000_storer(void *data)
{
	struct kt_seed_io *io = data;

	while (!READ_ONCE(io->stop)) {
		int go = READ_ONCE(io->round_go);

		if (go != io->round_done) {
			int err;

			udelay(go * 37 % 200);	/* land at different points of the rmmod loop */
			err = ktest_write_file(KT_SEED000_DIR "/enabled", "0");
			io->stores++;
			if (err && err != -ENOENT && err != -ENODEV && err != -EINVAL)
				io->store_bad++;
			WRITE_ONCE(io->round_done, go);
		}
		cond_resched();
	}
	return 0;
}

KTEST(klp_smp_seed000_store_rmmod_and_reads_race)
{
	static struct kt_seed_io io;
	struct kmalloc_stats before, after;
	struct task *reader, *storer;
	int round, err = 0, lvl = console_loglevel;
	char buf[8];

	io = (struct kt_seed_io){ 0 };
	reader = ktest_run_on_cpu(kt_seed000_reader, &io, kt_other_cpu(1), "kt-s0-read/%u");
	storer = ktest_run_on_cpu(kt_seed000_storer, &io, kt_other_cpu(num_online_cpus() > 2 ? 2 : 1),
				  "kt-s0-store/%u");
	KT_ASSERT(t, reader && storer);
	console_loglevel = 0;
	for (round = 1; round <= KT_SEED000_ROUNDS && !err; round++) {
		u64 end = jiffies + msecs_to_jiffies(5000);

		if (round == 2)
			kmalloc_get_stats(&before);	/* after a first round warmed the caches */
		err = load_module_file(MODULE_DIR "/test_klp_livepatch.ko", NULL);
		if (err)
			break;
		err = kt_wait_idle(5000);
		WRITE_ONCE(io.round_go, round);
		while (((err = delete_module("test_klp_livepatch")) == -EBUSY || err == -EAGAIN) &&
		       jiffies < end)
			cond_resched();
		while (READ_ONCE(io.round_done) != round)
			msleep(1);
		if (!err && ktest_read_file(KT_SEED000_DIR "/enabled", buf, sizeof(buf)) != -ENOENT)
			err = -EEXIST;
	}
	console_loglevel = lvl;
	WRITE_ONCE(io.stop, true);
	kthread_stop(reader);
	kthread_stop(storer);
	flush_workqueue(klp_wq);
	/*
	 * Other work of the same boot can hold memory for a moment (once in
	 * make test, after the 1000 forced transitions of seed 004): a leak
	 * stays, a passing allocation goes within this wait.
	 */
	for (int i = 0; i < 100; i++) {
		kmalloc_get_stats(&after);
		if (after.bytes_in_use <= before.bytes_in_use)
			break;
		msleep(10);
	}
	if (after.bytes_in_use > before.bytes_in_use)
		ktest_fail(t, __FILE__, __LINE__, "%llu bytes more in use than after round 1",
			   (unsigned long long)(after.bytes_in_use - before.bytes_in_use));
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT_EQ(t, round - 1, KT_SEED000_ROUNDS);
	if (io.reads_bad)
		ktest_fail(t, __FILE__, __LINE__, "%lu bad reads, the last %ld", io.reads_bad, io.last_bad);
	KT_EXPECT_EQ(t, io.store_bad, 0);
	KT_EXPECT(t, io.reads_ok > 0);
	KT_EXPECT_EQ(t, io.stores, KT_SEED000_ROUNDS);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/*
 * Seed 004 on SMP: 1000 forced transitions while a thread on every CPU
 * calls the patched function (and switches itself at its cond_resched and
 * yield switch points), and a thread on another CPU writes `force` in a
 * loop, racing the enables, completions and disables of this one. The
 * patch also replaces klp_ktest_block, where a sleeper keeps every
 * patching transition from completing: only force ends them. Kelp's force
 * takes klp_mutex (docs/livepatch.md: seed 004), so a force never runs
 * between a completion's steps or a reversal's; each caller's result must
 * still match its own patch state when that state is known.
 */
static struct module kt_force_mod = { .name = "klp_ktest_force", .livepatch = true };
static struct klp_func kt_force_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_new },
	{ .old_name = "klp_ktest_block", .new_func = klp_ktest_block_new }, {}
};
static struct klp_object kt_force_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kt_force_funcs }, {}
};
static struct klp_patch kt_force_patch = { .mod = &kt_force_mod, .objs = kt_force_objs };

#define KT_FORCE_CYCLES 1000
#define KT_FORCE_FILE "/sys/kernel/livepatch/klp_ktest_force/force"

static bool kt_force_stop;
static unsigned long kt_force_racer_ok;

static int kt_force_racer(void *data)
{
	while (!READ_ONCE(kt_force_stop)) {
		int err = ktest_write_file(KT_FORCE_FILE, "1");

		if (!err)
			kt_force_racer_ok++;	/* it forced one itself */
		cond_resched();
	}
	return 0;
}

KTEST(klp_smp_seed004_1000_forced_transitions)
{
	static struct kt_stress callers[NR_CPUS];
	struct completion done;
	struct task *blocker, *racer;
	unsigned long calls = 0, checked = 0, wrong = 0;
	int cycles = 0, err = 0, cpu, lvl = console_loglevel, stalled = 0, unforced = 0;
	u64 t0;

	/* asleep in klp_ktest_block: patching stalls */
	blocker = kt_start_blocker(&done, "klp-kt-force-block");
	KT_ASSERT(t, blocker);
	WRITE_ONCE(kt_force_stop, false);
	kt_force_racer_ok = 0;
	for_each_online_cpu(cpu) {
		callers[cpu] = (struct kt_stress){ 0 };
		callers[cpu].task = ktest_run_on_cpu(kt_stress_fn, &callers[cpu], cpu, "klp-kt-fcall/%u");
		KT_ASSERT(t, callers[cpu].task);
	}
	racer = ktest_run_on_cpu(kt_force_racer, NULL, kt_other_cpu(1), "klp-kt-forcer/%u");
	KT_ASSERT(t, racer);
	console_loglevel = 0;	/* 1000 "forcing remaining tasks" warnings */
	t0 = ktime_get_ns();
	for (; cycles < KT_FORCE_CYCLES && !err; cycles++) {
		kt_next_transition();
		err = klp_enable_patch(&kt_force_patch);
		if (err) {
			klp_test_reset(&kt_force_patch);
			break;
		}
		if (klp_transition_in_progress()) {
			stalled++;
			err = ktest_write_file(KT_FORCE_FILE, "1");
			if (err == -EINVAL)	/* the racer forced it first */
				err = 0;
		}
		if (!err)
			err = kt_wait_idle(5000);
		if (!err && !kt_force_patch.forced)
			unforced++;	/* the sleeper lets no patching transition end alone */
		if (!err)
			err = kt_disable_and_free(&kt_force_patch);
	}
	console_loglevel = lvl;
	WRITE_ONCE(kt_force_stop, true);
	kthread_stop(racer);
	for_each_online_cpu(cpu) {
		kthread_stop(callers[cpu].task);
		calls += callers[cpu].calls;
		checked += callers[cpu].checked;
		wrong += callers[cpu].wrong;
	}
	for_each_online_cpu(cpu)
		kt_stress_report(&callers[cpu], 1);
	complete(&done);
	kthread_stop(blocker);
	pr_info("klp seed 004: %d forced cycles in %llu ms (%d stalled, %lu forced by the racer), %lu calls on %d CPUs, %lu checked, %lu wrong\n",
		cycles, (unsigned long long)((ktime_get_ns() - t0) / 1000000), stalled,
		kt_force_racer_ok, calls, num_online_cpus(), checked, wrong);
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT_EQ(t, cycles, KT_FORCE_CYCLES);
	/* stalled: in transition when this thread looked (else the racer forced it first) */
	KT_EXPECT(t, stalled > 0);
	KT_EXPECT_EQ(t, unforced, 0);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT(t, checked > 0);
	KT_EXPECT(t, !klp_transition_in_progress());
	KT_EXPECT_EQ(t, klp_ktest_target(7), 8);
	/* a forced patch keeps its module: the fake one here counts them */
	KT_EXPECT_EQ(t, kt_force_mod.refcnt, KT_FORCE_CYCLES);
	kt_force_mod.refcnt = 0;
}
