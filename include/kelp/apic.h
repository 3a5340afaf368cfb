/*
 * The local APIC (drivers/lapic.c), in xAPIC mode through its MMIO page:
 * each CPU's own interrupt controller, which also sends the
 * inter-processor interrupts (INIT and STARTUP for bring-up; fixed IPIs
 * later). Registers are 32 bits at 16-byte strides.
 */
#ifndef KELP_APIC_H
#define KELP_APIC_H

#include <kelp/types.h>

#define APIC_SPURIOUS_VECTOR 0xff

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

#endif /* KELP_APIC_H */
