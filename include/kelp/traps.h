/*
 * CPU exceptions and interrupt entry (kernel/x86_64/). Every vector has an
 * entry stub (generated in isr.asm) that saves the registers as a struct
 * pt_regs and calls trap_dispatch(). Double fault, NMI and machine check
 * run on their own IST stacks so a broken kernel stack still gets a report.
 */
#ifndef KELP_TRAPS_H
#define KELP_TRAPS_H

#include <kelp/types.h>

/*
 * Register frame built by the entry code; field order matches isr.asm.
 * unsigned long as in Linux's x86-64 pt_regs: Linux handlers print
 * regs->ip with %lx, and u64 is unsigned long long.
 */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di;
	unsigned long vector;
	unsigned long error_code;
	/* pushed by the CPU */
	unsigned long ip, cs, flags, sp, ss;
};

enum x86_vector {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF,
	X86_TRAP_BR, X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF,
	X86_TRAP_TS, X86_TRAP_NP, X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF,
	X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_MC, X86_TRAP_XF,
	X86_TRAP_VE, X86_TRAP_CP,
};

#define GDT_KERNEL_CS 0x08
#define GDT_KERNEL_DS 0x10
#define GDT_USER_DS (0x18 | 3)
#define GDT_USER_CS (0x20 | 3)
#define GDT_TSS 0x28

#define IST_DF 1
#define IST_NMI 2
#define IST_MC 3

/* Page fault error code bits. */
#define PF_PROT (1 << 0)
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)
#define PF_RSVD (1 << 3)
#define PF_INSTR (1 << 4)
#define PF_PK (1 << 5)

/* Loads the GDT with user segments and the TSS (IST stacks). Boot, from arch_cpu_init(). */
void gdt_init(void);
/*
 * Fills and loads CPU cpu's own GDT and TSS, with its IST stack tops
 * (double fault, NMI, machine check). On that CPU, IRQs off.
 */
void gdt_init_cpu(int cpu, const unsigned long ist_top[3]);
/* Fills and loads the IDT. Boot, IRQs off, from arch_cpu_init(). */
void idt_init(void);
/* Loads the IDT idt_init() filled (shared by every CPU). IRQs off. */
void idt_load(void);
/* C entry for every vector; called by the assembly stubs. */
void trap_dispatch(struct pt_regs *regs);
/* Name of an exception vector ("page fault", ...), or NULL. */
const char *trap_name(unsigned int vector);
/* Prints the registers in Linux's oops layout. */
void show_regs(const struct pt_regs *regs);

/*
 * A handler for one exception vector that may fix the fault up and return
 * true (e.g. #BP for text patching, page faults of user copies). Returns
 * false to fall through to the oops. Set at boot, before faults can come.
 */
typedef bool (*trap_fixup_t)(struct pt_regs *regs);
void trap_set_fixup(unsigned int vector, trap_fixup_t fn);

/*
 * The number of interrupt/exception frames being handled on a CPU (0 in
 * task context) is struct cpu's trap_depth (sched.h). ftrace's recursion
 * protection keys on it (a handler interrupted by an IRQ still runs the
 * IRQ's hooks).
 */

/* Address range of the interrupt entry code (the unwinder's marker). */
extern char __entry_text_start[], __entry_text_end[];
/* Return address of the entry code's call into trap_dispatch. */
extern char isr_return_to_entry[];

#endif /* KELP_TRAPS_H */
