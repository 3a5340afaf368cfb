/*
 * <linux/ftrace.h> for modules written against Linux's API: ftrace_ops,
 * filters (ip, ips, glob, notrace, the global filter), register/
 * unregister_ftrace_function and the direct-call API are Kelp's own
 * (include/kelp/ftrace.h) under Linux's names and meanings; trace_printk
 * and ftrace_dump come through <linux/kernel.h> as in Linux. Only x86-64
 * and fentry sites: ftrace_regs is a full pt_regs (SAVE_REGS always).
 */
#ifndef _LINUX_FTRACE_H
#define _LINUX_FTRACE_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <kelp/ftrace.h>
#include <kelp/trace.h>

struct module;

/* Linux's accessors of the traced function's arguments, stack and return value. */
static inline unsigned long ftrace_regs_get_argument(struct ftrace_regs *fregs, unsigned int n)
{
	switch (n) {
	case 0: return fregs->regs.di;
	case 1: return fregs->regs.si;
	case 2: return fregs->regs.dx;
	case 3: return fregs->regs.cx;
	case 4: return fregs->regs.r8;
	case 5: return fregs->regs.r9;
	default: return 0;
	}
}

static inline unsigned long ftrace_regs_get_stack_pointer(struct ftrace_regs *fregs)
{
	return fregs->regs.sp;
}

static inline unsigned long ftrace_regs_get_return_value(struct ftrace_regs *fregs)
{
	return fregs->regs.ax;
}

#endif /* _LINUX_FTRACE_H */
