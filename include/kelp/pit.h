/*
 * 8254 programmable interval timer (drivers/pit.c).
 */
#ifndef KELP_PIT_H
#define KELP_PIT_H

#include <kelp/types.h>

#define PIT_HZ 1193182

/* Channel 0 interrupts hz times per second on IRQ 0. Boot, IRQs off. */
void pit_start_periodic(unsigned int hz);
/* Returns the TSC ticks elapsed during ms milliseconds (ms <= 50). Boot. */
u64 pit_measure_tsc(unsigned int ms);

#endif /* KELP_PIT_H */
