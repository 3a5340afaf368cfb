/*
 * The sleeping and jiffies helpers Linux exports on top of the scheduler's
 * primitives (kernel/sched/wait.c): usleep_range, the other
 * schedule_timeout_* states, and the jiffies <-> ms/us/ns conversions of
 * <linux/jiffies.h>. They live apart from the scheduler so that its
 * rewrite does not carry them; all are built on schedule_timeout() and
 * ktime_get_ns().
 */
#include <kelp/sched.h>
#include <kelp/time.h>
#include <kelp/export.h>

/*
 * Sleeps at least min_us microseconds (task context). The tick is 1 ms, so
 * a sleep is whole ticks, ended by the TSC clock as msleep's; max_us is
 * the slack Linux may use to merge wakeups, which a tick already exceeds.
 */
void usleep_range(unsigned long min_us, unsigned long max_us)
{
	u64 end = ktime_get_ns() + (u64)min_us * NSEC_PER_USEC;

	(void)max_us;
	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= end)
			return;
		schedule_timeout_uninterruptible((end - now) / (NSEC_PER_SEC / HZ) + 1);
	}
}
EXPORT_SYMBOL(usleep_range);

/* See sched.h. Kelp has no fatal-signal-only sleep: a killable sleep is uninterruptible. */
long schedule_timeout_killable(long tmo)
{
	return schedule_timeout_uninterruptible(tmo);
}
EXPORT_SYMBOL(schedule_timeout_killable);

/* See sched.h. Idle sleeps do not count as load; Kelp keeps no load average. */
long schedule_timeout_idle(long tmo)
{
	return schedule_timeout_uninterruptible(tmo);
}
EXPORT_SYMBOL(schedule_timeout_idle);

/* See <linux/jiffies.h>. Any context. */
unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (u64)j * 1000 / HZ;
}
EXPORT_SYMBOL(jiffies_to_msecs);

/* See <linux/jiffies.h>. */
unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (u64)j * 1000000 / HZ;
}
EXPORT_SYMBOL(jiffies_to_usecs);

/* See <linux/jiffies.h>. Rounds up, as msecs_to_jiffies. */
unsigned long usecs_to_jiffies(const unsigned int us)
{
	return ((u64)us * HZ + 999999) / 1000000;
}
EXPORT_SYMBOL(usecs_to_jiffies);

/* See <linux/jiffies.h>. */
unsigned long nsecs_to_jiffies(u64 n)
{
	return n / (NSEC_PER_SEC / HZ);
}
EXPORT_SYMBOL(nsecs_to_jiffies);

/* See <linux/jiffies.h>. */
u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}
EXPORT_SYMBOL(jiffies_to_nsecs);
