/*
 * Memory benchmarks (bench-mm.ko): a kmalloc/kfree pair of 64 bytes and a
 * page allocation and free, in TSC ticks (instructions under -icount).
 */
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/x86.h>

KBENCH(kmalloc_kfree_64)
{
	u64 t0, t1;

	kfree(kmalloc(64, GFP_KERNEL));		/* warm the cache */
	t0 = rdtsc();
	for (int i = 0; i < 1000; i++)
		kfree(kmalloc(64, GFP_KERNEL));
	t1 = rdtsc();
	kbench_report("kmalloc_kfree_64", (t1 - t0) / 1000, "tsc/pair");
}

KBENCH(page_alloc_free)
{
	u64 t0, t1;

	t0 = rdtsc();
	for (int i = 0; i < 1000; i++)
		page_free(page_alloc(1), 1);
	t1 = rdtsc();
	kbench_report("page_alloc_free", (t1 - t0) / 1000, "tsc/pair");
}
