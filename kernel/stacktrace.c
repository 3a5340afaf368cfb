/*
 * Stack traces for oops, panic, WARN, show_stack() and livepatch's
 * consistency model, on frame-pointer unwinding (the kernel is built with
 * -fno-omit-frame-pointer). The frame walk itself, the stack bounds and
 * the reliable walk's rules about frames are the arch's
 * (kernel/x86_64/stacktrace.c, behind <kelp/arch.h>); here are what counts
 * as kernel text, the "task is running" check with IRQs off, and the
 * Linux-style Call Trace lines.
 */
#include <kelp/export.h>
#include <kelp/stacktrace.h>
#include <kelp/arch.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/printk.h>
#include <kelp/traps.h>
#include <kelp/compiler.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/errno.h>
#include <kelp/x86.h>
#include <kelp/module.h>
#include <kelp/string.h>

#define STACK_WALK_MAX_DEPTH 64

/* See stacktrace.h. The walk itself is the arch's. */
notrace unsigned int stack_walk_fp(unsigned long bp, unsigned long *entries, unsigned int max)
{
	return arch_stack_walk(bp, entries, max);
}
EXPORT_SYMBOL_FOR_KTEST(stack_walk_fp);

/* See stacktrace.h. */
notrace int sprint_backtrace(char *buf, size_t len, unsigned long addr)
{
	unsigned long size, off;
	const char *mod, *name = kallsyms_lookup(addr - 1, &size, &off);

	if (name)
		return snprintf(buf, len, "%s+0x%lx/0x%lx", name, off + 1, size);
	name = module_address_lookup(addr - 1, &size, &off, &mod);
	if (name)	/* module code: Linux's "name+0x5/0x20 [module]" */
		return snprintf(buf, len, "%s+0x%lx/0x%lx [%s]", name, off + 1, size, mod);
	return snprintf(buf, len, "0x%lx", addr);
}

/*
 * Formats one trace entry. A return address points after its call, so the
 * symbol is looked up at addr-1 (a call at the very end of a function would
 * otherwise show the next function); the offset printed is addr's, as Linux
 * does. After an exception frame the entry is the interrupted RIP itself.
 */
static notrace void format_trace_entry(char *buf, size_t len, unsigned long addr, bool exact)
{
	unsigned long size, off, at = exact ? addr : addr - 1;
	const char *mod = NULL, *name = kallsyms_lookup(at, &size, &off);
	const char *mark = kernel_text_address(addr) ? "" : "? ";

	if (!name)
		name = module_address_lookup(at, &size, &off, &mod);
	if (!name)
		snprintf(buf, len, " %s0x%lx", mark, addr);
	else
		snprintf(buf, len, " %s%s+0x%lx/0x%lx%s%s%s", mark, name, exact ? off : off + 1, size,
			 mod ? " [" : "", mod ? mod : "", mod ? "]" : "");
}

static notrace void print_trace_entry(unsigned long addr, bool exact)
{
	char line[160];

	format_trace_entry(line, sizeof(line), addr, exact);
	printk(KERN_EMERG "%s\n", line);
}

/* See stacktrace.h. */
notrace void show_trace_bp(unsigned long bp)
{
	unsigned long entries[STACK_WALK_MAX_DEPTH];
	unsigned int n = arch_stack_walk(bp, entries, ARRAY_SIZE(entries));
	bool exact = false;

	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG " <TASK>\n");
	for (unsigned int i = 0; i < n; i++) {
		if ((char *)entries[i] == isr_return_to_entry) {
			printk(KERN_EMERG " <IRQ/exception entry>\n");
			exact = true;
			continue;
		}
		print_trace_entry(entries[i], exact);
		exact = false;
	}
	printk(KERN_EMERG " </TASK>\n");
}

/* A walk of a switched-out task, run by sched_task_call() with the task pinned. */
struct tsk_walk {
	unsigned long *entries;
	unsigned int max;
	const char *why;
	bool walked;
};

static notrace int tsk_walk_reliable(struct task *t, void *arg)
{
	struct tsk_walk *w = arg;

	w->walked = true;
	return arch_stack_walk_reliable(t, w->entries, w->max, &w->why);
}

static notrace int tsk_walk(struct task *t, void *arg)
{
	struct tsk_walk *w = arg;

	return arch_stack_walk(arch_task_frame(t), w->entries, w->max);
}

/*
 * See stacktrace.h. The task's run queue is locked during the walk
 * (sched_task_call): it cannot start running on another CPU meanwhile.
 */
notrace int stack_trace_check_tsk(struct task *t, unsigned long *entries, unsigned int max,
				  const char **why)
{
	struct tsk_walk w = { entries, max, "ok", false };
	int ret;

	if (t == current) {
		*why = "task is running";
		return -EBUSY;
	}
	ret = sched_task_call(t, tsk_walk_reliable, &w);
	*why = w.walked ? w.why : "task is running";
	return ret;
}
EXPORT_SYMBOL_FOR_KTEST(stack_trace_check_tsk);

/* See stacktrace.h. */
notrace int stack_trace_save_tsk_reliable(struct task *t, unsigned long *entries,
					  unsigned int max)
{
	const char *why;

	return stack_trace_check_tsk(t, entries, max, &why);
}
EXPORT_SYMBOL_FOR_KTEST(stack_trace_save_tsk_reliable);

/* See stacktrace.h. A task running on another CPU gives 0 entries: its stack is changing. */
notrace unsigned int stack_trace_save_tsk(struct task *t, unsigned long *entries,
					  unsigned int max)
{
	struct tsk_walk w = { entries, max, "ok", false };
	int n;

	if (t == current)	/* our own frame: live for the whole walk */
		return arch_stack_walk((unsigned long)__builtin_frame_address(0), entries, max);
	n = sched_task_call(t, tsk_walk, &w);
	return n < 0 ? 0 : n;
}
EXPORT_SYMBOL_FOR_KTEST(stack_trace_save_tsk);

/* See stacktrace.h. */
void show_stack(struct task *t)
{
	show_stack_loglvl(t, KERN_INFO);
}
EXPORT_SYMBOL_FOR_KTEST(show_stack);

/* See stacktrace.h. */
void show_stack_loglvl(struct task *t, const char *lvl)
{
	unsigned long entries[STACK_WALK_MAX_DEPTH];
	unsigned int n = stack_trace_save_tsk(t, entries, ARRAY_SIZE(entries));
	bool exact = false;
	char line[160];

	printk("%stask:%-15s state:%c pid:%d flags:0x%08lx\n", lvl, t->comm,
	       task_state_char(t), t->pid, t->flags);
	printk("%sCall Trace:\n", lvl);
	for (unsigned int i = 0; i < n; i++) {
		if ((char *)entries[i] == isr_return_to_entry) {
			printk("%s <IRQ/exception entry>\n", lvl);
			exact = true;
			continue;
		}
		format_trace_entry(line, sizeof(line), entries[i], exact);
		printk("%s%s\n", lvl, line);
		exact = false;
	}
}
EXPORT_SYMBOL_FOR_KTEST(show_stack_loglvl);
