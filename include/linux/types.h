/*
 * <linux/types.h>: the fixed-width types (include/kelp/types.h), loff_t, and
 * Linux's name for Kelp's task: `struct task_struct` is `struct task`
 * (include/kelp/sched.h), so a module written for Linux declares
 * `struct task_struct *t = kthread_run(...)` and uses current->comm, ->pid
 * and ->patch_state with no cast. Every <linux/...> header includes this one.
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <kelp/types.h>
#include <kelp/compiler.h>

#ifndef __KELP_HOST__
typedef long long loff_t;	/* Linux's __kernel_loff_t: %lld prints it */
typedef int pid_t;
#endif
typedef unsigned short umode_t;

/* The spelling only: the kernel's own code keeps `struct task`. */
#define task_struct task

#endif /* _LINUX_TYPES_H */
