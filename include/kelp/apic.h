/*
 * The local APIC (drivers/lapic.c), in xAPIC mode through its MMIO page:
 * each CPU's own interrupt controller, which also sends the
 * inter-processor interrupts (INIT and STARTUP for bring-up; fixed IPIs
 * later). Registers are 32 bits at 16-byte strides.
 */
#ifndef KELP_APIC_H
#define KELP_APIC_H

#include <kelp/types.h>

/* Vectors of the local APIC's own interrupts (Linux's numbers). */
#define LOCAL_TIMER_VECTOR	0xec
#define CALL_FUNCTION_VECTOR	0xfc
#define RESCHEDULE_VECTOR	0xfd
#define APIC_SPURIOUS_VECTOR	0xff

/*
 * Maps the local APIC's registers at phys (the MADT's address) and
 * enables the boot CPU's. Returns 0, or -ENOMEM/-ENODEV (no APIC in
 * CPUID). Boot, IRQs off.
 */
int lapic_init(u64 phys);
/*
 * Enables the calling CPU's local APIC (spurious vector, task priority 0,
 * timer and error masked; on an AP also LINT0/LINT1). IRQs off.
 */
void lapic_cpu_enable(bool boot_cpu);
/* The calling CPU's local APIC id. */
u32 lapic_id(void);
/*
 * INIT to the CPU with local APIC id apic_id, then the wait the CPU's
 * generation needs before a STARTUP. Returns 0, or -EIO when the APIC kept
 * reporting the send pending.
 */
int lapic_send_init(u32 apic_id);
/* STARTUP with vector page (phys >> 12): the AP starts there in real mode. 0 or -EIO. */
int lapic_send_startup(u32 apic_id, u8 vector_page);
/* Signals the end of an interrupt to the calling CPU's local APIC. */
void lapic_eoi(void);
/* Sends a fixed interrupt with vector to the CPU with local APIC id apic_id. Any context. */
void lapic_send_ipi_vector(u32 apic_id, u8 vector);
/*
 * The timer's rate, measured once on the boot CPU: _start lets the timer
 * count down from its maximum while the boot goes on (bringing the APs up),
 * _end reads how far it got against the TSC and logs the rate. Returns 0,
 * or -EIO if the timer did not move (then no CPU gets an APIC tick).
 */
void lapic_timer_calibrate_start(void);
int lapic_timer_calibrate_end(void);
/* Starts the calling CPU's timer: periodic, HZ per second, on vector. IRQs off. */
void lapic_timer_start(u8 vector);

#endif /* KELP_APIC_H */
