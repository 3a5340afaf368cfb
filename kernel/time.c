/*
 * Time keeping: jiffies from the PIT tick, and a monotonic nanosecond clock
 * from the TSC, calibrated once against PIT channel 2 (best of three 5 ms
 * windows, to shrug off an interrupted measurement). The clock counts from
 * kernel entry (boot_tsc, recorded first thing in kmain).
 */
#include <kelp/time.h>
#include <kelp/pit.h>
#include <kelp/irq.h>
#include <kelp/printk.h>
#include <kelp/x86.h>
#include <kelp/sched.h>
#include <kelp/timer.h>
#include <kelp/export.h>

volatile u64 jiffies;
EXPORT_SYMBOL_FOR_KTEST(jiffies);
u64 idle_ns;
u64 tsc_khz;
u64 boot_tsc;

/* ns = delta * tsc_mult >> 32, precomputed so the clock never divides. */
static u64 tsc_mult;

/* See time.h. Any context. */
notrace u64 tsc_to_ns(u64 delta)
{
	return (u64)(((unsigned __int128)delta * tsc_mult) >> 32);
}

/* See time.h. */
notrace u64 ktime_get_ns(void)
{
	if (!tsc_mult)
		return 0;
	return tsc_to_ns(rdtsc() - boot_tsc);
}
EXPORT_SYMBOL(ktime_get_ns);

/* See time.h. */
void udelay(u64 us)
{
	u64 end = ktime_get_ns() + us * NSEC_PER_USEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}
EXPORT_SYMBOL(udelay);

/* See time.h. Caller must be able to take interrupts. */
void cpu_idle_halt(void)
{
	u64 t0 = ktime_get_ns();

	safe_halt();
	idle_ns += ktime_get_ns() - t0;
}

/* See time.h. IRQ context: the clock, expired timers, then the scheduler tick. */
void time_tick(void)
{
	jiffies++;
	timer_run();
	sched_tick();
}

static void timer_irq(unsigned int irq, void *data)
{
	time_tick();
}

static u64 calibrate_tsc_khz(void)
{
	u64 best = ~0ULL;

	for (int i = 0; i < 3; i++) {
		u64 d = pit_measure_tsc(5);

		if (d < best)
			best = d;
	}
	return best / 5;
}

/* See time.h. */
void time_init(void)
{
	tsc_khz = calibrate_tsc_khz();
	if (!tsc_khz)
		tsc_khz = 1000000;	/* a TSC that does not move: assume 1 GHz */
	/* mult = 10^6 / khz in 32.32 fixed point */
	tsc_mult = (1000000ULL << 32) / tsc_khz;
	pr_info("tsc: Detected %llu.%03llu MHz processor\n",
		(unsigned long long)(tsc_khz / 1000), (unsigned long long)(tsc_khz % 1000));
	pit_start_periodic(HZ);
	request_irq(0, timer_irq, "timer", NULL);
}
