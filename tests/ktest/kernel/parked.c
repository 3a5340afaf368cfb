/*
 * The parked thread of the stack trace tests and benchmarks (parked.h),
 * linked into ktest-kernel.ko and bench-kernel.ko.
 */
#include <kelp/completion.h>
#include <kelp/kthread.h>
#include <kelp/sched.h>
#include <kelp/compiler.h>
#include "parked.h"

/* The parked thread: kt_park_fn -> kt_park_a -> kt_park_b -> kt_park_c -> wait. */
static noinline void kt_park_c(struct completion *c)
{
	wait_for_completion(c);
	barrier();
}

static noinline void kt_park_b(struct completion *c)
{
	kt_park_c(c);
	barrier();
}

static noinline void kt_park_a(struct completion *c)
{
	kt_park_b(c);
	barrier();
}

/* See parked.h. */
int kt_park_fn(void *data)
{
	kt_park_a(data);
	return 0;
}

/* See parked.h. */
struct task *start_parked(struct completion *c)
{
	struct task *k;

	init_completion(c);
	k = kthread_run(kt_park_fn, c, "kt-parked");
	if (IS_ERR(k))
		return NULL;
	/*
	 * Asleep and switched out: on SMP the state is set before the thread
	 * leaves its CPU, and its saved sp (the tests' frame) is only written
	 * by the switch. stacktrace_corrupted_frame_pointer_unreliable failed
	 * at 2 CPUs when it took its frames from a sp older than the switch.
	 */
	for (int i = 0; i < 100 && (READ_ONCE(k->state) != TASK_UNINTERRUPTIBLE ||
				    READ_ONCE(k->on_cpu)); i++)
		msleep(1);
	smp_rmb();	/* pairs with finish_task_switch()'s release of on_cpu: sp after it */
	return k;
}

/* See parked.h. */
void stop_parked(struct task *k, struct completion *c)
{
	complete(c);
	kthread_stop(k);
}
