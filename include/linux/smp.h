/*
 * <linux/smp.h>: the running CPU's id and the cross-CPU calls under
 * Linux's names (include/kelp/smp.h; docs/smp.md). get_cpu() pins the
 * caller to its CPU by disabling preemption until put_cpu(), as in Linux.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <kelp/smp.h>
#include <kelp/preempt.h>

/* The id without the preemption rule: a hint, the caller may move at once. */
#define raw_smp_processor_id() smp_processor_id()

#define get_cpu() ({ preempt_disable(); smp_processor_id(); })
#define put_cpu() preempt_enable()

#endif /* _LINUX_SMP_H */
