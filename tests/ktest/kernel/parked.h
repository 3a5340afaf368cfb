/*
 * Private to the stack trace tests and benchmarks (parked.c): a kernel
 * thread parked three calls deep (kt_park_fn -> kt_park_a -> kt_park_b ->
 * kt_park_c -> wait_for_completion), whose trace is known.
 */
#ifndef TESTS_KTEST_KERNEL_PARKED_H
#define TESTS_KTEST_KERNEL_PARKED_H

#include <kelp/completion.h>
#include <kelp/sched.h>

#define MAX_ENTRIES 32

/* The thread function: parks three calls deep on the completion data. */
int kt_park_fn(void *data);
/* Starts the parked thread, waiting on *c, and waits until it is asleep; NULL on failure. */
struct task *start_parked(struct completion *c);
/* Wakes it and stops it. */
void stop_parked(struct task *k, struct completion *c);

#endif /* TESTS_KTEST_KERNEL_PARKED_H */
