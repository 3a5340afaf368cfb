/*
 * Scheduler benchmarks (bench-sched.ko): a context switch, measured as
 * half a round trip of two kernel threads through completions.
 */
#include <kelp/ktest.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/mutex.h>
#include <kelp/time.h>
#include <kelp/mm.h>
#include <kelp/errno.h>
#include <kelp/x86.h>
#include <kelp/stacktrace.h>
#include <kelp/workqueue.h>

struct pingpong {
	struct completion ping, pong;
	int rounds;
};

static int pong_fn(void *data)
{
	struct pingpong *pp = data;

	for (int i = 0; i < pp->rounds; i++) {
		wait_for_completion(&pp->ping);
		complete(&pp->pong);
	}
	return 0;
}

KBENCH(sched_context_switch)
{
	static struct pingpong pp;
	struct task *k;
	u64 t0, t1;

	pp.rounds = 1000;
	init_completion(&pp.ping);
	init_completion(&pp.pong);
	k = kthread_run(pong_fn, &pp, "bench-pong");
	if (IS_ERR(k))
		return;
	msleep(1);
	t0 = rdtsc();
	for (int i = 0; i < pp.rounds; i++) {
		complete(&pp.ping);
		wait_for_completion(&pp.pong);
	}
	t1 = rdtsc();
	kthread_stop(k);
	/* One round trip is two switches. */
	kbench_report("sched_context_switch", (t1 - t0) / (2 * pp.rounds), "tsc/switch");
}
