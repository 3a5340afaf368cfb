/*
 * Sleeping mutexes (kernel/sched/mutex.c) with owner tracking. Waiters
 * queue in FIFO order and unlock hands the mutex to the first of them, so
 * no waiter starves. Debug checks: locking a mutex the caller already owns
 * panics (it would deadlock), unlocking a mutex the caller does not own
 * warns and does nothing, and locking from atomic context warns. A mutex
 * must not be taken in IRQ context. wait_lock (irqsave) guards the waiter
 * list and the hand-off; it is a leaf lock.
 */
#ifndef KELP_MUTEX_H
#define KELP_MUTEX_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/spinlock.h>
#include <kelp/atomic.h>

struct task;

struct mutex {
	struct task *owner;		/* NULL when free; written under wait_lock */
	spinlock_t wait_lock;
	struct list_head waiters;	/* struct mutex_waiter, FIFO */
	const char *name;
	struct lockdep_map dep_map;	/* the validator's view (lockdep.h) */
};

/* A static mutex is its own class, named after itself. */
#define __MUTEX_INITIALIZER(lockname)                                     \
	{ .owner = NULL, .wait_lock = SPINLOCK_INIT,                      \
	  .waiters = LIST_HEAD_INIT((lockname).waiters), .name = #lockname, \
	  .dep_map = LOCKDEP_MAP_INIT(#lockname, &(lockname)) }
#define DEFINE_MUTEX(lockname) struct mutex lockname = __MUTEX_INITIALIZER(lockname)

/* Any context. key: the validator's class (one per initialising site). */
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key);
#define mutex_init(m)                                 \
	do {                                          \
		static struct lock_class_key __key;   \
		__mutex_init((m), #m, &__key);        \
	} while (0)
/* Sleeps until the caller owns m. Task context. */
void mutex_lock(struct mutex *m);
/* mutex_lock() of a second mutex of one class, deliberately nested (subclass > 0). */
void mutex_lock_nested(struct mutex *m, unsigned int subclass);
/* Returns 0, or -EINTR when a wake signal arrived first. Task context. */
int mutex_lock_interruptible(struct mutex *m);
/* kernel/sched_linux.c: uninterruptible in Kelp (no fatal-signal-only sleeps); returns 0. */
int mutex_lock_killable(struct mutex *m);
/* Decrements cnt; true, with lock held, if it reached 0. */
bool atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);
/* Returns true if it took m. Task context. */
bool mutex_trylock(struct mutex *m);
/* Releases m, handing it to the first waiter. Owner only. */
void mutex_unlock(struct mutex *m);
/* True if someone owns m. */
bool mutex_is_locked(struct mutex *m);
/* The owner (a hint, for debugging and assertions). */
struct task *mutex_owner(struct mutex *m);
/* WARNs unless the current task owns m. */
#define mutex_assert_held(m) WARN_ON(mutex_owner(m) != current)

#endif /* KELP_MUTEX_H */
