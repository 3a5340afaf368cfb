/*
 * Frame-pointer unwinding for debugging output. The kernel is built with
 * -fno-omit-frame-pointer, so each frame is [saved rbp][return address].
 * A walk stays inside the stack it started on and stops at the saved
 * rbp = 0 that every stack's first frame holds (see boot/entry.asm), so a
 * corrupted chain ends the walk instead of faulting.
 */
#include <kelp/stacktrace.h>
#include <kelp/kallsyms.h>
#include <kelp/printk.h>
#include <kelp/traps.h>
#include <kelp/compiler.h>
#include <kelp/mm.h>

extern char _stext[], _etext[];
extern char boot_stack_bottom[], boot_stack_top[];
extern char ist_df_stack_top[], ist_nmi_stack_top[], ist_mc_stack_top[];

#define IST_STACK_SIZE 8192
#define STACK_WALK_MAX_DEPTH 64

/* See stacktrace.h. */
notrace bool kernel_text_address(unsigned long addr)
{
	return addr >= (unsigned long)_stext && addr < (unsigned long)_etext;
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

/*
 * Prints one trace entry. A return address points after its call, so the
 * symbol is looked up at addr-1 (a call at the very end of a function would
 * otherwise show the next function); the offset printed is addr's, as Linux
 * does. After an exception frame the entry is the interrupted RIP itself.
 */
static notrace void print_trace_entry(unsigned long addr, bool exact)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(exact ? addr : addr - 1, &size, &off);
	const char *mark = kernel_text_address(addr) ? "" : "? ";

	if (!name)
		printk(KERN_EMERG " %s0x%lx\n", mark, addr);
	else
		printk(KERN_EMERG " %s%s+0x%lx/0x%lx\n", mark, name, exact ? off : off + 1, size);
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
