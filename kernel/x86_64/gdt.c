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
#include <kelp/smp.h>

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

/* One GDT and TSS per CPU: the TSS holds that CPU's rsp0 and IST stacks. */
struct cpu_gdt {
	u64 gdt[7];
	struct tss64 tss;
} __aligned(16);

static struct cpu_gdt cpu_gdts[NR_CPUS];

static const u64 gdt_template[5] = {
	0,
	0x00209a0000000000,	/* 0x08 kernel code: L, P, DPL0, exec/read */
	0x0000920000000000,	/* 0x10 kernel data: P, DPL0, read/write */
	0x0000f20000000000,	/* 0x18 user data: P, DPL3 */
	0x0020fa0000000000,	/* 0x20 user code: L, P, DPL3 */
};				/* 0x28: the TSS, 16 bytes, filled in gdt_set_tss() */

static void gdt_set_tss(struct cpu_gdt *g)
{
	u64 base = (u64)&g->tss;
	u64 limit = sizeof(g->tss) - 1;

	g->gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		    (0x89ULL << 40) |	/* P, type 9: available 64-bit TSS */
		    (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	g->gdt[6] = base >> 32;
}

/* See traps.h. */
void gdt_init_cpu(int cpu, const unsigned long ist_top[3])
{
	struct cpu_gdt *g = &cpu_gdts[cpu];
	struct gdt_ptr ptr = { sizeof(g->gdt) - 1, (u64)g->gdt };

	memcpy(g->gdt, gdt_template, sizeof(gdt_template));
	g->tss.ist[IST_DF - 1] = ist_top[0];
	g->tss.ist[IST_NMI - 1] = ist_top[1];
	g->tss.ist[IST_MC - 1] = ist_top[2];
	g->tss.iomap_base = sizeof(g->tss);	/* no I/O bitmap */
	gdt_set_tss(g);

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

/* See traps.h: the boot CPU, with the IST stacks of boot/entry.asm. */
void gdt_init(void)
{
	const unsigned long ist[3] = {
		(unsigned long)ist_df_stack_top, (unsigned long)ist_nmi_stack_top,
		(unsigned long)ist_mc_stack_top,
	};

	gdt_init_cpu(0, ist);
}

/*
 * See arch.h. The stack top leaves the final frame (16 bytes)
 * above everything the CPU and the entry code push.
 */
notrace void arch_switch_to(struct cpu *c, struct task *next)
{
	unsigned long top = next->stack_hi - 16;

	cpu_gdts[c->id].tss.rsp[0] = top;
	c->kernel_sp = top;
	paging_switch_mm(next->mm);
}
