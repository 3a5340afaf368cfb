/*
 * Time keeping: jiffies from the PIT tick, and a monotonic nanosecond clock
 * from the TSC. The TSC's rate comes from CPUID when the CPU or the
 * hypervisor states it, else from PIT channel 2 counting freely from kmain
 * entry to time_init: the boot's own work fills the measuring window, and
 * time_init only waits for what is missing (see calibrate_tsc_khz). The
 * clock counts from kernel entry (boot_tsc: the TSC at _start, entry_tsc).
 */
#include <kelp/time.h>
#include <kelp/pit.h>
#include <kelp/irq.h>
#include <kelp/printk.h>
#include <kelp/x86.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/timer.h>
#include <kelp/export.h>
#include <kelp/string.h>

volatile u64 jiffies;
EXPORT_SYMBOL(jiffies);
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
	this_cpu()->idle_ns += ktime_get_ns() - t0;	/* the idle task does not migrate */
}

/* See time.h. */
u64 idle_time_ns(void)
{
	u64 ns = 0;
	int cpu;

	for_each_online_cpu(cpu)
		ns += READ_ONCE(cpu_data[cpu]->idle_ns);
	return ns;
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

#define TSC_KHZ_MIN		100000ULL	/* sanity bounds of a stated rate */
#define TSC_KHZ_MAX		10000000ULL
#define CAL_MIN_TICKS		(PIT_HZ / 1000)	/* 1 ms: 1 PIT tick is 0.08% */
#define CAL_MAX_ERROR		1000	/* TSC pairing error at most 1/1000 */
#define CAL_TRIES		3

/* The rate the CPU (leaf 0x15) or a KVM/VMware hypervisor (0x40000010) states, or 0. */
static u64 cpuid_tsc_khz(void)
{
	u32 a, b, c, d;
	u64 khz = 0;
	char sig[13];

	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 0x15) {
		cpuid(0x15, 0, &a, &b, &c, &d);	/* TSC = crystal (ECX Hz) * EBX / EAX */
		if (a && b && c)
			khz = (u64)c / 1000 * b / a;
	}
	cpuid(1, 0, &a, &b, &c, &d);
	if (!khz && (c & (1u << 31))) {
		cpuid(0x40000000, 0, &a, (u32 *)&sig[0], (u32 *)&sig[4], (u32 *)&sig[8]);
		sig[12] = '\0';
		if (a >= 0x40000010 && (!strcmp(sig, "KVMKVMKVM") || !strcmp(sig, "VMwareVMware"))) {
			cpuid(0x40000010, 0, &a, &b, &c, &d);
			khz = a;
		}
	}
	return khz >= TSC_KHZ_MIN && khz <= TSC_KHZ_MAX ? khz : 0;
}

/* Start of the PIT measuring window (PIT ticks, TSC, pairing spread). */
static int cal_ticks0 = -1;
static u64 cal_tsc0, cal_spread0;
static bool cal_by_cpuid;

/* The tightest of a few paired PIT/TSC reads; -1 if the count ran out. */
static int cal_read(u64 *tsc, u64 *spread)
{
	int ticks = -1;

	*spread = ~0ULL;
	for (int i = 0; i < 4; i++) {
		u64 t, s;
		int n = pit_count_read(&t, &s);

		if (n < 0)
			return -1;
		if (s < *spread) {
			*spread = s;
			*tsc = t;
			ticks = n;
		}
	}
	return ticks;
}

/* See time.h. */
void tsc_calibrate_start(void)
{
	cal_by_cpuid = cpuid_tsc_khz() != 0;
	if (cal_by_cpuid)
		return;
	pit_count_start();
	cal_ticks0 = cal_read(&cal_tsc0, &cal_spread0);
}

/*
 * The TSC rate in kHz, 0 if none can be found. The PIT window opened by
 * tsc_calibrate_start() closes once it is long enough for 0.1% (1 ms, and
 * the two pairings' spread at most 1/1000 of it): usually the boot's work
 * since kmain entry already took that long. A window that ran past the PIT's
 * 55 ms (a stalled virtual CPU) starts over, at most CAL_TRIES times.
 */
static u64 calibrate_tsc_khz(void)
{
	if (cal_by_cpuid)
		return cpuid_tsc_khz();
	for (int tries = 0; tries < CAL_TRIES; tries++) {
		u64 t = 0, spread = 0;
		int n = -1;

		while (cal_ticks0 >= 0) {
			n = cal_read(&t, &spread);
			if (n < 0 || (n - cal_ticks0 >= CAL_MIN_TICKS && t > cal_tsc0 &&
				      (spread + cal_spread0) * CAL_MAX_ERROR <= t - cal_tsc0))
				break;
			cpu_relax();
		}
		if (cal_ticks0 >= 0 && n >= 0)
			return (t - cal_tsc0) * PIT_HZ / ((u64)(n - cal_ticks0) * 1000);
		tsc_calibrate_start();
	}
	return 0;
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
