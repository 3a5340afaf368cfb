/*
 * The hung task detector (kernel/hung_task.c): khungtaskd reports tasks
 * asleep uninterruptibly for a whole hung_task_timeout_secs, with Linux's
 * message and sysctls (docs/scheduler.md, "Hung tasks").
 */
#ifndef KELP_HUNG_TASK_H
#define KELP_HUNG_TASK_H

#include <kelp/types.h>

/* Starts khungtaskd; reads sysctl.kernel.hung_task_timeout_secs= from the command line. Boot. */
void hung_task_init(void);
/*
 * Sets the interval (seconds; 0 turns the detector off) and restarts it
 * from now. Returns 0 or -EINVAL. Task context.
 */
int hung_task_set_timeout(unsigned long secs);
/* The interval in seconds (0: off). Any context. */
unsigned long hung_task_get_timeout(void);
/* Hung tasks found since boot, reported or not (a report may be rate-limited). */
extern u64 hung_task_detected;

#endif /* KELP_HUNG_TASK_H */
