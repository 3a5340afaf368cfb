/*
 * Wait queues (kernel/sched/wait.c), Linux's API and entry layout: a task
 * puts an entry on a queue, sets its state and sleeps until a waker calls
 * wake_up(). Each entry carries a wake function (func) that the waker calls
 * under q->lock: default_wake_function wakes the task in private,
 * autoremove_wake_function (what init_wait_entry and DEFINE_WAIT give)
 * also takes the entry off the queue, woken_wake_function marks it for
 * wait_woken(). The wait_event*() macros loop on prepare_to_wait_event()
 * without lost wake-ups: the condition is tested after the task state is
 * set, and a wake-up in between sets the state back to running. q->lock
 * (irqsave) guards the list; wakers may run in IRQ context. wake_up()
 * wakes every non-exclusive waiter and one exclusive waiter (exclusive
 * ones queue last); wake_up_all() wakes every waiter.
 */
#ifndef KELP_WAIT_H
#define KELP_WAIT_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/spinlock.h>
#include <kelp/errno.h>
#include <kelp/barrier.h>

struct task;
struct wait_queue_entry;

/* Linux's values. */
#define WQ_FLAG_EXCLUSIVE 0x01
#define WQ_FLAG_WOKEN 0x02
/* wake_flags: a synchronous wake-up (the waker is about to sleep); Kelp does nothing special. */
#define WF_SYNC 0x10

/*
 * A wake function: returns nonzero if it woke the waiter (an exclusive
 * one then counts against nr_exclusive), negative to stop the walk. Called
 * with q->lock held, IRQs off.
 */
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the task to wake */
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { SPINLOCK_INIT, LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)

/* Wake functions (see above); Linux's names and signatures. Any context, q->lock held. */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			     void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			void *key);

/* An entry for task tsk that stays queued when woken (add_wait_queue users). */
#define __WAITQUEUE_INITIALIZER(name, tsk)                                      \
	{ .private = (tsk), .func = default_wake_function,                      \
	  .entry = LIST_HEAD_INIT((name).entry) }
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
/* An entry for the current task with wake function function. */
#define DEFINE_WAIT_FUNC(name, function)                                        \
	struct wait_queue_entry name = {                                        \
		.private = current,                                             \
		.func = function,                                               \
		.entry = LIST_HEAD_INIT((name).entry),                          \
	}
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

static inline void init_waitqueue_entry(struct wait_queue_entry *w, struct task *p)
{
	w->flags = 0;
	w->private = p;
	w->func = default_wake_function;
	INIT_LIST_HEAD(&w->entry);
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *w, wait_queue_func_t func)
{
	w->flags = 0;
	w->private = NULL;
	w->func = func;
	INIT_LIST_HEAD(&w->entry);
}

#define init_wait_func(wait, function)                                          \
	do {                                                                    \
		(wait)->private = current;                                      \
		(wait)->func = function;                                        \
		INIT_LIST_HEAD(&(wait)->entry);                                 \
		(wait)->flags = 0;                                              \
	} while (0)
#define init_wait(wait) init_wait_func(wait, autoremove_wake_function)

/* Any context. */
void init_waitqueue_head(struct wait_queue_head *q);
/* The same under Linux's out-of-line name (kernel/sched_linux.c); name and key are ignored. */
void __init_waitqueue_head(struct wait_queue_head *q, const char *name, void *key);
/* Initialises an entry for the current task, waking with autoremove_wake_function. */
void init_wait_entry(struct wait_queue_entry *w, int flags);
/*
 * Queue w (once: at the head, or for the exclusive variant at the tail)
 * and set the current task's state. Task context. prepare_to_wait_exclusive
 * returns true if the queue was empty before.
 */
void prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w, int state);
/*
 * The wait_event loop's step: -ERESTARTSYS (and w dequeued, state left
 * alone) if state is interruptible and a signal is pending, else 0 with w
 * queued (exclusive ones at the tail) and the state set. Task context.
 */
long prepare_to_wait_event(struct wait_queue_head *q, struct wait_queue_entry *w, int state);
/* Sets the task running and dequeues w if a wake function has not. Task context. */
void finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w);
/*
 * Sleeps in mode for up to timeout jiffies unless woken_wake_function has
 * marked w since the last call (no lost wake-ups for add_wait_queue loops);
 * returns the jiffies left, as schedule_timeout(). Task context.
 */
long wait_woken(struct wait_queue_entry *w, unsigned int mode, long timeout);
/* Queue and dequeue an entry by hand (kernel/sched_linux.c, Linux's names). Any context. */
void add_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w);
void add_wait_queue_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w);

/* The same with q->lock already held (Linux's inline helpers). */
static inline void __add_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	list_add(&w->entry, &q->head);
}
static inline void __add_wait_queue_entry_tail(struct wait_queue_head *q,
					       struct wait_queue_entry *w)
{
	list_add_tail(&w->entry, &q->head);
}
static inline void __add_wait_queue_exclusive(struct wait_queue_head *q,
					      struct wait_queue_entry *w)
{
	w->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(q, w);
}
static inline void __remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	list_del(&w->entry);
}

/*
 * Calls the wake functions of q's entries in order (see above); key is
 * passed to them. nr_exclusive 0 = all. Returns the number of exclusive
 * waiters woken. Any context.
 */
int __wake_up(struct wait_queue_head *q, unsigned int mode, int nr_exclusive, void *key);
/* The same with q->lock held by the caller. */
void __wake_up_locked(struct wait_queue_head *q, unsigned int mode, int nr);
void __wake_up_locked_key(struct wait_queue_head *q, unsigned int mode, void *key);
/* One exclusive waiter, with WF_SYNC in the wake flags; q NULL is ignored. */
void __wake_up_sync_key(struct wait_queue_head *q, unsigned int mode, void *key);
void __wake_up_sync(struct wait_queue_head *q, unsigned int mode);

#define wake_up(q) __wake_up(q, TASK_NORMAL, 1, NULL)
#define wake_up_nr(q, nr) __wake_up(q, TASK_NORMAL, nr, NULL)
#define wake_up_all(q) __wake_up(q, TASK_NORMAL, 0, NULL)
#define wake_up_locked(q) __wake_up_locked(q, TASK_NORMAL, 1)
#define wake_up_all_locked(q) __wake_up_locked(q, TASK_NORMAL, 0)
#define wake_up_interruptible(q) __wake_up(q, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(q, nr) __wake_up(q, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(q) __wake_up(q, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(q) __wake_up_sync(q, TASK_INTERRUPTIBLE)
#define wake_up_sync(q) __wake_up_sync(q, TASK_NORMAL)

/*
 * Linux's I/O sleeps: schedule() and schedule_timeout() (Kelp does not
 * account I/O wait). The caller sets its state first. Task context.
 */
void io_schedule(void);
long io_schedule_timeout(long timeout);

/* True if someone waits on q (a racy hint, as Linux's). */
bool waitqueue_active(struct wait_queue_head *q);
/* True if q has exactly one waiter. */
static inline bool wq_has_single_sleeper(struct wait_queue_head *q)
{
	return !list_empty(&q->head) && q->head.next == q->head.prev;
}
/* waitqueue_active after a full barrier that pairs with the waiter's set_current_state(). */
static inline bool wq_has_sleeper(struct wait_queue_head *q)
{
	smp_mb();
	return waitqueue_active(q);
}

/* Needs sched.h for the state constants and schedule_timeout(). */
#include <kelp/sched.h>

/*
 * Interruptible states stop the loop on a signal. Kelp's killable and
 * idle waits are uninterruptible (no fatal-signal-only sleep), so only
 * TASK_INTERRUPTIBLE counts.
 */
#define ___wait_is_interruptible(state) (!__builtin_constant_p(state) || ((state) & TASK_INTERRUPTIBLE))

/*
 * Core loop, Linux's: returns 0 when cond became true, -ERESTARTSYS when
 * an interruptible wait saw a pending wake signal, or, for a timeout, the
 * jiffies left (at least 1) when cond became true and 0 on expiry. On the
 * signal path prepare_to_wait_event() has dequeued the entry already.
 */
#define ___wait_event(q, cond, state, exclusive, ret, cmd)                       \
({                                                                              \
	struct wait_queue_entry __wq_entry;                                     \
	init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);       \
	___wait_event_loop(&(q), &__wq_entry, cond, state, ret, cmd);          \
})

/*
 * The loop itself, on an initialised entry (wait_var_event's too,
 * wait_bit.h): cond and cmd may use __ret (the timeout forms do).
 */
#define ___wait_event_loop(head, entry, cond, state, ret, cmd)                  \
({                                                                              \
	__label__ __out;                                                        \
	long __ret = ret;                                                       \
	for (;;) {                                                              \
		long __int = prepare_to_wait_event(head, entry, state);         \
		if (cond)                                                       \
			break;                                                  \
		if (___wait_is_interruptible(state) && __int) {                 \
			__ret = __int;                                          \
			goto __out;                                             \
		}                                                               \
		cmd;                                                            \
	}                                                                       \
	finish_wait(head, entry);                                               \
__out:	__ret;                                                                  \
})

/* Sleeps (uninterruptible) until cond is true. Task context. */
#define __wait_event(q, cond) (void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 0, 0, schedule())
#define wait_event(q, cond) do {                                                 \
	if (!(cond))                                                            \
		__wait_event(q, cond);                                          \
} while (0)

/* Returns 0, or -ERESTARTSYS if woken by a signal (signal_wake_up). */
#define __wait_event_interruptible(q, cond) ___wait_event(q, cond, TASK_INTERRUPTIBLE, 0, 0, schedule())
#define wait_event_interruptible(q, cond) ({                                     \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = __wait_event_interruptible(q, cond);                      \
	__r;                                                                    \
})

/* As wait_event_interruptible, but an exclusive waiter (queued last, woken one at a time). */
#define wait_event_interruptible_exclusive(q, cond) ({                           \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_event(q, cond, TASK_INTERRUPTIBLE, 1, 0, schedule()); \
	__r;                                                                    \
})

/* Kelp has no fatal signals apart from kill, which ends a task at the user boundary: 0. */
#define wait_event_killable(q, cond) ({                                          \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
	__r;                                                                    \
})
#define wait_event_killable_exclusive(q, cond) ({                                \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 1, 0, schedule()); \
	__r;                                                                    \
})

/* Waits in a state given at run time; interruptible states return -ERESTARTSYS on a signal. */
#define wait_event_state(q, cond, state) ({                                      \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_event(q, cond, state, 0, 0, schedule());          \
	__r;                                                                    \
})

/* Idle waits do not count as load (Linux); Kelp keeps no load average: uninterruptible. */
#define wait_event_idle(q, cond) wait_event(q, cond)
#define wait_event_idle_exclusive(q, cond) do {                                  \
	if (!(cond))                                                            \
		(void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 1, 0, schedule()); \
} while (0)

/* Kelp has no freezer: a freezable wait is an interruptible one. */
#define wait_event_freezable(q, cond) wait_event_interruptible(q, cond)
#define wait_event_freezable_exclusive(q, cond) wait_event_interruptible_exclusive(q, cond)

/* cmd1 runs before each sleep and cmd2 after it (dropping and retaking a lock). */
#define wait_event_cmd(q, cond, cmd1, cmd2) do {                                 \
	if (!(cond))                                                            \
		(void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 0, 0,        \
				    cmd1; schedule(); cmd2);                    \
} while (0)
#define wait_event_exclusive_cmd(q, cond, cmd1, cmd2) do {                       \
	if (!(cond))                                                            \
		(void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 1, 0,        \
				    cmd1; schedule(); cmd2);                    \
} while (0)

#define ___wait_cond_timeout(cond) ({                                            \
	bool __c = (cond);                                                      \
	if (__c && !__ret)                                                      \
		__ret = 1;                                                      \
	__c || !__ret;                                                          \
})
#define __wait_event_timeout_state(q, cond, state, exclusive, tmo)               \
	___wait_event(q, ___wait_cond_timeout(cond), state, exclusive, tmo,     \
		      __ret = schedule_timeout(__ret))
#define __wait_event_timeout(q, cond, state, tmo) __wait_event_timeout_state(q, cond, state, 0, tmo)

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

/* Killable, idle and freezable timeouts: see the variants without a timeout. */
#define wait_event_killable_timeout(q, cond, tmo) wait_event_timeout(q, cond, tmo)
#define wait_event_idle_timeout(q, cond, tmo) wait_event_timeout(q, cond, tmo)
#define wait_event_freezable_timeout(q, cond, tmo) wait_event_interruptible_timeout(q, cond, tmo)
#define wait_event_idle_exclusive_timeout(q, cond, tmo) ({                       \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = __wait_event_timeout_state(q, cond, TASK_UNINTERRUPTIBLE, 1, tmo); \
	__ret;                                                                  \
})

/*
 * Waits with lock (a spinlock taken with spin_lock_irq) held around each
 * test of cond and dropped around the sleep; cmd runs before the sleep.
 * The caller holds lock on entry and on return.
 */
#define wait_event_lock_irq_cmd(q, cond, lock, cmd) do {                         \
	if (!(cond))                                                            \
		(void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 0, 0,        \
				    spin_unlock_irq(&lock); cmd; schedule();    \
				    spin_lock_irq(&lock));                      \
} while (0)
#define wait_event_lock_irq(q, cond, lock) wait_event_lock_irq_cmd(q, cond, lock, )
#define wait_event_interruptible_lock_irq_cmd(q, cond, lock, cmd) ({             \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_event(q, cond, TASK_INTERRUPTIBLE, 0, 0,          \
				    spin_unlock_irq(&lock); cmd; schedule();    \
				    spin_lock_irq(&lock));                      \
	__r;                                                                    \
})
#define wait_event_interruptible_lock_irq(q, cond, lock)                         \
	wait_event_interruptible_lock_irq_cmd(q, cond, lock, )
#define __wait_event_lock_irq_timeout(q, cond, lock, tmo, state)                 \
	___wait_event(q, ___wait_cond_timeout(cond), state, 0, tmo,             \
		      spin_unlock_irq(&lock); __ret = schedule_timeout(__ret);  \
		      spin_lock_irq(&lock))
#define wait_event_interruptible_lock_irq_timeout(q, cond, lock, tmo) ({         \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = __wait_event_lock_irq_timeout(q, cond, lock, tmo, TASK_INTERRUPTIBLE); \
	__ret;                                                                  \
})
#define wait_event_lock_irq_timeout(q, cond, lock, tmo) ({                       \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = __wait_event_lock_irq_timeout(q, cond, lock, tmo, TASK_UNINTERRUPTIBLE); \
	__ret;                                                                  \
})

/* Linux's I/O wait accounts the sleep as I/O; Kelp's io_schedule() is schedule(). */
#define io_wait_event(q, cond) do {                                              \
	if (!(cond))                                                            \
		(void)___wait_event(q, cond, TASK_UNINTERRUPTIBLE, 0, 0, io_schedule()); \
} while (0)

#endif /* KELP_WAIT_H */
