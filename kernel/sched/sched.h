/*
 * Private interface between the files of kernel/sched/: task creation and
 * the task list (task.c), the scheduler core (core.c).
 */
#ifndef KELP_SCHED_PRIVATE_H
#define KELP_SCHED_PRIVATE_H

#include <kelp/sched.h>

/* Adds t to task_list / removes it (takes tasklist_lock). */
void task_list_add(struct task *t);
void task_list_del(struct task *t);
/* Allocates a task with a stack set up to start in ret_from_fork; TASK_NEW, not listed. */
struct task *task_alloc(const char *comm);
/* Moves a queued task to the front (rq->woken), e.g. one asked to stop. Any context. */
void sched_boost(struct task *t);

/* Process part of do_exit (process.c): address space, children; a no-op for kernel threads. */
void process_exit(struct task *t);
/* Last process part of do_exit, once off the task list: the parent may reap it. */
void process_exit_notify(struct task *t);

#endif /* KELP_SCHED_PRIVATE_H */
