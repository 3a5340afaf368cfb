/*
 * What a live patch costs the loading of its target (bench-livepatch.ko):
 * load, init, exit and unload of livepatch-sample-mod alone, then with
 * livepatch-module enabled (the modules of /lib/modules).
 */
#include "../../../livepatch/core.h"
#include "../../ktest/livepatch/klp_test.h"
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/workqueue.h>
#include <kelp/x86.h>

#define KT_TARGET "livepatch_sample_mod"
#define KT_PATCH "livepatch_module"

/* Best of 3 load+unload of the target image in tsc (instructions under -icount), or 0. */
static u64 kt_bench_target(const void *image, size_t len)
{
	u64 best = ~0ULL, t0;

	for (int i = 0; i < 3; i++) {
		t0 = rdtsc();
		if (load_module(image, len, NULL))
			return 0;
		delete_module(KT_TARGET);
		best = min(best, rdtsc() - t0);
	}
	return best;
}

/*
 * What a patch costs the loading of its target: load+init+exit+unload of
 * livepatch-sample-mod alone, then with livepatch-module enabled (COMING:
 * relocation, symbol lookup, ftrace registration; GOING: unregistration,
 * relocation cleared).
 */
KBENCH(klp_module_load)
{
	int old = console_loglevel;
	u64 plain, patched = 0;
	void *image;
	size_t len;

	if (module_read_file(MODULE_DIR "/livepatch-sample-mod.ko", &image, &len))
		return;
	console_loglevel = 0;
	plain = kt_bench_target(image, len);
	if (!load_module_file(MODULE_DIR "/livepatch-module.ko", NULL)) {
		patched = kt_bench_target(image, len);
		klp_test_remove_module_patch();
	}
	console_loglevel = old;
	kfree(image);
	if (plain && patched) {
		kbench_reportf("klp_module_load_unpatched", "%llu tsc", (unsigned long long)plain);
		kbench_reportf("klp_module_load_patched", "%llu tsc (+%llu: applied at COMING, reverted at GOING)",
			       (unsigned long long)patched, (unsigned long long)(patched - plain));
	}
}
