/*
 * Shared by test_klp_replace_a.c and test_klp_replace_b.c (included once
 * by each): a cumulative (replace) patch of ten of the generated
 * functions klp_bench_fN(x) = x + N of target-bench.ko
 * (tests/bench/livepatch/klp_bench_funcs.c),
 * each replaced by a function returning x - N (x - REPLACE_MUL * N where
 * the includer defines REPLACE_MUL). The includer defines REPLACE_SET(M)
 * as M(N) for its ten N; a and b patch disjoint sets, so each one's load
 * reverts the other's functions through no-ops; c (x - 2N) overlaps half
 * of each. a and b are loaded 200 times in turn by the
 * klp_replace_stress_200_rounds ktest; a, b and c replace each other
 * under callers on every CPU in klp_smp_seed001_replace_under_callers.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

#ifndef REPLACE_MUL
#define REPLACE_MUL 1
#endif

#define REPLACE_NEW(n) static noinline int lp_klp_bench_f##n(int x) { return x - REPLACE_MUL * n; }
REPLACE_SET(REPLACE_NEW)

#define REPLACE_FUNC(n) { .old_name = "klp_bench_f" #n, .new_func = lp_klp_bench_f##n },
static struct klp_func funcs[] = {
	REPLACE_SET(REPLACE_FUNC)
	{ }
};

static struct klp_object objs[] = {
	{ .name = "target_bench", .funcs = funcs },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int test_klp_replace_init(void)
{
	return klp_enable_patch(&patch);
}

static void test_klp_replace_exit(void)
{
}

module_init(test_klp_replace_init);
module_exit(test_klp_replace_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
