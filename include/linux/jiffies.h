/*
 * <linux/jiffies.h>: the tick counter (jiffies, HZ ticks a second, advanced
 * by the PIT in kernel/time.c and exported), the wrap-safe comparisons
 * time_after/time_before, and the conversions between jiffies and
 * milliseconds/microseconds/seconds. Kelp's jiffies is 64 bits wide, as
 * Linux's on a 64-bit machine, so jiffies_64 is the same counter.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <kelp/time.h>
#include <kelp/sched.h>

#define jiffies_64 jiffies
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)
#define INITIAL_JIFFIES 0

static inline u64 get_jiffies_64(void)
{
	return jiffies;
}

/* Wrap-safe: true if a is later than b (both unsigned long jiffies values). */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))
#define time_after64 time_after
#define time_before64 time_before
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

/* Exported from kernel/time.c (msecs_to_jiffies: kernel/sched/wait.c). Any context. */
unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);
unsigned long usecs_to_jiffies(const unsigned int us);
unsigned long nsecs_to_jiffies(u64 n);
u64 jiffies_to_nsecs(const unsigned long j);

u64 nsecs_to_jiffies64(u64 n);
u64 jiffies64_to_nsecs(u64 j);
u64 jiffies64_to_msecs(u64 j);
/* Rounded to a whole second (kernel/sched_linux.c): timers of one second fire together. */
unsigned long round_jiffies(unsigned long j);
unsigned long round_jiffies_relative(unsigned long j);
unsigned long round_jiffies_up(unsigned long j);
unsigned long round_jiffies_up_relative(unsigned long j);

/* As Linux 6.13's macro: a constant stays a constant. */
#define secs_to_jiffies(_secs) ((unsigned long)((_secs) * HZ))

#endif /* _LINUX_JIFFIES_H */
