/*
 * 8254 programmable interval timer (drivers/pit.c).
 */
#ifndef KELP_PIT_H
#define KELP_PIT_H

#include <kelp/types.h>

#define PIT_HZ 1193182

/* Channel 0 interrupts hz times per second on IRQ 0. Boot, IRQs off. */
void pit_start_periodic(unsigned int hz);
/*
 * Channel 2 starts counting down from 0xffff (about 55 ms at PIT_HZ), with
 * no interrupt: a clock to calibrate the TSC against. Boot, one user.
 */
void pit_count_start(void);

/*
 * Latches channel 2 between two TSC reads: returns the PIT ticks since
 * pit_count_start(), or -1 once the count ran out (55 ms). *tsc is the
 * middle of the two TSC reads and *tsc_spread their distance, the
 * uncertainty of the pairing (large when the CPU was interrupted or
 * descheduled in between). Boot.
 */
int pit_count_read(u64 *tsc, u64 *tsc_spread);

#endif /* KELP_PIT_H */
