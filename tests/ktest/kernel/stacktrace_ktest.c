/*
 * Tests of the unwinders: a thread parked three calls deep yields exactly
 * those functions, reliably; a preempted thread (interrupt frame on its
 * stack) is unreliable; corrupted frame pointers (written here, test only,
 * while the victim sleeps) are reported unreliable and never fault; the
 * running task is refused.
 */
#include <kelp/ktest.h>
#include <kelp/stacktrace.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/kallsyms.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/mm.h>
#include <kelp/x86.h>
#include <kelp/printk.h>
#include <kelp/traps.h>
#include "../target.h"
#include "parked.h"


/* Name of the function a return address belongs to. */
static const char *ret_name(unsigned long ret)
{
	unsigned long size, off;
	const char *n = ktest_sym_lookup(ret - 1, &size, &off);

	return n ? n : "?";
}

/* Index of name in entries[0..n), or -1. */
static int find_entry(const unsigned long *e, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(ret_name(e[i]), name))
			return i;
	return -1;
}

KTEST(stacktrace_reliable_parked_three_deep)
{
	static const char *const expect[] = {
		"wait_for_completion", "kt_park_c", "kt_park_b", "kt_park_a",
		"kt_park_fn", "kthread_main", "ret_from_fork",
	};
	unsigned long e[MAX_ENTRIES];
	struct completion c;
	struct task *k = start_parked(&c);
	int n, w;

	KT_ASSERT(t, k != NULL);
	n = stack_trace_save_tsk_reliable(k, e, MAX_ENTRIES);
	KT_EXPECT(t, n > 0);
	w = find_entry(e, n, "wait_for_completion");
	KT_EXPECT(t, w >= 1);				/* schedule() frames come first */
	KT_EXPECT(t, find_entry(e, n, "schedule") >= 0);
	KT_EXPECT_EQ(t, n - w, ARRAY_SIZE(expect));	/* exactly these, to the bottom */
	for (unsigned int i = 0; w >= 0 && i < ARRAY_SIZE(expect) && w + i < (unsigned int)n; i++)
		KT_EXPECT(t, !strcmp(ret_name(e[w + i]), expect[i]));
	KT_EXPECT_EQ(t, stack_trace_save_tsk_reliable(k, e, 2), -E2BIG);
	stop_parked(k, &c);
}

KTEST(stacktrace_running_task_refused)
{
	unsigned long e[MAX_ENTRIES];
	const char *why;

	KT_EXPECT_EQ(t, stack_trace_check_tsk(current, e, MAX_ENTRIES, &why), -EBUSY);
	KT_EXPECT(t, stack_trace_save_tsk(current, e, MAX_ENTRIES) > 0);	/* debugging walk */
}

KTEST(stacktrace_new_task_is_reliable)
{
	unsigned long e[MAX_ENTRIES];
	struct task *k = kthread_create(kt_park_fn, NULL, "kt-new");
	int n;

	KT_ASSERT(t, !IS_ERR(k));
	n = stack_trace_save_tsk_reliable(k, e, MAX_ENTRIES);
	KT_EXPECT_EQ(t, n, 1);
	KT_EXPECT(t, n == 1 && !strcmp(ret_name(e[0]), "ret_from_fork"));
	kthread_stop(k);	/* never ran: -EINTR, kt_park_fn not called */
}

static int kt_spin_fn(void *data)
{
	while (!kthread_should_stop())
		cpu_relax();	/* only the timer interrupt takes the CPU away */
	return 0;
}

KTEST(stacktrace_interrupt_frame_unreliable)
{
	unsigned long e[MAX_ENTRIES];
	const char *why = NULL;
	u64 pinned = ktest_pin_cpu();	/* one CPU, inherited by k: the tick must preempt it */
	struct task *k = kthread_run(kt_spin_fn, NULL, "kt-preempted");
	int ret = 0;

	KT_ASSERT(t, !IS_ERR(k));
	for (int i = 0; i < 20 && !k->nivcsw; i++)
		msleep(2);
	/* We run, so the spinner was preempted by an interrupt: IRQ frame on its stack. */
	KT_EXPECT(t, k->nivcsw > 0);
	KT_EXPECT_EQ(t, k->state, TASK_RUNNING);
	ret = stack_trace_check_tsk(k, e, MAX_ENTRIES, &why);
	KT_EXPECT_EQ(t, ret, -EINVAL);
	KT_EXPECT(t, why && !strcmp(why, "interrupt or exception frame on the stack"));
	/* The debugging walk still goes through the frame into the thread. */
	KT_EXPECT(t, find_entry(e, stack_trace_save_tsk(k, e, MAX_ENTRIES), "kt_spin_fn") >= 0 ||
		  find_entry(e, stack_trace_save_tsk(k, e, MAX_ENTRIES), "kthread_main") >= 0);
	kthread_stop(k);
	ktest_unpin_cpu(pinned);
}

/* Writes v at addr, checks the trace is refused with -EINVAL, restores. IRQs off. */
static int corrupt_and_check(struct task *k, unsigned long *addr, unsigned long v)
{
	unsigned long e[MAX_ENTRIES], saved = *addr, flags = local_irq_save();
	int ret;

	*addr = v;
	ret = stack_trace_save_tsk_reliable(k, e, MAX_ENTRIES);
	*addr = saved;
	local_irq_restore(flags);
	return ret;
}

KTEST(stacktrace_corrupted_frame_pointer_unreliable)
{
	unsigned long e[MAX_ENTRIES];
	struct completion c;
	struct task *k = start_parked(&c);
	unsigned long *frame, *frame2;

	KT_ASSERT(t, k != NULL);
	KT_ASSERT(t, !READ_ONCE(k->on_cpu));	/* k->sp is its switch frame */
	frame = (unsigned long *)(k->sp + 40);		/* the switch frame: [rbp][ret] */
	frame2 = (unsigned long *)frame[0];		/* the next one up */
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame[0], 0xdead000000000000UL), -EINVAL);
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame[0], (unsigned long)frame2 + 3), -EINVAL);
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame[0], (unsigned long)frame - 16), -EINVAL);
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame[0], k->stack_lo - 64), -EINVAL);
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame2[0], 0), -EINVAL);	/* early end */
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame2[1], 0x1234), -EINVAL);	/* not text */
	KT_EXPECT_EQ(t, corrupt_and_check(k, &frame2[1], (unsigned long)isr_return_to_entry),
		     -EINVAL);
	KT_EXPECT(t, stack_trace_save_tsk_reliable(k, e, MAX_ENTRIES) > 0);	/* restored */
	stop_parked(k, &c);
}

KTEST(stacktrace_show_stack)
{
	struct completion c;
	struct task *k = start_parked(&c);

	KT_ASSERT(t, k != NULL);
	show_stack(k);		/* must not fault; output goes to the log */
	show_stack(current);
	stop_parked(k, &c);
}
