/*
 * Shadow variable benchmarks (bench-livepatch.ko): klp_shadow_get and
 * klp_shadow_alloc with 10k and 100k live shadows.
 */
#include <kelp/klp_shadow.h>
#include <kelp/completion.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/sched.h>
#include <kelp/x86.h>

static void shadow_bench(const char *name, unsigned long live)
{
	static int objs[100000];
	u64 t0, t1, t2;
	int v = 0;

	for (unsigned long i = 0; i < live; i++)
		klp_shadow_alloc(&objs[i], 0xbe, 16, GFP_KERNEL, NULL, &v);
	t0 = rdtsc();
	for (unsigned long i = 0; i < 1000; i++)
		(void)klp_shadow_get(&objs[(i * 7919) % live], 0xbe);
	t1 = rdtsc();
	for (unsigned long i = 0; i < 1000; i++)
		klp_shadow_alloc(&objs[i], 0xbf, 16, GFP_KERNEL, NULL, &v);
	t2 = rdtsc();
	kbench_reportf(name, "%llu tsc/get %llu tsc/alloc", (unsigned long long)(t1 - t0) / 1000,
		       (unsigned long long)(t2 - t1) / 1000);
	klp_shadow_free_all(0xbe, NULL);
	klp_shadow_free_all(0xbf, NULL);
}

KBENCH(klp_shadow)
{
	shadow_bench("klp_shadow_10k_live", 10000);
	shadow_bench("klp_shadow_100k_live", 100000);
}
