/*
 * The local APIC in xAPIC mode (include/kelp/apic.h). Its registers are
 * mapped once, uncached, with ioremap(); every CPU sees its own APIC at
 * the same address. Here: enabling a CPU's APIC, reading its id, the
 * INIT-SIPI-SIPI sequence of Intel's MultiProcessor Specification (B.4)
 * that starts an application processor, and EOI.
 * Device interrupts still reach the boot CPU through the 8259 PIC and its
 * LINT0 (docs/smp.md). Fixed IPIs (reschedule, function calls) and each
 * AP's periodic tick come from here too; the timer's rate is measured once,
 * on the boot CPU, against the already calibrated TSC.
 */
#include <kelp/apic.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/time.h>
#include <kelp/x86.h>

#define APIC_ID		0x020
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_ICR_LOW	0x300
#define APIC_ICR_HIGH	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0

#define APIC_SVR_ENABLE		(1u << 8)
#define APIC_LVT_MASKED		(1u << 16)
#define APIC_ICR_PENDING	(1u << 12)
#define APIC_ICR_INIT		(5u << 8)
#define APIC_ICR_STARTUP	(6u << 8)
#define APIC_ICR_ASSERT		(1u << 14)
#define APIC_ICR_LEVEL		(1u << 15)
#define APIC_ICR_FIXED		(0u << 8)
#define APIC_TIMER_PERIODIC	(1u << 17)
#define APIC_TIMER_DIV_16	0x3	/* divide configuration: bus clock / 16 */

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1u << 11)

static volatile u32 *lapic_regs;

static inline u32 lapic_read(u32 reg)
{
	return lapic_regs[reg / 4];
}

static inline void lapic_write(u32 reg, u32 v)
{
	lapic_regs[reg / 4] = v;
}

/* See apic.h. */
u32 lapic_id(void)
{
	return lapic_read(APIC_ID) >> 24;
}

/* See apic.h. */
void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

/* See apic.h. */
void lapic_cpu_enable(bool boot_cpu)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE);
	lapic_write(APIC_TPR, 0);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_LVT_ERROR, APIC_LVT_MASKED);
	/*
	 * The firmware's virtual-wire setup brings the 8259's interrupts in
	 * through the boot CPU's LINT0: keep it there, mask it elsewhere.
	 */
	if (!boot_cpu) {
		lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
		lapic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
	}
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
}

/* See apic.h. */
int lapic_init(u64 phys)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & (1u << 9)))
		return -ENODEV;
	lapic_regs = ioremap(phys, PAGE_SIZE);
	if (!lapic_regs)
		return -ENOMEM;
	lapic_cpu_enable(true);
	return 0;
}

/* Waits up to 10 ms for the last IPI to leave the APIC. */
static int lapic_wait_icr(void)
{
	for (int i = 0; i < 1000; i++) {
		if (!(lapic_read(APIC_ICR_LOW) & APIC_ICR_PENDING))
			return 0;
		udelay(10);
	}
	return -EIO;
}

static int lapic_send_ipi(u32 apic_id, u32 low)
{
	lapic_write(APIC_ICR_HIGH, apic_id << 24);
	lapic_write(APIC_ICR_LOW, low);
	return lapic_wait_icr();
}

/*
 * See apic.h. The two ICR writes must not be split by an interrupt handler
 * that sends an IPI of its own: IRQs are off around them.
 */
notrace void lapic_send_ipi_vector(u32 apic_id, u8 vector)
{
	unsigned long flags = local_irq_save();

	while (lapic_read(APIC_ICR_LOW) & APIC_ICR_PENDING)
		cpu_relax();
	lapic_write(APIC_ICR_HIGH, apic_id << 24);
	lapic_write(APIC_ICR_LOW, APIC_ICR_FIXED | vector);
	local_irq_restore(flags);
}

/* ---- the timer ---- */

static u64 lapic_cal_tsc;	/* TSC when the calibration count started */
static u32 lapic_ticks_per_tick;	/* initial count for HZ, 0 until calibrated */

/* See apic.h. */
void lapic_timer_calibrate_start(void)
{
	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);	/* one-shot, masked: count only */
	lapic_cal_tsc = rdtsc();
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
}

/* See apic.h. */
int lapic_timer_calibrate_end(void)
{
	u64 ns = tsc_to_ns(rdtsc() - lapic_cal_tsc);
	u32 counted = 0xffffffff - lapic_read(APIC_TIMER_CUR);

	if (ns < 50 * NSEC_PER_USEC) {	/* too short to measure well: wait for the rest */
		udelay(50 - ns / NSEC_PER_USEC);
		ns = tsc_to_ns(rdtsc() - lapic_cal_tsc);
		counted = 0xffffffff - lapic_read(APIC_TIMER_CUR);
	}
	lapic_write(APIC_TIMER_INIT, 0);
	if (!counted || !ns)
		return -EIO;
	lapic_ticks_per_tick = (u64)counted * (NSEC_PER_SEC / HZ) / ns;
	if (!lapic_ticks_per_tick)
		return -EIO;
	pr_info("APIC timer: %llu MHz bus clock, %u counts per tick (divide by 16)\n",
		(unsigned long long)((u64)counted * 16 * 1000 / ns), lapic_ticks_per_tick);
	return 0;
}

/* See apic.h. */
void lapic_timer_start(u8 vector)
{
	if (!lapic_ticks_per_tick)
		return;
	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_TIMER_PERIODIC | vector);
	lapic_write(APIC_TIMER_INIT, lapic_ticks_per_tick);
}

/*
 * The 10 ms wait after INIT is for the external APICs of the 1990s
 * (family < 6); like Linux, a newer CPU gets 10 us. Under -icount the long
 * wait alone would be 10 M instructions per AP.
 */
static unsigned int lapic_init_udelay(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return ((a >> 8) & 0xf) >= 6 ? 10 : 10000;
}

/* See apic.h. */
int lapic_send_init(u32 apic_id)
{
	int err = lapic_send_ipi(apic_id, APIC_ICR_INIT | APIC_ICR_LEVEL | APIC_ICR_ASSERT);

	if (!err)
		udelay(lapic_init_udelay());
	return err;
}

/* See apic.h. */
int lapic_send_startup(u32 apic_id, u8 vector_page)
{
	return lapic_send_ipi(apic_id, APIC_ICR_STARTUP | vector_page);
}
