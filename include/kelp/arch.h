/*
 * The boundary between generic code and the x86-64 code of kernel/x86_64/:
 * every hook that generic code (main.c, the scheduler, the unwinder)
 * calls into the arch, with the arch_ prefix (DESIGN.md section 6). Two
 * arch interfaces keep Linux's own names and headers: the text patching of
 * <kelp/text_poke.h> (kernel/x86_64/text_poke.c) and the trap frame and
 * vectors of <kelp/traps.h>. Nothing outside kernel/x86_64/ calls gdt_init,
 * idt_init or syscall_init directly.
 */
#ifndef KELP_ARCH_H
#define KELP_ARCH_H

#include <kelp/types.h>

struct cpu;
struct task;

/*
 * Sets up this CPU's tables: the GDT with the user segments and the TSS
 * (IST stacks), the IDT, the syscall/sysret MSRs. Boot, IRQs off, before
 * anything can fault (kernel/x86_64/cpu.c).
 */
void arch_cpu_init(void);

/*
 * Makes c what this_cpu() returns on this CPU (the GS base). Runs first of
 * all, before any spinlock or printk (kernel/x86_64/cpu.c). notrace.
 */
void arch_set_this_cpu(struct cpu *c);

/*
 * The arch part of a context switch, before the stack switch: TSS rsp0,
 * cpu->kernel_sp and CR3 for next (kernel/x86_64/gdt.c). IRQs off.
 */
void arch_switch_to(struct cpu *c, struct task *next);
/*
 * Saves the callee-saved registers on prev's stack, switches to next's and
 * returns on it the task that ran before (kernel/x86_64/switch.asm, Linux's
 * name). IRQs off.
 */
struct task *__switch_to_asm(struct task *prev, struct task *next);
/* The entry of every new task (switch.asm): schedule_tail, then kthread_main. */
void ret_from_fork(void);
/*
 * Lays out a new task's stack (t->stack_lo..stack_hi) for its first switch
 * and sets t->sp (kernel/x86_64/process_64.c). Task context.
 */
void arch_task_stack_init(struct task *t);

/*
 * The frame walk of the unwinder (kernel/x86_64/stacktrace.c); the rules
 * and the reports stay in kernel/stacktrace.c.
 *
 * arch_stack_bounds: tells whether addr lies inside one known kernel stack
 * (a task stack, the boot stack, an IST stack) and returns its bounds. Any
 * context.
 */
bool arch_stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi);
/*
 * Walks frames from bp, storing up to max return addresses; stops at a
 * zero frame pointer or at any frame that leaves the starting stack or is
 * misaligned. Returns the number stored. Never faults. Any context.
 */
unsigned int arch_stack_walk(unsigned long bp, unsigned long *entries, unsigned int max);
/* The innermost frame of a switched-out task (under __switch_to_asm's saves). */
unsigned long arch_task_frame(const struct task *t);
/*
 * The reliable walk of t, not running, IRQs off: stores the return
 * addresses up to the final frame and returns their number, or -EINVAL
 * (with *why) for anything it cannot vouch for, -E2BIG past max.
 */
int arch_stack_walk_reliable(const struct task *t, unsigned long *entries, unsigned int max,
			     const char **why);

#endif /* KELP_ARCH_H */
