/*
 * <linux/sched.h>: tasks under Linux's name (struct task_struct is Kelp's
 * struct task, <linux/types.h>), current, schedule/schedule_timeout*,
 * cond_resched, wake_up_process, the pid helpers, and msleep. As in Linux,
 * it also brings the types a task embeds or sleeps on: wait queues,
 * completions, mutexes, spinlocks, jiffies and NR_CPUS.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/threads.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <kelp/sched.h>
#include <kelp/sched_linux.h>

#define TASK_KILLABLE TASK_UNINTERRUPTIBLE
#define TASK_IDLE TASK_UNINTERRUPTIBLE

/* Linux's accessors of a task's state (Kelp's field is state, Linux's __state). */
#define task_is_running(t) (READ_ONCE((t)->state) == TASK_RUNNING)
#define get_current_state() READ_ONCE(current->state)

/* Kelp's user processes have one thread each: the tgid is the pid. */
static inline pid_t task_pid_nr(struct task_struct *t)
{
	return t->pid;
}

static inline pid_t task_pid_vnr(struct task_struct *t)
{
	return t->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *t)
{
	return t->pid;
}

static inline pid_t task_tgid_vnr(struct task_struct *t)
{
	return t->pid;
}

/* Copies t's name into buf (TASK_COMM_LEN bytes); returns buf. */
static inline char *__get_task_comm(char *buf, size_t len, struct task_struct *t)
{
	strlcpy(buf, t->comm, len);
	return buf;
}
#define get_task_comm(buf, t) __get_task_comm(buf, sizeof(buf), t)

#endif /* _LINUX_SCHED_H */
