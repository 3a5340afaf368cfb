/*
 * Livepatch benchmarks (make bench; under -icount shift=0 TSC ticks count
 * instructions): transition latency from klp_enable_patch() to "patching
 * complete" with 10, 100 and 1000 sleeping threads and with 100 busy
 * ones; the cost of a call to a patched function in direct mode and
 * through the handler against an unpatched call; enable and disable time
 * for patches of 1, 100 and 1000 functions, with the number of ftrace code
 * updates (text_poke_bp batches) each made; atomic replace of an
 * N-function patch by another N-function patch, of the same functions or
 * of others (then with N no-ops), for N = 10, 100 and 1000 (500 for other
 * functions).
 */
#include "../../../livepatch/core.h"
#include "../../../livepatch/patch.h"
#include "../../ktest/livepatch/klp_test.h"
#include "../../ktest/livepatch/klp_ktest_target.h"
#include "klp_bench_funcs.h"
#include <kelp/completion.h>
#include <kelp/ftrace.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/time.h>
#include <kelp/x86.h>
#include <kelp/string.h>
#include "../../ktest/target.h"

#define KB_CALLS 100000
#define CENTI(v) (unsigned long long)((v) / 100), (unsigned long long)((v) % 100)

static struct module kb_mod = { .name = "klp_bench", .livepatch = true };
static struct klp_func kb_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_new }, {}
};
static struct klp_object kb_objs[] = { { .name = KTEST_TARGET_MOD, .funcs = kb_funcs }, {} };
static struct klp_patch kb_patch = { .mod = &kb_mod, .objs = kb_objs };

static void kb_wait_idle(void)
{
	while (klp_transition_in_progress())
		cond_resched();
}

static void kb_disable_and_free(struct klp_patch *patch)
{
	klp_disable_patch(patch);
	while (klp_transition_in_progress())
		msleep(1);
	flush_work(&patch->free_work);
	klp_test_reset(patch);
}

/* Ticks from klp_enable_patch() until the transition completed. */
static u64 kb_enable_latency(struct klp_patch *patch)
{
	u64 t0 = rdtsc(), t;

	if (klp_enable_patch(patch)) {
		klp_test_reset(patch);
		return 0;
	}
	kb_wait_idle();
	t = rdtsc() - t0;
	kb_disable_and_free(patch);
	return t;
}

/* ---- transition latency ---- */

static int kb_sleep_fn(void *data)
{
	wait_for_completion(data);
	return 0;
}

static volatile bool kb_spin_stop;

static int kb_spin_fn(void *unused)
{
	volatile int x = 1;

	while (!kb_spin_stop)
		x = klp_ktest_notrace(x);	/* busy, never yields, never calls cond_resched */
	return 0;
}

static void kb_latency(const char *name, unsigned int n, bool busy)
{
	struct task **tasks = kcalloc(n, sizeof(*tasks), GFP_KERNEL);
	struct completion done;
	unsigned int started = 0;
	u64 ticks;

	if (!tasks)
		return;
	init_completion(&done);
	kb_spin_stop = false;
	for (; started < n; started++) {
		tasks[started] = busy ? kthread_run(kb_spin_fn, NULL, "kb-busy/%u", started) :
					kthread_run(kb_sleep_fn, &done, "kb-sleep/%u", started);
		if (IS_ERR(tasks[started]))
			break;
	}
	msleep(20);		/* everyone parked or spinning */
	ticks = kb_enable_latency(&kb_patch);
	kb_spin_stop = true;
	complete_all(&done);
	for (unsigned int i = 0; i < started; i++)
		kthread_stop(tasks[i]);
	kfree(tasks);
	kbench_reportf(name, "%llu tsc (%u threads %s)", (unsigned long long)ticks, started,
		       busy ? "busy" : "sleeping");
}

KBENCH(klp_transition_latency)
{
	kb_latency("klp_transition_10_sleeping", 10, false);
	kb_latency("klp_transition_100_sleeping", 100, false);
	kb_latency("klp_transition_1000_sleeping", 1000, false);
	kb_latency("klp_transition_100_busy", 100, true);
}

/* ---- the cost of a patched call ---- */

static u64 kb_loop(int (*volatile fn)(int))
{
	u64 t0 = rdtsc();

	for (int i = 0; i < KB_CALLS; i++)
		fn(i);
	return (rdtsc() - t0) * 100 / KB_CALLS;
}

KBENCH(klp_call_cost)
{
	u64 plain, direct, handler;

	plain = kb_loop(klp_ktest_target);
	if (klp_enable_patch(&kb_patch)) {
		klp_test_reset(&kb_patch);
		return;
	}
	kb_wait_idle();
	direct = kb_loop(klp_ktest_target);
	mutex_lock(&klp_mutex);
	klp_clear_direct(&kb_patch);
	mutex_unlock(&klp_mutex);
	handler = kb_loop(klp_ktest_target);
	kb_disable_and_free(&kb_patch);
	kbench_reportf("klp_call_unpatched", "%llu.%02llu insn/call", CENTI(plain));
	kbench_reportf("klp_call_patched_direct", "%llu.%02llu insn/call (%lld.%02llu vs unpatched)",
		       CENTI(direct), (long long)(direct - plain) / 100,
		       (unsigned long long)((direct > plain ? direct - plain : plain - direct) % 100));
	kbench_reportf("klp_call_patched_handler", "%llu.%02llu insn/call (+%llu.%02llu vs unpatched)",
		       CENTI(handler), CENTI(handler - plain));
}

/* ---- enable time ---- */

static struct module kb_many_mod = { .name = "klp_bench_many", .livepatch = true };
static struct klp_object kb_many_objs[] = {
	{ .name = BENCH_TARGET_MOD, .funcs = klp_bench_funcs }, {}
};
static struct klp_patch kb_many_patch = { .mod = &kb_many_mod, .objs = kb_many_objs };

/* Ticks until the transition started by start() (0: started) completed; 0 on failure. */
static u64 kb_time_transition(int (*start)(struct klp_patch *), struct klp_patch *patch,
			      u64 *updates)
{
	u64 t0 = rdtsc(), u0 = ftrace_code_updates;

	if (start(patch))
		return 0;
	kb_wait_idle();
	*updates = ftrace_code_updates - u0;
	return rdtsc() - t0;
}

static void kb_report_n(const char *what, unsigned int n, u64 t, u64 updates)
{
	char name[40];

	snprintf(name, sizeof(name), "klp_%s_%u_funcs", what, n);
	kbench_reportf(name, "%llu tsc (%llu per function, %llu code updates)",
		       (unsigned long long)t, (unsigned long long)(t / n),
		       (unsigned long long)updates);
}

/*
 * Enable, then disable, a patch of the first n generated functions: from
 * the call until the transition completed, and the ftrace code updates
 * (text_poke_bp batches) each took.
 */
static void kb_enable_n(unsigned int n)
{
	struct klp_func saved = klp_bench_funcs[n];
	u64 t_on, t_off = 0, u_on = 0, u_off = 0;

	klp_bench_funcs[n] = (struct klp_func){ 0 };
	t_on = kb_time_transition(klp_enable_patch, &kb_many_patch, &u_on);
	if (t_on)
		t_off = kb_time_transition(klp_disable_patch, &kb_many_patch, &u_off);
	if (t_off)
		flush_work(&kb_many_patch.free_work);
	klp_test_reset(&kb_many_patch);
	klp_bench_funcs[n] = saved;
	kb_report_n("enable", n, t_on, u_on);
	kb_report_n("disable", n, t_off, u_off);
}

KBENCH(klp_enable_time)
{
	kb_enable_n(1);
	kb_enable_n(100);
	kb_enable_n(KLP_BENCH_NR_FUNCS);
}

/* ---- atomic replace ---- */

static struct module kb_old_mod = { .name = "klp_bench_old", .livepatch = true };
static struct module kb_rep_mod = { .name = "klp_bench_replace", .livepatch = true };
static struct klp_object kb_old_objs[] = { { .name = BENCH_TARGET_MOD, .funcs = NULL }, {} };
static struct klp_object kb_rep_objs[] = { { .name = BENCH_TARGET_MOD, .funcs = NULL }, {} };
static struct klp_patch kb_old_patch = { .mod = &kb_old_mod, .objs = kb_old_objs };
static struct klp_patch kb_rep_patch = { .mod = &kb_rep_mod, .objs = kb_rep_objs, .replace = true };

/* A fresh array of the generated entries [first, first + n), terminated. */
static struct klp_func *kb_funcs_copy(unsigned int first, unsigned int n)
{
	struct klp_func *f = kcalloc(n + 1, sizeof(*f), GFP_KERNEL);

	for (unsigned int i = 0; f && i < n; i++) {
		f[i].old_name = klp_bench_funcs[first + i].old_name;
		f[i].new_func = klp_bench_funcs[first + i].new_func;
	}
	return f;
}

/* Generated functions of [first, first + n) not returning x - N (their patched value). */
static unsigned int kb_unpatched(struct klp_func *f, unsigned int n)
{
	unsigned int bad = 0;

	for (unsigned int i = 0; i < n; i++)
		bad += ((int (*)(int))f[i].old_func)(0) >= 0;
	return bad;
}

/*
 * Ticks from klp_enable_patch() of the replace patch until its transition
 * completed (its no-ops and the replaced patch's functions are off the
 * sites then; the replaced patch is freed later, from its work item).
 */
static void kb_replace(unsigned int n, bool same)
{
	struct klp_func *old = kb_funcs_copy(0, n), *rep = kb_funcs_copy(same ? 0 : n, n);
	unsigned int bad = 0;
	char name[48];
	u64 t0, t = 0;

	if (!old || !rep)
		goto out;
	kb_old_objs[0].funcs = old;
	kb_rep_objs[0].funcs = rep;
	if (klp_enable_patch(&kb_old_patch)) {
		klp_test_reset(&kb_old_patch);
		goto out;
	}
	kb_wait_idle();
	t0 = rdtsc();
	if (klp_enable_patch(&kb_rep_patch)) {
		klp_test_reset(&kb_rep_patch);
		kb_disable_and_free(&kb_old_patch);
		goto out;
	}
	kb_wait_idle();
	t = rdtsc() - t0;
	flush_work(&kb_old_patch.free_work);
	klp_test_reset(&kb_old_patch);
	bad = kb_unpatched(rep, n);
	kb_disable_and_free(&kb_rep_patch);
out:
	kfree(old);
	kfree(rep);
	snprintf(name, sizeof(name), "klp_replace_%u_by_%u_%s", n, n, same ? "same" : "other");
	if (!t || bad)
		kbench_reportf(name, "failed (%u functions not patched)", bad);
	else
		kbench_reportf(name, "%llu tsc (%llu per function%s)", (unsigned long long)t,
			       (unsigned long long)(t / n), same ? "" : ", plus as many no-ops");
}

KBENCH(klp_replace_time)
{
	kb_replace(10, true);
	kb_replace(100, true);
	kb_replace(KLP_BENCH_NR_FUNCS, true);
	kb_replace(10, false);
	kb_replace(100, false);
	kb_replace(KLP_BENCH_NR_FUNCS / 2, false);
}
