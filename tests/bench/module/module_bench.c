/*
 * Module loader benchmarks (bench-module.ko): load, link, init and unload
 * of the generated modules bench_16k and bench_reloc_{1k,10k,100k}, best
 * of three, in microseconds.
 */
#include <kelp/ktest.h>
#include <kelp/completion.h>
#include <kelp/fs.h>
#include <kelp/kallsyms.h>
#include <kelp/kthread.h>
#include <kelp/sched.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/x86.h>

/* load+link+init+unload of a module already in memory; reports microseconds. */
static void bench_module(const char *name)
{
	char path[64], label[64];
	void *image;
	size_t len;
	u64 t0, best = ~0ULL;
	int err = 0;

	snprintf(path, sizeof(path), MODULE_DIR "/%s.ko", name);
	if (module_read_file(path, &image, &len)) {
		pr_err("bench: %s: cannot read %s\n", name, path);
		return;
	}
	for (int i = 0; i < 3 && !err; i++) {
		t0 = ktime_get_ns();
		err = load_module(image, len, NULL);
		if (!err) {
			best = min(best, ktime_get_ns() - t0);
			delete_module(name);
		}
	}
	kfree(image);
	snprintf(label, sizeof(label), "module_load_%s", name + 6);
	if (err)
		pr_err("bench: %s: load failed (%d)\n", name, err);
	else
		kbench_report(label, best / 1000, "us");
}

KBENCH(module_load)
{
	bench_module("bench_16k");
	bench_module("bench_reloc_1k");
	bench_module("bench_reloc_10k");
	bench_module("bench_reloc_100k");
}
