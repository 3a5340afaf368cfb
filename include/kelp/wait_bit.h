/*
 * Waiting on a bit of a word, or on any variable, without a wait queue of
 * one's own (kernel/sched/wait_bit.c), Linux's API: waiters sleep on one of
 * 256 shared queues picked by hashing the address (and bit), with an entry
 * whose wake function only accepts wake-ups for that address and bit.
 * wait_on_bit() sleeps while the bit is set and wake_up_bit() is called
 * after clearing it; wait_var_event() sleeps until a condition on a
 * variable holds and wake_up_var() is called after changing it. The waker
 * must order its store before the wake-up (smp_mb__after_atomic(), or the
 * clear_and_wake_up_bit() helper), as in Linux.
 */
#ifndef KELP_WAIT_BIT_H
#define KELP_WAIT_BIT_H

#include <kelp/wait.h>
#include <kelp/atomic.h>

struct wait_bit_key {
	void *flags;		/* the word, or the variable */
	int bit_nr;		/* -1 for a variable */
	unsigned long timeout;	/* jiffies deadline of the _timeout waits */
};

struct wait_bit_queue_entry {
	struct wait_bit_key key;
	struct wait_queue_entry wq_entry;
};

#define __WAIT_BIT_KEY_INITIALIZER(word, bit) { .flags = (word), .bit_nr = (bit), }

/* What the waiters do while the bit is set: 0 to keep waiting, or an error to stop. */
typedef int wait_bit_action_f(struct wait_bit_key *key, int mode);

/* The shared queue for (word, bit) and for a variable. Any context. */
struct wait_queue_head *bit_waitqueue(void *word, int bit);
struct wait_queue_head *__var_waitqueue(void *p);
/* Accepts wake-ups for the entry's word and bit once the bit is clear (q->lock held). */
int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *key);
/* An entry of the current task for var (wait_var_event's). */
void init_wait_var_entry(struct wait_bit_queue_entry *wbq_entry, void *var, int flags);

#define DEFINE_WAIT_BIT(name, word, bit)                                        \
	struct wait_bit_queue_entry name = {                                    \
		.key = __WAIT_BIT_KEY_INITIALIZER(word, bit),                   \
		.wq_entry = {                                                   \
			.private = current,                                     \
			.func = wake_bit_function,                              \
			.entry = LIST_HEAD_INIT((name).wq_entry.entry),         \
		},                                                              \
	}

/* Wake the waiters of (word, bit), of var; after the store they wait for. Any context. */
void __wake_up_bit(struct wait_queue_head *wq_head, void *word, int bit);
void wake_up_bit(void *word, int bit);
void wake_up_var(void *var);

/*
 * The sleeping loops: while the bit is set, call action (with the task in
 * mode); the _lock one also sets the bit when it finds it clear. Return 0,
 * or the action's error. Task context.
 */
int __wait_on_bit(struct wait_queue_head *wq_head, struct wait_bit_queue_entry *wbq_entry,
		  wait_bit_action_f *action, unsigned int mode);
int __wait_on_bit_lock(struct wait_queue_head *wq_head, struct wait_bit_queue_entry *wbq_entry,
		       wait_bit_action_f *action, unsigned int mode);
int out_of_line_wait_on_bit(void *word, int bit, wait_bit_action_f *action, unsigned int mode);
int out_of_line_wait_on_bit_timeout(void *word, int bit, wait_bit_action_f *action,
				    unsigned int mode, unsigned long timeout);
int out_of_line_wait_on_bit_lock(void *word, int bit, wait_bit_action_f *action,
				 unsigned int mode);

/*
 * Actions: sleep once; -EINTR if mode is interruptible and a signal is
 * pending. The _timeout ones return -EAGAIN once key->timeout has passed.
 */
int bit_wait(struct wait_bit_key *key, int mode);
int bit_wait_io(struct wait_bit_key *key, int mode);
int bit_wait_timeout(struct wait_bit_key *key, int mode);
int bit_wait_io_timeout(struct wait_bit_key *key, int mode);

/* test_bit with acquire order: what the bit's clearer wrote before is visible. */
static inline bool test_bit_acquire(unsigned int nr, const volatile unsigned long *w)
{
	bool r = test_bit(nr, w);

	smp_rmb();
	return r;
}

/*
 * Sleep while bit of *word is set. Return 0, or -EINTR for an
 * interruptible mode with a signal pending (-EAGAIN on timeout). Task context.
 */
static inline int wait_on_bit(unsigned long *word, int bit, unsigned int mode)
{
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, bit_wait, mode);
}

static inline int wait_on_bit_io(unsigned long *word, int bit, unsigned int mode)
{
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, bit_wait_io, mode);
}

static inline int wait_on_bit_timeout(unsigned long *word, int bit, unsigned int mode,
				      unsigned long timeout)
{
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit_timeout(word, bit, bit_wait_timeout, mode, timeout);
}

static inline int wait_on_bit_action(unsigned long *word, int bit, wait_bit_action_f *action,
				     unsigned int mode)
{
	if (!test_bit_acquire(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, action, mode);
}

/* Sleep until the bit is clear, then set it (a bit lock); 0 or the action's error. */
static inline int wait_on_bit_lock(unsigned long *word, int bit, unsigned int mode)
{
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, bit_wait, mode);
}

static inline int wait_on_bit_lock_io(unsigned long *word, int bit, unsigned int mode)
{
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, bit_wait_io, mode);
}

static inline int wait_on_bit_lock_action(unsigned long *word, int bit,
					  wait_bit_action_f *action, unsigned int mode)
{
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, action, mode);
}

/* Clears the bit (release order) and wakes its waiters. */
static inline void clear_and_wake_up_bit(int bit, unsigned long *word)
{
	smp_mb__before_atomic();
	clear_bit(bit, word);
	smp_mb__after_atomic();
	wake_up_bit(word, bit);
}

/* wait_event on var's shared queue (the loop: ___wait_event_loop, wait.h). */
#define ___wait_var_event(var, cond, state, exclusive, ret, cmd)                 \
({                                                                              \
	struct wait_queue_head *__wq_head = __var_waitqueue(var);               \
	struct wait_bit_queue_entry __wbq_entry;                                \
	init_wait_var_entry(&__wbq_entry, var, exclusive ? WQ_FLAG_EXCLUSIVE : 0); \
	___wait_event_loop(__wq_head, &__wbq_entry.wq_entry, cond, state, ret, cmd); \
})

/* Sleeps (uninterruptible) until cond holds; the changer of var calls wake_up_var(var). */
#define wait_var_event(var, cond) do {                                           \
	if (!(cond))                                                            \
		(void)___wait_var_event(var, cond, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)
/* 0, or -ERESTARTSYS on a signal. */
#define wait_var_event_interruptible(var, cond) ({                               \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_var_event(var, cond, TASK_INTERRUPTIBLE, 0, 0, schedule()); \
	__r;                                                                    \
})
/* Kelp's killable sleeps are uninterruptible (wait.h): 0. */
#define wait_var_event_killable(var, cond) ({                                    \
	int __r = 0;                                                            \
	if (!(cond))                                                            \
		__r = ___wait_var_event(var, cond, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
	__r;                                                                    \
})
/* 0 if tmo jiffies passed with cond false, else the jiffies left (>= 1). */
#define wait_var_event_timeout(var, cond, tmo) ({                                \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = ___wait_var_event(var, ___wait_cond_timeout(cond),     \
					  TASK_UNINTERRUPTIBLE, 0, tmo,         \
					  __ret = schedule_timeout(__ret));     \
	__ret;                                                                  \
})
#define wait_var_event_interruptible_timeout(var, cond, tmo) ({                  \
	long __ret = (tmo);                                                     \
	if (!___wait_cond_timeout(cond))                                        \
		__ret = ___wait_var_event(var, ___wait_cond_timeout(cond),     \
					  TASK_INTERRUPTIBLE, 0, tmo,           \
					  __ret = schedule_timeout(__ret));     \
	__ret;                                                                  \
})

#endif /* KELP_WAIT_BIT_H */
