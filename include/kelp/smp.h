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

/* Whether CPU cpu is online. Any context. Pairs with the release in start_secondary(). */
static __always_inline bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && ((smp_load_acquire(&cpu_online_mask) >> cpu) & 1);
}

#define for_each_online_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (cpu_online(cpu))

/*
 * Cross-CPU function calls (kernel/smp.c). func runs on the target CPU in
 * interrupt context (IRQs off, must not sleep). With wait, the caller
 * returns once func has returned there; a caller that waits must have IRQs
 * on (two CPUs waiting on each other with IRQs off would deadlock), and is
 * not preempted meanwhile. Return 0, -ENXIO (cpu offline) or -ENOMEM.
 */
typedef void (*smp_call_func_t)(void *info);
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait);
/* func on every online CPU but the caller's. Task context with IRQs on if wait. */
void smp_call_function(smp_call_func_t func, void *info, bool wait);
/* func on every online CPU, the caller's included (there with IRQs off). */
void on_each_cpu(smp_call_func_t func, void *info, bool wait);
/*
 * Runs fn(data) on the calling CPU while every other online CPU spins with
 * IRQs off (Linux's stop_machine: the machine is in a known state: no CPU
 * is inside a handler or a spinlock section that the IPI did not
 * interrupt). Returns fn's result. Task context; the caller must hold no
 * spinlock. Serialised by a mutex.
 */
int stop_machine(int (*fn)(void *data), void *data);
/*
 * stop_machine with fn on every online CPU (Linux's stop_machine with
 * cpu_online_mask): each CPU runs fn(data) with IRQs off once every CPU
 * has stopped, the callers' on its own stack, the others' on the stack of
 * the task their IPI interrupted. Returns the sum of the results. Task
 * context, no spinlock held; fn must not wait for another CPU.
 */
int stop_machine_all(int (*fn)(void *data), void *data);
/*
 * Runs func on every online CPU in process context (a kthread bound to each
 * CPU) and waits for all of them. Returns 0 or -ENOMEM. Task context.
 */
struct work_struct;
int schedule_on_each_cpu(void (*func)(struct work_struct *work));
/* Makes CPU cpu pass through the scheduler soon (TIF_NEED_RESCHED is set by the caller). */
void smp_send_reschedule(int cpu);
/* The CALL_FUNCTION_VECTOR handler (traps.c). IRQs off. */
void smp_call_function_interrupt(void);
/*
 * Removes stale translations of [start, end) from every CPU's TLB: the
 * caller's with invlpg, the others with an IPI (Linux's
 * flush_tlb_kernel_range). The page tables must already say what they
 * should. Any context: with IRQs off the wait services incoming calls.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* Every translation on every CPU, global pages included. Same context rules. */
void flush_tlb_all(void);
/* Counters for /proc/interrupts-style reports and tests. */
extern u64 smp_ipi_sent, smp_tlb_shootdowns;

/*
 * Starts the application processors (boot, after time_init(): the
 * INIT-SIPI-SIPI delays use the calibrated TSC). Logs Linux's "smp:
 * Bringing up secondary CPUs ..." and "smp: Brought up 1 node, N CPUs".
 * A CPU that does not answer within its timeout is reported and left out.
 */
void smp_init(void);

/* Formats mask as Linux's cpulist ("0-3,5\n") into buf (len bytes). Returns the length. */
ssize_t cpulist_print(char *buf, size_t len, u64 mask);
/* /sys/devices/system/cpu/{possible,present,online} (kernel/cpu.c). Boot, after sysfs_init(). */
void cpu_sysfs_init(void);

#endif /* KELP_SMP_H */
