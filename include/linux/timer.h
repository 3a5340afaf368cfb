/*
 * <linux/timer.h>: timer_list, timer_setup, mod_timer, add_timer,
 * del_timer(_sync) and Linux 6.2's timer_delete(_sync) names, from_timer
 * (include/kelp/timer.h, kernel/timer.c); jiffies via <linux/jiffies.h>.
 * Timer functions run in the timer softirq-like context of kernel/timer.c:
 * they must not sleep.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/jiffies.h>
#include <kelp/timer.h>

#define timer_container_of(var, timer, field) from_timer(var, timer, field)
#define DEFINE_TIMER(name, fn) struct timer_list name = { .function = (fn) }

#endif /* _LINUX_TIMER_H */
