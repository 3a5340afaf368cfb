/*
 * Exception and interrupt dispatch. PIC IRQ vectors go to irq_dispatch(),
 * the local APIC's (tick, IPIs) to apic_dispatch(); an
 * exception first gets a chance at its registered fixup (text patching's
 * #BP), then the exception table (user-copy faults resume at their fixup
 * and return -EFAULT); an exception from ring 3 kills only its process
 * (user_exception); anything else becomes an oops in Linux's
 * layout (BUG: / #PF: lines, Oops:, RIP:, registers, Call Trace) and a
 * panic. A fault while already dying goes straight to a halt.
 */
#include <kelp/traps.h>
#include <kelp/apic.h>
#include <kelp/smp.h>
#include <kelp/arch.h>
#include <kelp/irq.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/kallsyms.h>
#include <kelp/mm.h>
#include <kelp/stacktrace.h>
#include <kelp/x86.h>
#include <kelp/sched.h>
#include <kelp/process.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>

static const char *const trap_names[] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "nmi",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_SPURIOUS] = "spurious interrupt",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "SIMD exception",
	[X86_TRAP_VE] = "virtualization exception",
	[X86_TRAP_CP] = "control protection fault",
};

static trap_fixup_t trap_fixups[32];

/* See traps.h. */
const char *trap_name(unsigned int vector)
{
	return vector < ARRAY_SIZE(trap_names) ? trap_names[vector] : NULL;
}

/* See traps.h. */
void trap_set_fixup(unsigned int vector, trap_fixup_t fn)
{
	if (vector < ARRAY_SIZE(trap_fixups))
		trap_fixups[vector] = fn;
}

/* Linux's page fault header: what access, from where, and why. */
static void report_page_fault(struct pt_regs *regs, unsigned long cr2)
{
	unsigned long err = regs->error_code;

	printk(KERN_EMERG "BUG: unable to handle page fault for address: %016lx\n", cr2);
	printk(KERN_EMERG "#PF: %s %s in %s mode\n",
	       err & PF_USER ? "user" : "supervisor",
	       err & PF_INSTR ? "instruction fetch" : err & PF_WRITE ? "write access" : "read access",
	       (regs->cs & 3) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s\n", err,
	       err & PF_RSVD ? "reserved bit violation" :
	       err & PF_PK ? "protection keys violation" :
	       err & PF_PROT ? "permissions violation" : "not-present page");
	if ((err & PF_INSTR) && (err & PF_PROT))
		printk(KERN_EMERG "kernel tried to execute NX-protected page - exploit attempt?\n");
}

/* The task whose stack is [lo, hi), or NULL. Lockless: only for the oops path. */
static struct task *stack_owner(unsigned long lo, unsigned long hi)
{
	struct task *t;

	for_each_task(t)
		if (t->stack_lo == lo && t->stack_hi == hi)
			return t;
	return NULL;
}

/*
 * A double fault whose CR2 lies in the guard page under a known stack is a
 * stack overflow: the #PF could not push its frame. Say so, as Linux does,
 * and name the task that owns the stack.
 */
static bool report_guard_page_hit(unsigned long cr2)
{
	unsigned long lo, hi;
	struct task *t;

	if (!arch_stack_bounds(cr2 + PAGE_SIZE, &lo, &hi) || cr2 >= lo)
		return false;
	printk(KERN_EMERG "BUG: stack guard page was hit at %016lx (stack is %016lx..%016lx)\n",
	       cr2, lo, hi - 1);
	t = stack_owner(lo, hi);
	if (t)
		printk(KERN_EMERG "BUG: kernel stack overflow in task %s (pid %d)\n", t->comm, t->pid);
	return true;
}

/* notrace: the #BP fixup of text patching runs from here. */
static notrace void handle_exception(struct pt_regs *regs)
{
	unsigned int v = regs->vector;
	unsigned long cr2 = read_cr2();

	if (trap_fixups[v] && trap_fixups[v](regs))
		return;
	if ((v == X86_TRAP_PF || v == X86_TRAP_GP) && fixup_exception(regs))
		return;		/* a user access: the caller returns -EFAULT */
	if (v == X86_TRAP_PF)
		report_page_fault(regs, cr2);
	if (v == X86_TRAP_DF && report_guard_page_hit(cr2)) {
		die("kernel stack overflow (double-fault)", regs, regs->error_code);
	}
	if (v == X86_TRAP_DF)
		printk(KERN_EMERG "PANIC: double fault, error_code: 0x%lx\n", regs->error_code);
	die(trap_name(v) ? trap_name(v) : "unknown exception", regs, regs->error_code);
}

/* An interrupt, not an exception: device IRQs and the local APIC's vectors. */
static notrace bool trap_is_irq(unsigned int v)
{
	return (v >= IRQ_BASE_VECTOR && v < IRQ_BASE_VECTOR + NR_IRQS) ||
	       v == LOCAL_TIMER_VECTOR || v == CALL_FUNCTION_VECTOR || v == RESCHEDULE_VECTOR;
}

/* The local APIC's own vectors (kernel/smp.c, the APs' tick). IRQs off. */
static notrace void apic_dispatch(unsigned int v)
{
	lapic_eoi();
	if (v == LOCAL_TIMER_VECTOR)
		sched_tick();
	else if (v == CALL_FUNCTION_VECTOR)
		smp_call_function_interrupt();
	/* RESCHEDULE_VECTOR: the sender set TIF_NEED_RESCHED; the exit below acts on it */
}

/* See traps.h. Interrupts are off (interrupt gates). */
notrace void trap_dispatch(struct pt_regs *regs)
{
	unsigned int v = regs->vector;
	struct cpu *c;

	if (v < 32 && (regs->cs & 3))
		user_exception(regs, read_cr2());	/* kills the process; no trap depth */
	c = this_cpu();
	c->trap_depth++;
	if (v < 32) {
		handle_exception(regs);
	} else if (trap_is_irq(v)) {
		/* hard-IRQ context: the lock validator keeps its locks apart from the task's */
		c->hardirq_depth++;
		if (v < IRQ_BASE_VECTOR + NR_IRQS)
			irq_dispatch(v - IRQ_BASE_VECTOR, regs);
		else
			apic_dispatch(v);
		c->hardirq_depth--;
	} else if (v != APIC_SPURIOUS_VECTOR)	/* spurious: no EOI, nothing to do */
		printk(KERN_WARNING "traps: unexpected interrupt vector %u\n", v);
	c->trap_depth--;	/* c: a handler does not switch tasks, so still this CPU */
	/* After the depth drops: the task switched to is not inside a trap. */
	if (trap_is_irq(v)) {
		if (regs->cs & 3)
			exit_to_user_mode(regs);
		else
			sched_irq_exit_preempt(regs->flags);
	}
}

/* See traps.h. */
void show_regs(const struct pt_regs *r)
{
	char sym[128];

	kallsyms_snprint_symbol(sym, sizeof(sym), r->ip);
	printk(KERN_EMERG "RIP: %04lx:%s\n", r->cs, sym);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", r->ss, r->sp, r->flags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx\n",
	       (unsigned long)read_cr0(), (unsigned long)read_cr2(), (unsigned long)read_cr3());
	printk(KERN_EMERG "CR4: %016lx\n", (unsigned long)read_cr4());
}
