/*
 * Kernel threads (kernel/sched/kthread.c), Linux's API. A kthread runs
 * threadfn(data) on its own stack; when threadfn returns, its value is the
 * exit code. kthread_stop() asks the thread to stop (kthread_should_stop()
 * turns true), wakes it and waits for its exit. As in Linux, a thread that
 * may exit on its own before kthread_stop() must be pinned by the caller
 * with get_task_struct().
 */
#ifndef KELP_KTHREAD_H
#define KELP_KTHREAD_H

#include <kelp/sched.h>

/*
 * Creates a stopped thread named by the printf-style namefmt; start it with
 * wake_up_process(). Returns the task or ERR_PTR(-ENOMEM). Task context.
 */
struct task *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
	__printf(3, 4);

/* kthread_create() + wake_up_process(). Same returns. */
/* The same under Linux's out-of-line name (node is ignored: one memory node). */
struct task *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
				    const char *namefmt, ...) __printf(4, 5);
#define NUMA_NO_NODE (-1)
/*
 * A stopped thread bound to cpu (kthread_bind), named by namefmt with cpu
 * as its one argument ("name/%u"), as Linux's. Same returns as
 * kthread_create. kthread_run_on_cpu also wakes it.
 */
struct task *kthread_create_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu,
				   const char *namefmt);
#define kthread_run_on_cpu(fn, data, cpu, namefmt) ({                            \
	struct task *__k = kthread_create_on_cpu(fn, data, cpu, namefmt);        \
	if (!IS_ERR(__k))                                                       \
		wake_up_process(__k);                                           \
	__k;                                                                    \
})
/* The function and data t was created with (Linux's kthread_func/kthread_data). */
void *kthread_func(struct task *t);
void *kthread_data(struct task *t);
/* kthread_stop, then put_task_struct of the caller's own reference. */
int kthread_stop_put(struct task *t);
#define kthread_run(fn, data, ...) ({                                             \
	struct task *__k = kthread_create(fn, data, __VA_ARGS__);               \
	if (!IS_ERR(__k))                                                       \
		wake_up_process(__k);                                           \
	__k;                                                                    \
})

/*
 * Sets should_stop, wakes t and waits for it to exit. Returns threadfn's
 * return value, or -EINTR if the thread never ran threadfn. Drops the
 * creation reference: t must not be used afterwards. An exiting task makes
 * its last switch soon after its waiter is woken (on SMP possibly just
 * after this returns, on its own CPU): t must not be used afterwards.
 * Task context, sleeps.
 */
int kthread_stop(struct task *t);
/* True once kthread_stop() was called on the current thread. */
bool kthread_should_stop(void);
/* Waits until t has exited (without asking it to); returns its exit code. Task context. */
int kthread_wait_exit(struct task *t);

#endif /* KELP_KTHREAD_H */
