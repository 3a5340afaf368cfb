/*
 * Leaving the machine: isa-debug-exit (QEMU's test device at port 0xf4,
 * which ends QEMU with status (value << 1) | 1), ACPI soft-off on QEMU's
 * PIIX4 (PM base 0x600 under SeaBIOS, 0xb000 under OVMF) and ICH9 chipsets,
 * and reset through the keyboard controller, port 0xcf9, then a triple fault.
 */
#include <kelp/panic.h>
#include <kelp/x86.h>

#define DEBUG_EXIT_PORT 0xf4
#define ACPI_SLP_EN (1 << 13)	/* SLP_TYP 0 = S5 soft-off on QEMU */

/* See panic.h. */
void qemu_debug_exit(u8 code)
{
	outl(DEBUG_EXIT_PORT, code);
}

/* See panic.h. */
__noreturn void machine_power_off(void)
{
	static const u16 pm1a_cnt[] = { 0x604, 0xb004, 0x4004 };

	local_irq_disable();
	for (unsigned int i = 0; i < ARRAY_SIZE(pm1a_cnt); i++)
		outw(pm1a_cnt[i], ACPI_SLP_EN);
	qemu_debug_exit(0);
	for (;;)
		halt();
}

/* See panic.h. */
__noreturn void machine_restart(void)
{
	static const struct { u16 limit; u64 base; } __packed no_idt = { 0, 0 };

	local_irq_disable();
	for (int i = 0; i < 0x10000 && (inb(0x64) & 0x02); i++)
		cpu_relax();
	outb(0x64, 0xfe);		/* keyboard controller: pulse reset */
	outb(0xcf9, 0x06);		/* PCI reset control: hard reset */
	__asm__ __volatile__("lidt %0; int3" : : "m"(no_idt));
	for (;;)
		halt();
}
