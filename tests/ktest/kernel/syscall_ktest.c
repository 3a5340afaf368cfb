/*
 * In-kernel tests of kernel/syscall.c's internals: nanosleep's sleep ends
 * by the clock even when timer interrupts are lost (jiffies then lag the
 * TSC, as on a loaded QEMU host).
 */
#include <kelp/ktest.h>
#include <kelp/errno.h>
#include <kelp/kthread.h>
#include <kelp/sched.h>
#include <kelp/syscall.h>
#include <kelp/time.h>
#include <kelp/x86.h>

/* Holds IRQs off for 400 ms after 50 ms: ~400 ticks become one. */
static int eat_ticks_fn(void *unused)
{
	unsigned long flags;

	msleep(50);
	flags = local_irq_save();
	udelay(400 * 1000);
	local_irq_restore(flags);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/*
 * Regression (nanosleep_late_when_ticks_are_lost): nanosleep waited its
 * whole time in one jiffies timeout, so lost ticks made it late by as
 * much (livepatch_fake_signal_eintr's restarted `sleep 4` ended after the
 * shell's next prompt under load). A 600 ms sleep with 400 ms of ticks
 * lost took about 1 s; it must end within 150 ms of its deadline.
 */
KTEST(nanosleep_ends_by_the_clock_when_ticks_are_lost)
{
	struct task *eater = kthread_run(eat_ticks_fn, NULL, "kt-eat-ticks");
	u64 t0, took;
	long ret;

	KT_ASSERT(t, !IS_ERR(eater));
	t0 = ktime_get_ns();
	ret = nanosleep_until(t0 + 600 * NSEC_PER_MSEC);
	took = ktime_get_ns() - t0;
	kthread_stop(eater);
	KT_EXPECT_EQ(t, ret, 0);
	KT_EXPECT(t, took >= 600 * NSEC_PER_MSEC);
	KT_EXPECT_EQ(t, took / NSEC_PER_MSEC < 750 ? 0 : took / NSEC_PER_MSEC, 0);	/* ms if late */
}
