/*
 * The scheduler-side helpers Linux exports that kernel/sched_linux.c adds
 * on top of Kelp's primitives (include/kelp/sched.h): sleeps in the other
 * states, usleep_range, and the out-of-line names Linux's inline helpers
 * call. <linux/sched.h> and <linux/delay.h> include it; kernel code may too.
 */
#ifndef KELP_SCHED_LINUX_H
#define KELP_SCHED_LINUX_H

#include <kelp/types.h>

struct task;
struct completion;

/* Linux's nice range (<linux/sched/prio.h>). */
#define MIN_NICE -20
#define MAX_NICE 19
#define NICE_WIDTH (MAX_NICE - MIN_NICE + 1)

/* Sleeps at least min_us (whole ticks; max_us is Linux's slack). Task context. */
void usleep_range(unsigned long min_us, unsigned long max_us);
/* Kelp has no fatal-signal-only or idle sleep: both are uninterruptible. Task context. */
long schedule_timeout_killable(long tmo);
long schedule_timeout_idle(long tmo);
/* Linux's out-of-line names behind its inline cond_resched/usleep_range/ms,us->jiffies. */
int __cond_resched(void);
void usleep_range_state(unsigned long min_us, unsigned long max_us, unsigned int state);
unsigned long __msecs_to_jiffies(const unsigned int m);
unsigned long __usecs_to_jiffies(const unsigned int u);

/*
 * Records t's nice value, clamped to [MIN_NICE, MAX_NICE], for task_nice().
 * Kelp's scheduler is round-robin without priorities, so it changes no
 * time slice. Any context.
 */
void set_user_nice(struct task *t, long nice);
/* The value set_user_nice() recorded (0 by default). */
int task_nice(const struct task *t);
/*
 * Linux's yield_to(): gives up the CPU in favour of p. Kelp has no
 * per-task boost, so this is yield() when p is runnable and waiting: p,
 * if queued on this CPU, runs before the caller again. Returns 1 if it
 * yielded, 0 if p is the caller, running or asleep, -ESRCH if nothing else
 * is runnable here. preempt is Linux's (preempt the target's CPU) and has
 * no meaning here. Task context.
 */
int yield_to(struct task *p, bool preempt);
/* True if the caller is the only runnable task on its CPU (a hint: it may migrate). */
bool single_task_running(void);
/* Linux's I/O completion waits: Kelp does not account I/O wait, so the plain ones. */
void wait_for_completion_io(struct completion *x);
unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout);

#endif /* KELP_SCHED_LINUX_H */
