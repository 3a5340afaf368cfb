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
	for (int i = 0; i < 100 && k->state != TASK_UNINTERRUPTIBLE; i++)
		msleep(1);
	return k;
}

/* See parked.h. */
void stop_parked(struct task *k, struct completion *c)
{
	complete(c);
	kthread_stop(k);
}
