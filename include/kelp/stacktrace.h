/*
 * Frame-pointer stack walking (kernel/stacktrace.c, on the arch's frame
 * walk in kernel/x86_64/stacktrace.c): the debugging walk used
 * by oops, panic, WARN and show_stack(), and the reliable walk of a
 * switched-out task that the livepatch consistency model relies on. Every
 * task stack ends in a final frame at stack_hi - 16 holding saved rbp 0, so
 * "reached the bottom" and "lost the way" are told apart.
 */
#ifndef KELP_STACKTRACE_H
#define KELP_STACKTRACE_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct pt_regs;
struct task;

/*
 * Walks frames from bp, storing up to max return addresses. Stops at a
 * zero frame pointer (the bottom of a stack) or at any frame that leaves
 * the starting stack's bounds or is misaligned. Returns the number stored.
 * Never faults. Any context.
 */
unsigned int stack_walk_fp(unsigned long bp, unsigned long *entries, unsigned int max);

/* Prints " name+0x1c/0x80" lines for the walk from bp, Linux's Call Trace. */
void show_trace_bp(unsigned long bp);

extern char _stext[], _etext[];
bool is_module_text_address(unsigned long addr);	/* <kelp/module.h> */

/* True if addr is inside the kernel image's text. Any context. */
static __always_inline bool core_kernel_text(unsigned long addr)
{
	return addr >= (unsigned long)_stext && addr < (unsigned long)_etext;
}

/*
 * True if addr is inside kernel text or a module's text. Inline: the
 * reliable walk (kernel/x86_64/stacktrace.c) asks it for every frame.
 */
static __always_inline bool kernel_text_address(unsigned long addr)
{
	return core_kernel_text(addr) || is_module_text_address(addr);
}

/*
 * Reliable trace of a task that is not running: walks from the frame the
 * context switch left (t->sp + 40) to the final frame, storing the return
 * addresses (innermost first). Returns the number stored, or:
 *   -EBUSY   t is current or on a CPU (its stack is changing);
 *   -EINVAL  unreliable: an interrupt or exception frame on the stack, a
 *            frame pointer outside the stack or misaligned or not moving up,
 *            a return address outside kernel text, or a walk that did not
 *            end on the final frame;
 *   -E2BIG   more than max entries.
 * Never faults: it reads only inside t's stack bounds. Task context; IRQs
 * are held off during the walk so t cannot run. The caller keeps t alive.
 */
int stack_trace_save_tsk_reliable(struct task *t, unsigned long *entries, unsigned int max);
/* Same, and *why says in words why a trace is unreliable (or "ok"). */
int stack_trace_check_tsk(struct task *t, unsigned long *entries, unsigned int max,
			  const char **why);
/* Debugging walk of any task (current included), not checked. Returns the count. */
unsigned int stack_trace_save_tsk(struct task *t, unsigned long *entries, unsigned int max);
/* Formats a return address as "name+0xoff/0xsize" (Linux's %pB). Returns the length. */
int sprint_backtrace(char *buf, size_t len, unsigned long addr);
/* Prints t's stack, symbolised, in the Call Trace layout. */
void show_stack(struct task *t);
/* The same at log level lvl (KERN_ERR for a hung task report). */
void show_stack_loglvl(struct task *t, const char *lvl);

#endif /* KELP_STACKTRACE_H */
