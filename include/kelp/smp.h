/*
 * SMP: the CPUs Kelp runs on. The boot CPU is CPU 0; the application
 * processors found in the MADT (drivers/acpi.c) are started by smp_init()
 * (kernel/x86_64/smpboot.c) with INIT-SIPI-SIPI through the real-mode
 * trampoline, each on its own GDT/TSS, IST and kernel stacks (with guard
 * pages) and its local APIC. `nr_cpus=N` on the command line limits how
 * many come up, as Linux's nr_cpus=/maxcpus=.
 */
#ifndef KELP_SMP_H
#define KELP_SMP_H

#include <kelp/types.h>
#include <kelp/sched.h>

#define NR_CPUS 64

struct cpu;

/*
 * Every CPU's struct cpu (CPU 0's is the boot CPU's), NULL for ids not
 * brought up. Written once per CPU before it is marked online.
 */
extern struct cpu *cpu_data[NR_CPUS];
/* Bit n set: CPU n is online. Set by the CPU itself, with a release store. */
extern u64 cpu_online_mask;
/* Bit n set: CPU n was found and tried (the MADT's CPUs within nr_cpus). Boot, then fixed. */
extern u64 cpu_possible_mask;

/* The running CPU's id. Callers that must stay on it disable preemption. */
static __always_inline int smp_processor_id(void)
{
	return this_cpu()->id;
}

/* The number of CPUs online. Any context. */
unsigned int num_online_cpus(void);

/*
 * Starts the application processors (boot, after time_init(): the
 * INIT-SIPI-SIPI delays use the calibrated TSC). Logs Linux's "smp:
 * Bringing up secondary CPUs ..." and "smp: Brought up 1 node, N CPUs".
 * A CPU that does not answer within its timeout is reported and left out.
 */
void smp_init(void);

/* /sys/devices/system/cpu/{possible,present,online} (kernel/cpu.c). Boot, after sysfs_init(). */
void cpu_sysfs_init(void);

#endif /* KELP_SMP_H */
