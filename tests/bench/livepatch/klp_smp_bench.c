/*
 * Livepatch on SMP (issue 15; make bench runs it with 1, 2 and 4 CPUs
 * under -icount shift=0, where TSC ticks count the instructions of the
 * whole machine): transition latency with 100 threads bound round-robin
 * to every CPU, sleeping and busy, and next to it what the independent
 * stack check (livepatch/verify.c: stop_machine_all, every stack walked)
 * costs per transition: timed by itself on the completed patch, and as a
 * share of the transition (klp_enable_patch() to the post_patch callback).
 * Also reported: when klp_enable_patch() returned, which includes the
 * sites' switch to direct mode after the post_patch callback when the
 * transition completed within the call.
 */
#include "../../../livepatch/core.h"
#include "../../../livepatch/verify.h"
#include "../../ktest/livepatch/klp_test.h"
#include "../../ktest/livepatch/klp_ktest_target.h"
#include <kelp/completion.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/time.h>
#include <kelp/x86.h>
#include "../../ktest/target.h"

#define KS_THREADS 100

static struct module ks_mod = { .name = "klp_smp_bench", .livepatch = true };
static struct klp_func ks_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_new }, {}
};
static u64 ks_done_tsc;

/*
 * The end of the transition: klp_complete_transition() runs the post_patch
 * callbacks (the stack check follows). Timed here, not by the waiting
 * thread, which may wait for its turn behind 25 busy threads on its CPU.
 */
static void ks_post_patch(struct klp_object *obj)
{
	ks_done_tsc = rdtsc();
}

static struct klp_object ks_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = ks_funcs, .callbacks = { .post_patch = ks_post_patch } }, {}
};
static struct klp_patch ks_patch = { .mod = &ks_mod, .objs = ks_objs };

static volatile bool ks_stop;

static int ks_sleep_fn(void *data)
{
	wait_for_completion(data);
	return 0;
}

/*
 * Busy: never yields, never sleeps, never calls cond_resched() or passes
 * any other switch point; a task the transition must nudge. Every
 * KS_BUSY_PAUSE-th round it runs a pause, a spin-wait hint, for the
 * emulator: QEMU 7.2's round-robin TCG under -icount (Debian 12's) runs
 * a vCPU until it pauses or halts or reaches the next timer deadline, and
 * gives the vCPU after one that reached a deadline a budget of 0. Behind
 * a CPU running only such a loop the next CPU got no turn at all for as
 * long as the loop ran (the enable's sync IPI waited on it for ever at 2
 * CPUs), or, depending on the timers' phases, turns of up to 2 M
 * instructions that the enabling CPU waited out once per IPI round: the
 * figure measured QEMU's turns (3 M to 7 M at 4 CPUs for one code), not
 * Kelp. With the pause a vCPU's turn ends within about 10 k instructions,
 * closer to hardware, where the other CPUs run alongside the enabling one
 * and delay it by an IPI's latency only. Newer QEMU splits each round's
 * budget between the vCPUs.
 */
#define KS_BUSY_PAUSE 1024

static int ks_busy_fn(void *unused)
{
	volatile int x = 1;

	for (unsigned long i = 1; !ks_stop; i++) {
		x = klp_ktest_notrace(x);
		if (!(i % KS_BUSY_PAUSE))
			cpu_relax();
	}
	return 0;
}

/* n-th online CPU, round-robin. */
static int ks_cpu(unsigned int n)
{
	int cpu, i = 0;

	n %= num_online_cpus();
	for_each_online_cpu(cpu)
		if (i++ == (int)n)
			return cpu;
	return 0;
}

/*
 * Each measurement starts on a whole time slice: with 25 busy threads on
 * this thread's CPU, a slice running out inside the measured code put it
 * behind all of them (24 slices, 240 M instructions under icount), a
 * figure of the bench's own scheduling, not of the code measured.
 */
static void ks_fresh_slice(void)
{
	yield();
}

static void ks_latency(const char *name, bool busy)
{
	struct task **tasks = kcalloc(KS_THREADS, sizeof(*tasks), GFP_KERNEL);
	unsigned long runs = klp_verify_runs, ran;
	struct completion done;
	unsigned int started = 0;
	u64 t0, enable, ret, check;

	if (!tasks)
		return;
	init_completion(&done);
	ks_stop = false;
	for (; started < KS_THREADS; started++) {
		struct task *t = busy ? kthread_create(ks_busy_fn, NULL, "ks-busy/%u", started) :
					kthread_create(ks_sleep_fn, &done, "ks-sleep/%u", started);

		if (IS_ERR(t))
			break;
		kthread_bind(t, ks_cpu(started));
		wake_up_process(t);
		tasks[started] = t;
	}
	msleep(20);		/* everyone parked or spinning */
	ks_fresh_slice();
	t0 = rdtsc();
	if (klp_enable_patch(&ks_patch)) {
		klp_test_reset(&ks_patch);
		enable = ret = 0;
	} else {
		ret = rdtsc() - t0;	/* the sites' return to direct mode included */
		while (klp_transition_in_progress())
			msleep(1);
		enable = ks_done_tsc - t0;
	}
	ran = klp_verify_runs - runs;	/* 1: the check after the transition */
	/* the check once more, by itself, on the same machine state */
	ks_fresh_slice();
	t0 = rdtsc();
	klp_verify_stacks(&ks_patch, KLP_PATCHED);
	check = rdtsc() - t0;
	if (enable) {
		klp_disable_patch(&ks_patch);
		while (klp_transition_in_progress())
			msleep(1);
		flush_work(&ks_patch.free_work);
		klp_test_reset(&ks_patch);
	}
	ks_stop = true;
	complete_all(&done);
	for (unsigned int i = 0; i < started; i++)
		kthread_stop(tasks[i]);
	kfree(tasks);
	kbench_reportf(name, "%llu tsc to complete (%u threads %s on %d CPUs; klp_enable_patch "
		       "returned after %llu); the stack check after it: %llu tsc (%llu%% of the "
		       "transition; %lu run)", (unsigned long long)enable, started,
		       busy ? "busy" : "sleeping", num_online_cpus(), (unsigned long long)ret,
		       (unsigned long long)check, enable ? (unsigned long long)(check * 100 / enable) : 0ULL,
		       ran);
}

KBENCH(klp_smp_transition)
{
	ks_latency("klp_smp_transition_100_sleeping", false);
	ks_latency("klp_smp_transition_100_busy", true);
}
