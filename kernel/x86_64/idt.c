/*
 * The IDT: one interrupt gate per vector pointing at the generated stubs
 * (isr.asm). Interrupt gates clear IF on entry. Double fault, NMI and
 * machine check switch to their IST stacks; #BP is reachable from ring 3
 * (DPL 3) as int3 is on Linux.
 */
#include <kelp/traps.h>
#include <kelp/compiler.h>

struct idt_entry {
	u16 off_lo;
	u16 sel;
	u8 ist;
	u8 type_attr;
	u16 off_mid;
	u32 off_hi;
	u32 zero;
} __packed;

struct idt_ptr {
	u16 limit;
	u64 base;
} __packed;

extern const u64 isr_stub_table[256];
static struct idt_entry idt[256] __aligned(16);

static void idt_set(unsigned int v, u64 handler, u8 ist, u8 dpl)
{
	idt[v] = (struct idt_entry){
		.off_lo = handler & 0xffff,
		.sel = GDT_KERNEL_CS,
		.ist = ist,
		.type_attr = 0x8e | (dpl << 5),	/* P, 64-bit interrupt gate */
		.off_mid = (handler >> 16) & 0xffff,
		.off_hi = handler >> 32,
	};
}

/* See traps.h. */
void idt_init(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (u64)idt };

	for (unsigned int v = 0; v < 256; v++)
		idt_set(v, isr_stub_table[v], 0, 0);
	idt_set(X86_TRAP_DF, isr_stub_table[X86_TRAP_DF], IST_DF, 0);
	idt_set(X86_TRAP_NMI, isr_stub_table[X86_TRAP_NMI], IST_NMI, 0);
	idt_set(X86_TRAP_MC, isr_stub_table[X86_TRAP_MC], IST_MC, 0);
	idt_set(X86_TRAP_BP, isr_stub_table[X86_TRAP_BP], 0, 3);
	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}

/* See traps.h. */
void idt_load(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (u64)idt };

	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}
