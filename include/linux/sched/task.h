/*
 * <linux/sched/task.h>: get_task_struct/put_task_struct (the task's
 * reference count), from <linux/sched.h> in Kelp.
 */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/sched.h>

#endif /* _LINUX_SCHED_TASK_H */
