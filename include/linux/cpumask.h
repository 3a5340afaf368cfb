/*
 * <linux/cpumask.h>: the CPU counts and iterators Linux modules use.
 * Kelp's masks are a u64 (NR_CPUS is 64, include/kelp/smp.h), not
 * Linux's struct cpumask: the iterators and counts carry over, the
 * cpumask_* bitmap operations do not.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/smp.h>
#include <linux/threads.h>

#define num_possible_cpus() ((unsigned int)__builtin_popcountll(cpu_possible_mask))
#define cpu_possible(cpu) ((cpu) < NR_CPUS && ((cpu_possible_mask >> (cpu)) & 1))
#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (cpu_possible(cpu))

#endif /* _LINUX_CPUMASK_H */
