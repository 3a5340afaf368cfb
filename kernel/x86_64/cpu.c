/*
 * arch_cpu_init() (<kelp/arch.h>): the CPU tables generic boot code needs
 * before anything can fault or enter the kernel: the GDT and TSS
 * (gdt.c), the IDT (idt.c), the syscall/sysret MSRs (syscall_64.c). The
 * order matters: the IDT's gates name the GDT's code segment, and the
 * syscall MSRs its user and kernel selectors.
 */
#include <kelp/arch.h>
#include <kelp/syscall.h>
#include <kelp/traps.h>

/* See arch.h. */
void arch_cpu_init(void)
{
	gdt_init();
	idt_init();
	syscall_init();
}
