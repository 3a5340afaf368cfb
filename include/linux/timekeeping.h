/*
 * <linux/timekeeping.h>: Linux's clock readers (ktime_get*, ktime_get_ns,
 * ktime_get_ts64, ktime_get_seconds), all on Kelp's one TSC clock; they
 * live in <linux/ktime.h> here, as Linux's ktime.h includes this file.
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/ktime.h>

#endif /* _LINUX_TIMEKEEPING_H */
