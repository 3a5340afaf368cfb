/*
 * <linux/sched/signal.h>: signal_pending() and for_each_process-style task
 * walking live in <linux/sched.h> for Kelp; this header exists so that
 * modules including it, as Linux's split headers ask, build unchanged.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>

#endif /* _LINUX_SCHED_SIGNAL_H */
