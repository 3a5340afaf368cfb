/*
 * The CPU's own setup (<kelp/arch.h>). arch_set_this_cpu() points the GS
 * base at the per-CPU area first of all; arch_cpu_init() then loads the
 * tables generic boot code needs before anything can fault or enter the
 * kernel: the GDT and TSS (gdt.c), the IDT (idt.c), the syscall/sysret
 * MSRs (syscall_64.c). The order matters: the IDT's gates name the GDT's
 * code segment, and the syscall MSRs its user and kernel selectors.
 */
#include <kelp/arch.h>
#include <kelp/syscall.h>
#include <kelp/traps.h>
#include <kelp/x86.h>

/* See arch.h. */
void arch_cpu_init(void)
{
	gdt_init();
	idt_init();
	syscall_init();
}

/* See arch.h. The kernel keeps its per-CPU pointer in GS (swapgs at the user boundary). */
notrace void arch_set_this_cpu(struct cpu *c)
{
	wrmsr(MSR_GS_BASE, (u64)c);
}
