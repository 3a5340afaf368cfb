/* <linux/kthread.h>: kernel threads: kthread_run, kthread_stop, kthread_should_stop (include/kelp/kthread.h). */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/types.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <kelp/kthread.h>

#endif /* _LINUX_KTHREAD_H */
