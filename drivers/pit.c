/*
 * 8254 PIT: channel 0 is the periodic tick (HZ per second, IRQ 0);
 * channel 2, gated through port 0x61, counts down once from 0xffff (55 ms)
 * without interrupts: the TSC is calibrated against it while the boot
 * goes on (kernel/time.c), instead of spinning through a fixed wait.
 */
#include <kelp/pit.h>
#include <kelp/x86.h>

#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE 0x61

/* See pit.h. */
void pit_start_periodic(unsigned int hz)
{
	u16 div = PIT_HZ / hz;

	outb(PIT_CMD, 0x34);		/* ch0, lo/hi, mode 2 (rate generator) */
	outb(PIT_CH0, div & 0xff);
	outb(PIT_CH0, div >> 8);
}

/* See pit.h. */
void pit_count_start(void)
{
	u8 gate = inb(PIT_GATE);

	outb(PIT_GATE, (gate & ~0x02) | 0x01);	/* speaker off, gate on */
	outb(PIT_CMD, 0xb0);			/* ch2, lo/hi, mode 0 */
	outb(PIT_CH2, 0xff);			/* counting starts with this write */
	outb(PIT_CH2, 0xff);
}

/* See pit.h. */
int pit_count_read(u64 *tsc, u64 *tsc_spread)
{
	u64 t0, t1;
	u8 lo, hi;

	t0 = rdtsc();
	outb(PIT_CMD, 0x80);		/* latch channel 2's count */
	t1 = rdtsc();
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	*tsc = t0 + (t1 - t0) / 2;
	*tsc_spread = t1 - t0;
	if (inb(PIT_GATE) & 0x20)	/* OUT2 high: it reached zero, the count wrapped */
		return -1;
	return 0xffff - (lo | hi << 8);
}
