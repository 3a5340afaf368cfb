/*
 * Private interface between the files of kernel/sched/: the scheduler
 * core (core.c) and kernel threads (kthread.c).
 */
#ifndef KELP_SCHED_PRIVATE_H
#define KELP_SCHED_PRIVATE_H

#include <kelp/sched.h>

/*
 * The end of a pass through the scheduler or the idle loop on CPU c (its
 * livepatch switch point included): counts a quiescent state and wakes
 * the grace-period waiters that asked c for one (grace.c). IRQs off or
 * the idle task; no rq lock held.
 */
void sched_report_qs(struct cpu *c);

/* Moves a queued task to the front (rq->woken), e.g. one asked to stop. Any context. */
void sched_boost(struct task *t);

#endif /* KELP_SCHED_PRIVATE_H */
