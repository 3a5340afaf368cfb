/*
 * The x86-64 frame walk (<kelp/arch.h>). The kernel is built with
 * -fno-omit-frame-pointer, so each frame is [saved rbp][return address]. A walk stays inside the
 * stack it started on and stops at the saved rbp = 0 that every stack's
 * first frame holds (boot/entry.asm, kernel/sched/task.c), so a corrupted
 * chain ends the walk instead of faulting. The reliable walk (livepatch's
 * consistency model) additionally refuses anything it cannot vouch for:
 * interrupt frames (but for an interrupt from user mode at the stack top,
 * where the walk ends as it does under a system call), the ftrace
 * trampoline's frame, stray pointers, non-text return addresses, a walk
 * that does not end exactly on the final frame at stack_hi - 16. A return
 * address that is kretprobe_trampoline stands for the one the kretprobe
 * saved for that stack slot (kernel/trace/kprobes.c), as Linux's unwinders
 * do with kretprobe_find_ret_addr.
 */
#include <kelp/arch.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/kprobes.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/stacktrace.h>
#include <kelp/traps.h>
#include <kelp/export.h>

/*
 * The entry code's labels the unwinder recognises (isr.asm, ftrace_64.asm),
 * for the unwinder's tests: assembly cannot carry an export, so they are
 * exported here, beside the code that knows them.
 */
EXPORT_SYMBOL_FOR_KTEST(isr_return_to_entry);
EXPORT_SYMBOL_FOR_KTEST(ftrace_regs_caller_ret);

extern char boot_stack_top[];
extern char ist_df_stack_top[], ist_nmi_stack_top[], ist_mc_stack_top[];

#define IST_STACK_SIZE 8192
#define STACK_WALK_MAX_DEPTH 64

static notrace bool in_range(unsigned long a, unsigned long size, unsigned long lo,
			     unsigned long hi)
{
	return a >= lo && a + size <= hi && a + size > a;
}

/* See arch.h: task stacks (kernel/mm/vmap.c), the boot and IST stacks. */
notrace bool arch_stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi)
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

/* A frame's return address: the real one where a kretprobe hijacked it, if known. */
static notrace unsigned long frame_return_address(unsigned long *frame)
{
	unsigned long ret = frame[1], real;

	if (!is_kretprobe_trampoline(ret))
		return ret;
	real = kretprobe_find_ret_addr(&frame[1]);
	return real ? real : ret;
}

/* See arch.h. */
notrace unsigned int arch_stack_walk(unsigned long bp, unsigned long *entries, unsigned int max)
{
	unsigned long lo, hi;
	unsigned int n = 0;

	if (!arch_stack_bounds(bp, &lo, &hi))
		return 0;
	while (n < max && n < STACK_WALK_MAX_DEPTH) {
		unsigned long *frame = (unsigned long *)bp;
		unsigned long next;

		if (!IS_ALIGNED(bp, 8) || !in_range(bp, 16, lo, hi))
			break;
		next = frame[0];
		if (frame[1] == 0)
			break;
		entries[n++] = frame_return_address(frame);
		/* Frames only move up the stack; anything else is corruption. */
		if (next == 0 || next <= bp)
			break;
		bp = next;
	}
	return n;
}

/* Frame of a switched-out task: under it, __switch_to_asm pushed 5 registers. */
#define SWITCH_FRAME_OFFSET (5 * 8)

/* See arch.h. */
notrace unsigned long arch_task_frame(const struct task *t)
{
	return READ_ONCE(t->sp) + SWITCH_FRAME_OFFSET;
}

/* See arch.h. The caller (stack_trace_check_tsk) made sure t is not running. */
notrace int arch_stack_walk_reliable(const struct task *t, unsigned long *entries, unsigned int max,
				 const char **why)
{
	unsigned long lo = t->stack_lo, hi = t->stack_hi, bp = arch_task_frame(t);
	unsigned int n = 0;

	for (;;) {
		unsigned long *frame = (unsigned long *)bp, next, ret;

		if (!IS_ALIGNED(bp, 8) || !in_range(bp, 16, lo, hi)) {
			*why = "frame pointer outside the stack or misaligned";
			return -EINVAL;
		}
		next = frame[0];
		ret = frame[1];
		if (is_kretprobe_trampoline(ret)) {
			ret = kretprobe_find_ret_addr(&frame[1]);
			if (!ret) {
				*why = "kretprobe trampoline without an instance";
				return -EINVAL;
			}
		}
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
