/*
 * Wait queues (kernel/sched/wait.c), Linux's API: a task puts an entry on a
 * queue, sets its state and sleeps until a waker calls wake_up(). The
 * wait_event*() macros do the loop without lost wake-ups: the condition is
 * tested after the task state is set, and a wake-up in between sets the
 * state back to running. q->lock (irqsave) guards the list; wakers may run
 * in IRQ context. wake_up() wakes every non-exclusive waiter and one
 * exclusive waiter; wake_up_all() wakes every waiter.
 */
#ifndef KELP_WAIT_H
#define KELP_WAIT_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/spinlock.h>
#include <kelp/errno.h>

struct task;

#define WQ_FLAG_EXCLUSIVE 0x01

struct wait_queue_entry {
	unsigned int flags;
	struct task *task;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { SPINLOCK_INIT, LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* Any context. */
void init_waitqueue_head(struct wait_queue_head *q);
/* The same under Linux's out-of-line name (kernel/sched_linux.c); name and key are ignored. */
void __init_waitqueue_head(struct wait_queue_head *q, const char *name, void *key);
/* Initialises an entry for the current task. */
void init_wait_entry(struct wait_queue_entry *w, unsigned int flags);
/* Queues w (once) and sets the current task's state. Task context. */
void prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, long state);
void prepare_to_wait_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w, long state);
/* Sets the task running and dequeues w. Task context. */
void finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w);
/* Queue and dequeue an entry by hand (kernel/sched_linux.c, Linux's names). Any context. */
void add_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w);
void add_wait_queue_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w);
/* Wakes waiters (see above). Any context; nr_exclusive 0 = all. */
void __wake_up(struct wait_queue_head *q, unsigned int mode, int nr_exclusive);
#define wake_up(q) __wake_up(q, TASK_NORMAL, 1)
#define wake_up_all(q) __wake_up(q, TASK_NORMAL, 0)
#define wake_up_interruptible(q) __wake_up(q, TASK_INTERRUPTIBLE, 1)
#define wake_up_interruptible_all(q) __wake_up(q, TASK_INTERRUPTIBLE, 0)
/* True if someone waits on q (a racy hint, as Linux's). */
bool waitqueue_active(struct wait_queue_head *q);

/* Needs sched.h for the state constants and schedule_timeout(). */
#include <kelp/sched.h>

/*
 * Core loop: returns 0 when cond became true, -ERESTARTSYS when an
 * interruptible wait saw a pending wake signal, or, for a timeout, the
 * jiffies left (at least 1) when cond became true and 0 on expiry.
 */
#define ___wait_event(q, cond, state, exclusive, ret, cmd)                       \
({                                                                              \
	__label__ __out;                                                        \
	struct wait_queue_entry __w;                                            \
	long __ret = ret;                                                       \
	init_wait_entry(&__w, exclusive ? WQ_FLAG_EXCLUSIVE : 0);              \
	for (;;) {                                                              \
		prepare_to_wait(&(q), &__w, state);                             \
		if (cond)                                                       \
			break;                                                  \
		if ((state) == TASK_INTERRUPTIBLE && signal_pending(current)) { \
			__ret = -ERESTARTSYS;                                   \
			goto __out;                                             \
		}                                                               \
		cmd;                                                            \
	}                                                                       \
__out:                                                                          \
	finish_wait(&(q), &__w);                                                \
	__ret;                                                                  \
})

/* Sleeps (uninterruptible) until cond is true. Task context. */
#define wait_event(q, cond) do {                                                 \
	if (!(cond))                                                            \
		(void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)

/* Returns 0, or -ERESTARTSYS if woken by a signal (signal_wake_up). */
#define wait_event_interruptible(q, cond) ({                                     \
	long __r = 0;                                                           \
	if (!(cond))                                                            \
		__r = ___wait_event(q, cond, TASK_INTERRUPTIBLE, 0, 0, schedule()); \
	(int)__r;                                                               \
})

#define __wait_event_timeout(q, cond, state, tmo)                                \
	___wait_event(q, ___wait_cond_timeout(cond), state, 0, tmo,             \
		      __ret = schedule_timeout(__ret))
#define ___wait_cond_timeout(cond) ({                                            \
	bool __c = (cond);                                                      \
	if (__c && !__ret)                                                      \
		__ret = 1;                                                      \
	__c || !__ret;                                                          \
})

/* Returns 0 if tmo (jiffies) elapsed with cond false, else the jiffies left (>= 1). */
#define wait_event_timeout(q, cond, tmo) ({                                      \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = __wait_event_timeout(q, cond, TASK_UNINTERRUPTIBLE, tmo); \
	__ret;                                                                  \
})

/* As wait_event_timeout, or -ERESTARTSYS on a signal. */
#define wait_event_interruptible_timeout(q, cond, tmo) ({                        \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = __wait_event_timeout(q, cond, TASK_INTERRUPTIBLE, tmo); \
	__ret;                                                                  \
})

#endif /* KELP_WAIT_H */
