/*
 * Completions (kernel/sched/completion.c), Linux's API: one side waits for
 * "done", the other signals it. complete() releases one waiter (or lets
 * one future wait pass), complete_all() releases every waiter, present and
 * future, until reinit_completion(). Built on a wait queue; complete*()
 * may be called from IRQ context.
 */
#ifndef KELP_COMPLETION_H
#define KELP_COMPLETION_H

#include <kelp/wait.h>

struct completion {
	unsigned int done;		/* under wait.lock; UINT_MAX after complete_all */
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(name) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DECLARE_COMPLETION(name) struct completion name = COMPLETION_INITIALIZER(name)

/* Any context. */
void init_completion(struct completion *x);
/* Resets done to 0; no waiter may be present. */
void reinit_completion(struct completion *x);
/* Waits (uninterruptible) for done. Task context. */
void wait_for_completion(struct completion *x);
/* Returns 0 on timeout, else the jiffies left (>= 1). Task context. */
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long tmo);
/* Returns 0, or -ERESTARTSYS on a wake signal. Task context. */
int wait_for_completion_interruptible(struct completion *x);
/* Takes one done without sleeping; returns false if none. Any context. */
bool try_wait_for_completion(struct completion *x);
/* True if done is set (no waiter would block). */
bool completion_done(struct completion *x);
/* Any context. */
void complete(struct completion *x);
void complete_all(struct completion *x);
/* kernel/sched_linux.c: killable waits are uninterruptible in Kelp. */
int wait_for_completion_killable(struct completion *x);
long wait_for_completion_killable_timeout(struct completion *x, unsigned long tmo);
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long tmo);

#endif /* KELP_COMPLETION_H */
