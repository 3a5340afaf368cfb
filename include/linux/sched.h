/* <linux/sched.h>: tasks, current, schedule, msleep (include/kelp/sched.h). */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <kelp/sched.h>

#endif /* _LINUX_SCHED_H */
