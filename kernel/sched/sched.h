/*
 * Private interface between the files of kernel/sched/: the scheduler
 * core (core.c) and kernel threads (kthread.c).
 */
#ifndef KELP_SCHED_PRIVATE_H
#define KELP_SCHED_PRIVATE_H

#include <kelp/sched.h>

/* Moves a queued task to the front (rq->woken), e.g. one asked to stop. Any context. */
void sched_boost(struct task *t);

#endif /* KELP_SCHED_PRIVATE_H */
