/*
 * Functions the livepatch ktests and benchmarks patch, in target-ktest.ko
 * (the module livepatch object "target_ktest"): ordinary traced functions
 * (fentry NOP), kept apart from their callers so the calls are real
 * calls, plus one notrace function that must be refused; and objects that
 * outlive every patch module, which the shadow garbage-collection modules
 * (tests/modules/test_klp_shadow_gc_*.c) attach shadow variables to.
 */
#include <linux/module.h>
#include <kelp/compiler.h>
#include <kelp/export.h>
#include <kelp/sched.h>
#include <kelp/completion.h>
#include <kelp/x86.h>
#include "klp_ktest_target.h"

noinline int klp_ktest_target(int x)
{
	return x + 1;
}
EXPORT_SYMBOL_GPL(klp_ktest_target);

noinline int klp_ktest_target_new(int x)
{
	return x + 1001;
}
EXPORT_SYMBOL_GPL(klp_ktest_target_new);

noinline int klp_ktest_target_newer(int x)
{
	return x + 2001;
}
EXPORT_SYMBOL_GPL(klp_ktest_target_newer);

notrace noinline int klp_ktest_notrace(int x)
{
	return x + 3;
}
EXPORT_SYMBOL_GPL(klp_ktest_notrace);

/* Sleeps interruptibly for up to ms; a kthread parks here for the signal test. */
noinline void klp_ktest_isleep(unsigned int ms)
{
	msleep_interruptible(ms);
}
EXPORT_SYMBOL_GPL(klp_ktest_isleep);

noinline void klp_ktest_isleep_new(unsigned int ms)
{
	msleep_interruptible(ms);
}
EXPORT_SYMBOL_GPL(klp_ktest_isleep_new);

/* Blocks until done completes (uninterruptible). */
noinline void klp_ktest_block(struct completion *done)
{
	wait_for_completion(done);
}
EXPORT_SYMBOL_GPL(klp_ktest_block);

noinline void klp_ktest_block_new(struct completion *done)
{
	wait_for_completion(done);
}
EXPORT_SYMBOL_GPL(klp_ktest_block_new);

noinline void klp_ktest_block_newer(struct completion *done)
{
	wait_for_completion(done);
}
EXPORT_SYMBOL_GPL(klp_ktest_block_newer);

/*
 * Busy inside the function (never sleeps, never passes a switch point)
 * while *hold is 1; returns 1. For the independent check's ktest: a task
 * running on another CPU inside an old function (klp_verify_ktest.c).
 */
noinline int klp_ktest_spin(volatile int *hold)
{
	while (*hold == 1)
		cpu_relax();
	return 1;
}
EXPORT_SYMBOL_GPL(klp_ktest_spin);

noinline int klp_ktest_spin_new(volatile int *hold)
{
	while (*hold == 1)
		cpu_relax();
	return 2;
}
EXPORT_SYMBOL_GPL(klp_ktest_spin_new);

/* Stand-ins for kernel data a patch adds fields to (only their addresses matter). */
long klp_test_objects[KLP_TEST_NR_OBJECTS];
EXPORT_SYMBOL_GPL(klp_test_objects);

MODULE_IMPORT_NS(EXPORTED_FOR_KTEST);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("functions and objects the livepatch and kallsyms ktests use");
