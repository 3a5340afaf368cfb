/*
 * Kernel threads: creation on top of task_alloc(), the common entry
 * kthread_main() (reached from ret_from_fork), stop requests and waiting
 * for exit. A kthread holds two references at creation: its own (dropped
 * by the scheduler after its last switch-out) and the creator's (dropped
 * by kthread_stop()). A creator that will never stop the thread (it ends
 * on its own) drops its reference with put_task_struct() instead.
 */
#include <kelp/kthread.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/string.h>
#include <kelp/export.h>
#include "sched.h"

/* See kthread.h. */
struct task *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
{
	char comm[TASK_COMM_LEN];
	struct task *t;
	va_list ap;

	va_start(ap, namefmt);
	vscnprintf(comm, sizeof(comm), namefmt, ap);
	va_end(ap);
	t = task_alloc(comm);
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->threadfn = threadfn;
	t->data = data;
	get_task_struct(t);	/* the creator's reference, for kthread_stop() */
	task_list_add(t);
	return t;
}
EXPORT_SYMBOL(kthread_create);

/* Entry of every new task (called from ret_from_fork). Never returns. */
__noreturn void kthread_main(void)
{
	struct task *t = current;
	int ret = -EINTR;

	if (!READ_ONCE(t->should_stop))
		ret = t->threadfn(t->data);
	do_exit(ret);
}

/* See kthread.h. */
bool kthread_should_stop(void)
{
	return READ_ONCE(current->should_stop);
}
EXPORT_SYMBOL(kthread_should_stop);

/* See kthread.h. */
int kthread_wait_exit(struct task *t)
{
	wait_event(t->exit_wait, READ_ONCE(t->exited));
	return t->exit_code;
}

/* See kthread.h. */
int kthread_stop(struct task *t)
{
	int ret;

	if (WARN(t == current, "kthread_stop: %s stopping itself\n", t->comm))
		return -EINVAL;
	WRITE_ONCE(t->should_stop, true);
	if (!wake_up_process(t))
		sched_boost(t);		/* runnable: let it see the request now */
	ret = kthread_wait_exit(t);
	put_task_struct(t);
	return ret;
}
EXPORT_SYMBOL(kthread_stop);
