/*
 * Benchmarks of the kernel's base services (bench-kernel.ko): a
 * ktime_get_ns() call, in TSC ticks (instructions under -icount).
 */
#include <kelp/ktest.h>
#include <kelp/time.h>
#include <kelp/x86.h>

KBENCH(ktime_get_ns)
{
	u64 t0 = rdtsc(), t1;

	for (int i = 0; i < 1000; i++)
		(void)ktime_get_ns();
	t1 = rdtsc();
	kbench_report("ktime_get_ns", (t1 - t0) / 1000, "tsc/call");
}
