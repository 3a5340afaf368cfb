/*
 * 8254 PIT: channel 0 is the periodic tick (HZ per second, IRQ 0);
 * channel 2, gated through port 0x61, measures a fixed interval for TSC
 * calibration without interrupts.
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
u64 pit_measure_tsc(unsigned int ms)
{
	u16 count = PIT_HZ * ms / 1000;
	u64 t0, t1;
	u8 gate;

	gate = inb(PIT_GATE);
	outb(PIT_GATE, (gate & ~0x02) | 0x01);	/* speaker off, gate on */
	outb(PIT_CMD, 0xb0);			/* ch2, lo/hi, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	/* Restart the count: gate low then high. */
	gate = inb(PIT_GATE);
	outb(PIT_GATE, gate & ~0x01);
	outb(PIT_GATE, gate | 0x01);
	t0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))	/* OUT2 goes high at terminal count */
		cpu_relax();
	t1 = rdtsc();
	outb(PIT_GATE, gate & ~0x01);
	return t1 - t0;
}
