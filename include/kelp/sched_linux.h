/*
 * The scheduler-side helpers Linux exports that kernel/sched_linux.c adds
 * on top of Kelp's primitives (include/kelp/sched.h): sleeps in the other
 * states, usleep_range, and the out-of-line names Linux's inline helpers
 * call. <linux/sched.h> and <linux/delay.h> include it; kernel code may too.
 */
#ifndef KELP_SCHED_LINUX_H
#define KELP_SCHED_LINUX_H

#include <kelp/types.h>

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

#endif /* KELP_SCHED_LINUX_H */
