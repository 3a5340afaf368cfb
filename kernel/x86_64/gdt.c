/*
 * The GDT: kernel code/data, user data/code in the order SYSRET expects,
 * and the 64-bit TSS whose IST slots give double fault, NMI and machine
 * check their own stacks (boot/entry.asm) and whose rsp0 is the running
 * task's kernel stack top (where an interrupt from ring 3 lands), set at
 * every switch by arch_switch_to() together with the address space.
 */
#include <kelp/traps.h>
#include <kelp/sched.h>
#include <kelp/mm.h>
#include <kelp/arch.h>
#include <kelp/string.h>
#include <kelp/compiler.h>

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct gdt_ptr {
	u16 limit;
	u64 base;
} __packed;

extern char ist_df_stack_top[], ist_nmi_stack_top[], ist_mc_stack_top[];

static struct tss64 tss __aligned(16);
static u64 gdt[7] __aligned(16) = {
	0,
	0x00209a0000000000,	/* 0x08 kernel code: L, P, DPL0, exec/read */
	0x0000920000000000,	/* 0x10 kernel data: P, DPL0, read/write */
	0x0000f20000000000,	/* 0x18 user data: P, DPL3 */
	0x0020fa0000000000,	/* 0x20 user code: L, P, DPL3 */
	0, 0,			/* 0x28 TSS, 16 bytes, filled in gdt_init() */
};

static void gdt_set_tss(void)
{
	u64 base = (u64)&tss;
	u64 limit = sizeof(tss) - 1;

	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) |	/* P, type 9: available 64-bit TSS */
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;
}

/* See traps.h. */
void gdt_init(void)
{
	struct gdt_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };

	tss.ist[IST_DF - 1] = (u64)ist_df_stack_top;
	tss.ist[IST_NMI - 1] = (u64)ist_nmi_stack_top;
	tss.ist[IST_MC - 1] = (u64)ist_mc_stack_top;
	tss.iomap_base = sizeof(tss);		/* no I/O bitmap */
	gdt_set_tss();

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"ltr %w3\n\t"
		: : "m"(ptr), "i"(GDT_KERNEL_CS), "i"(GDT_KERNEL_DS), "r"((u16)GDT_TSS)
		: "rax", "memory");
}

/*
 * See arch.h. The stack top leaves the final frame (16 bytes)
 * above everything the CPU and the entry code push.
 */
notrace void arch_switch_to(struct cpu *c, struct task *next)
{
	unsigned long top = next->stack_hi - 16;

	tss.rsp[0] = top;
	c->kernel_sp = top;
	paging_switch_mm(next->mm);
}
