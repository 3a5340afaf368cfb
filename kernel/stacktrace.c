/*
 * Frame-pointer unwinding. The kernel is built with -fno-omit-frame-pointer,
 * so each frame is [saved rbp][return address]. A walk stays inside the
 * stack it started on and stops at the saved rbp = 0 that every stack's
 * first frame holds (boot/entry.asm, kernel/sched/task.c), so a corrupted
 * chain ends the walk instead of faulting. The reliable walk (livepatch's
 * consistency model) additionally refuses anything it cannot vouch for:
 * interrupt frames (but for an interrupt from user mode at the stack top,
 * where the walk ends as it does under a system call), the ftrace
 * trampoline's frame, stray pointers, non-text return addresses, a walk
 * that does not end exactly on the final frame at stack_hi - 16.
 */
#include <kelp/stacktrace.h>
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

extern char _stext[], _etext[];
extern char boot_stack_bottom[], boot_stack_top[];
extern char ist_df_stack_top[], ist_nmi_stack_top[], ist_mc_stack_top[];

#define IST_STACK_SIZE 8192
#define STACK_WALK_MAX_DEPTH 64

/* See stacktrace.h. Module text counts, as in Linux. */
notrace bool kernel_text_address(unsigned long addr)
{
	return (addr >= (unsigned long)_stext && addr < (unsigned long)_etext) ||
	       is_module_text_address(addr);
}

static notrace bool in_range(unsigned long a, unsigned long size, unsigned long lo,
			     unsigned long hi)
{
	return a >= lo && a + size <= hi && a + size > a;
}

/* See stacktrace.h: task stacks (kernel/mm/vmap.c), the boot and IST stacks. */
notrace bool stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi)
{
	static const struct { char *top; unsigned long size; } stacks[] = {
		{ boot_stack_top, 16384 },
		{ ist_df_stack_top, IST_STACK_SIZE },
		{ ist_nmi_stack_top, IST_STACK_SIZE },
		{ ist_mc_stack_top, IST_STACK_SIZE },
	};

	if (vmap_stack_bounds(addr, lo, hi))
		return true;
	for (unsigned int i = 0; i < ARRAY_SIZE(stacks); i++) {
		unsigned long top = (unsigned long)stacks[i].top;

		if (in_range(addr, 1, top - stacks[i].size, top)) {
			*lo = top - stacks[i].size;
			*hi = top;
			return true;
		}
	}
	return false;
}

/* See stacktrace.h. */
notrace unsigned int stack_walk_fp(unsigned long bp, unsigned long *entries, unsigned int max)
{
	unsigned long lo, hi;
	unsigned int n = 0;

	if (!stack_bounds(bp, &lo, &hi))
		return 0;
	while (n < max && n < STACK_WALK_MAX_DEPTH) {
		unsigned long *frame = (unsigned long *)bp;
		unsigned long next;

		if (!IS_ALIGNED(bp, 8) || !in_range(bp, 16, lo, hi))
			break;
		next = frame[0];
		if (frame[1] == 0)
			break;
		entries[n++] = frame[1];
		/* Frames only move up the stack; anything else is corruption. */
		if (next == 0 || next <= bp)
			break;
		bp = next;
	}
	return n;
}

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
	unsigned int n = stack_walk_fp(bp, entries, ARRAY_SIZE(entries));
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

/* Frame of a switched-out task: under it, __switch_to_asm pushed 5 registers. */
#define SWITCH_FRAME_OFFSET (5 * 8)

/* The innermost frame of a switched-out task. */
static notrace unsigned long task_frame(struct task *t)
{
	return READ_ONCE(t->sp) + SWITCH_FRAME_OFFSET;
}

/* The reliable walk proper; IRQs off, t not running. */
static notrace int walk_reliable(struct task *t, unsigned long *entries, unsigned int max,
				 const char **why)
{
	unsigned long lo = t->stack_lo, hi = t->stack_hi, bp = task_frame(t);
	unsigned int n = 0;

	for (;;) {
		unsigned long *frame = (unsigned long *)bp, next, ret;

		if (!IS_ALIGNED(bp, 8) || !in_range(bp, 16, lo, hi)) {
			*why = "frame pointer outside the stack or misaligned";
			return -EINVAL;
		}
		next = frame[0];
		ret = frame[1];
		if (next == 0) {
			if (bp == hi - 16)
				return n;
			*why = "walk ended before the final frame";
			return -EINVAL;
		}
		if ((char *)ret == isr_return_to_entry) {
			const struct pt_regs *regs = (const struct pt_regs *)(next + 16);

			/*
			 * An interrupt from user mode, its frame at the stack
			 * top: nothing of the kernel lies under it, as for a
			 * system call (Linux treats user-mode regs the same way).
			 */
			if (next + 16 + sizeof(*regs) == hi - 16 && (regs->cs & 3) && n < max) {
				entries[n++] = ret;
				return n;
			}
			*why = "interrupt or exception frame on the stack";
			return -EINVAL;
		}
		if (ftrace_is_trampoline_return(ret)) {
			*why = "ftrace trampoline on the stack";
			return -EINVAL;
		}
		if (!kernel_text_address(ret)) {
			*why = "return address outside kernel text";
			return -EINVAL;
		}
		if (n == max) {
			*why = "too many frames";
			return -E2BIG;
		}
		entries[n++] = ret;
		if (next <= bp) {
			*why = "frame pointer does not move up the stack";
			return -EINVAL;
		}
		bp = next;
	}
}

/* See stacktrace.h. One CPU: with IRQs off, a task not on_cpu cannot start running. */
notrace int stack_trace_check_tsk(struct task *t, unsigned long *entries, unsigned int max,
				  const char **why)
{
	unsigned long flags;
	int ret;

	*why = "ok";
	flags = local_irq_save();
	if (t == current || READ_ONCE(t->on_cpu)) {
		*why = "task is running";
		ret = -EBUSY;
	} else {
		ret = walk_reliable(t, entries, max, why);
	}
	local_irq_restore(flags);
	return ret;
}

/* See stacktrace.h. */
notrace int stack_trace_save_tsk_reliable(struct task *t, unsigned long *entries,
					  unsigned int max)
{
	const char *why;

	return stack_trace_check_tsk(t, entries, max, &why);
}

/* See stacktrace.h. */
notrace unsigned int stack_trace_save_tsk(struct task *t, unsigned long *entries,
					  unsigned int max)
{
	unsigned long flags = local_irq_save();
	unsigned int n;

	if (t == current)	/* our own frame: live for the whole walk */
		n = stack_walk_fp((unsigned long)__builtin_frame_address(0), entries, max);
	else if (READ_ONCE(t->on_cpu))
		n = 0;	/* running elsewhere: its stack is changing under us */
	else
		n = stack_walk_fp(task_frame(t), entries, max);
	local_irq_restore(flags);
	return n;
}

/* See stacktrace.h. */
void show_stack(struct task *t)
{
	unsigned long entries[STACK_WALK_MAX_DEPTH];
	unsigned int n = stack_trace_save_tsk(t, entries, ARRAY_SIZE(entries));
	bool exact = false;
	char line[160];

	printk(KERN_INFO "task:%-15s state:%c pid:%d flags:0x%08lx\n", t->comm,
	       task_state_char(t), t->pid, t->flags);
	printk(KERN_INFO "Call Trace:\n");
	for (unsigned int i = 0; i < n; i++) {
		if ((char *)entries[i] == isr_return_to_entry) {
			printk(KERN_INFO " <IRQ/exception entry>\n");
			exact = true;
			continue;
		}
		format_trace_entry(line, sizeof(line), entries[i], exact);
		printk(KERN_INFO "%s\n", line);
		exact = false;
	}
}
