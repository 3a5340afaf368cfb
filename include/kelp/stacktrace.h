/*
 * Frame-pointer stack walking (kernel/stacktrace.c). This issue provides the
 * debugging walk used by oops, panic and WARN; the tasks issue adds the
 * reliable variant the livepatch consistency model needs.
 */
#ifndef KELP_STACKTRACE_H
#define KELP_STACKTRACE_H

#include <kelp/types.h>

struct pt_regs;

/*
 * Tells whether [addr, addr+size) lies inside one known kernel stack and
 * returns its bounds. Weak hook: the scheduler adds task stacks.
 */
bool stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi);

/*
 * Walks frames from bp, storing up to max return addresses. Stops at a
 * zero frame pointer (the bottom of a stack) or at any frame that leaves
 * the starting stack's bounds or is misaligned. Returns the number stored.
 * Never faults. Any context.
 */
unsigned int stack_walk_fp(unsigned long bp, unsigned long *entries, unsigned int max);

/* Prints " name+0x1c/0x80" lines for the walk from bp, Linux's Call Trace. */
void show_trace_bp(unsigned long bp);

/* True if addr is inside kernel text (or, later, module text). */
bool kernel_text_address(unsigned long addr);

#endif /* KELP_STACKTRACE_H */
