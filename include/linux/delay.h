/*
 * <linux/delay.h>: msleep (sleeps, task context), udelay and mdelay (spin
 * on the TSC clock). From include/kelp/sched.h and include/kelp/time.h.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <kelp/sched.h>
#include <kelp/time.h>

#define mdelay(ms) udelay((u64)(ms) * 1000)
#define ndelay(ns) udelay(((u64)(ns) + 999) / 1000)

#endif /* _LINUX_DELAY_H */
