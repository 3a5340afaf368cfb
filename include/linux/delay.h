/*
 * <linux/delay.h>: msleep, msleep_interruptible, ssleep, usleep_range,
 * fsleep (sleep, task context), udelay, ndelay and mdelay (spin on the TSC
 * clock). From include/kelp/sched.h, include/kelp/time.h, kernel/sched_linux.c.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>
#include <linux/sched.h>
#include <kelp/sched.h>
#include <kelp/sched_linux.h>
#include <kelp/time.h>

#define mdelay(ms) udelay((u64)(ms) * 1000)
#define ssleep(s) msleep((s) * 1000)

/* Linux's fsleep: the cheapest way to wait at least us microseconds. */
static inline void fsleep(unsigned long us)
{
	if (us < 10)
		udelay(us);
	else if (us < 20000)
		usleep_range(us, 2 * us);
	else
		msleep((us + 999) / 1000);
}
#define ndelay(ns) udelay(((u64)(ns) + 999) / 1000)

#endif /* _LINUX_DELAY_H */
