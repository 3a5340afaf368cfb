/* <linux/workqueue.h>: work items: INIT_WORK, schedule_work, delayed work, flush and cancel (include/kelp/workqueue.h). */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <kelp/workqueue.h>

#endif /* _LINUX_WORKQUEUE_H */
