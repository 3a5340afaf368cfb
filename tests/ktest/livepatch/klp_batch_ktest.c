/*
 * Livepatch ktests of the batched code updates (patch.c's ftrace update
 * transactions): enabling and disabling a 50-function patch takes two
 * code updates each (the sites, then direct mode), an atomic replace of
 * it three, and an IPMODIFY conflict on the 26th function fails the
 * enable with -EBUSY having changed no code and given back every byte.
 */
#include "../../../livepatch/core.h"
#include "klp_test.h"
#include "../../bench/livepatch/klp_bench_funcs.h"
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/time.h>
#include "../target.h"

#define KBT_N 50

static struct module kbt_mod = { .name = "klp_batch_ktest", .livepatch = true };
static struct klp_func kbt_funcs[KBT_N + 1];
static struct klp_object kbt_objs[] = { { .name = BENCH_TARGET_MOD, .funcs = kbt_funcs }, {} };
static struct klp_patch kbt_patch = { .mod = &kbt_mod, .objs = kbt_objs };

/* The replace patch: every other function of kbt_patch (the rest get nops). */
static struct module kbt_rep_mod = { .name = "klp_batch_ktest_replace", .livepatch = true };
static struct klp_func kbt_rep_funcs[KBT_N / 2 + 1];
static struct klp_object kbt_rep_objs[] = {
	{ .name = BENCH_TARGET_MOD, .funcs = kbt_rep_funcs }, {}
};
static struct klp_patch kbt_rep_patch = { .mod = &kbt_rep_mod, .objs = kbt_rep_objs,
					  .replace = true };

/* klp_bench_fN for N = 100 + i: x + N; its replacement klp_bench_gN: x - N. */
static void kbt_fill(void)
{
	memset(kbt_funcs, 0, sizeof(kbt_funcs));
	memset(kbt_rep_funcs, 0, sizeof(kbt_rep_funcs));
	for (unsigned int i = 0; i < KBT_N; i++) {
		kbt_funcs[i].old_name = klp_bench_funcs[i].old_name;
		kbt_funcs[i].new_func = klp_bench_funcs[i].new_func;
	}
	for (unsigned int i = 0; i < KBT_N / 2; i++)
		kbt_rep_funcs[i] = kbt_funcs[2 * i];
}

static unsigned long kbt_addr(unsigned int i)
{
	return ktest_target_symbol(BENCH_TARGET_MOD, kbt_funcs[i].old_name);
}

/* Functions [0, KBT_N) not answering as expected: patched[i] says which. */
static unsigned int kbt_wrong(bool (*patched)(unsigned int i))
{
	unsigned int wrong = 0;

	for (unsigned int i = 0; i < KBT_N; i++) {
		int (*volatile fn)(int) = (int (*)(int))kbt_addr(i);
		int n = 100 + (int)i;

		wrong += fn(1) != (patched(i) ? 1 - n : 1 + n);
	}
	return wrong;
}

static bool kbt_all(unsigned int i) { return true; }
static bool kbt_none(unsigned int i) { return false; }
static bool kbt_even(unsigned int i) { return !(i & 1); }

/* Sites [0, KBT_N) in state. */
static unsigned int kbt_state_count(int state)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < KBT_N; i++)
		n += ftrace_site_state(kbt_addr(i)) == state;
	return n;
}

static int kbt_wait_idle(void)
{
	u64 end = jiffies + msecs_to_jiffies(5000);

	while (klp_transition_in_progress() && jiffies < end)
		msleep(1);
	return klp_transition_in_progress() ? -ETIMEDOUT : 0;
}

/* Enables patch and waits; the code updates it took in *updates. */
static int kbt_enable(struct klp_patch *patch, u64 *updates)
{
	u64 u0 = ftrace_code_updates;
	int ret = klp_enable_patch(patch);

	if (ret)
		klp_test_reset(patch);
	else
		ret = kbt_wait_idle();
	*updates = ftrace_code_updates - u0;
	return ret;
}

static int kbt_disable(struct klp_patch *patch, u64 *updates)
{
	u64 u0 = ftrace_code_updates;
	int ret = klp_disable_patch(patch);

	if (ret)
		return ret;
	ret = kbt_wait_idle();
	*updates = ftrace_code_updates - u0;
	flush_work(&patch->free_work);
	klp_test_reset(patch);
	return ret;
}

KTEST(klp_batch_enable_disable_two_updates)
{
	struct kmalloc_stats before, after;
	u64 updates = 0;

	kbt_fill();
	kmalloc_get_stats(&before);
	KT_ASSERT(t, kbt_enable(&kbt_patch, &updates) == 0);
	KT_EXPECT_EQ(t, updates, 2);	/* NOP -> call, then call -> jmp */
	KT_EXPECT_EQ(t, kbt_state_count(FTRACE_FL_DIRECT | FTRACE_FL_JMP), KBT_N);
	KT_EXPECT_EQ(t, kbt_wrong(kbt_all), 0);
	KT_ASSERT(t, kbt_disable(&kbt_patch, &updates) == 0);
	KT_EXPECT_EQ(t, updates, 2);	/* jmp -> call, then call -> NOP */
	KT_EXPECT_EQ(t, kbt_state_count(0), KBT_N);
	KT_EXPECT_EQ(t, kbt_wrong(kbt_none), 0);
	KT_EXPECT_EQ(t, kbt_mod.refcnt, 0);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}

/*
 * Replace: the sites leave direct mode (1), the nops' sites go back to NOP
 * (2) and the replacement's take direct mode (3).
 */
KTEST(klp_batch_atomic_replace_three_updates)
{
	u64 updates = 0;

	kbt_fill();
	KT_ASSERT(t, kbt_enable(&kbt_patch, &updates) == 0);
	KT_ASSERT(t, kbt_enable(&kbt_rep_patch, &updates) == 0);
	KT_EXPECT_EQ(t, updates, 3);
	KT_EXPECT_EQ(t, kbt_wrong(kbt_even), 0);
	KT_EXPECT_EQ(t, kbt_state_count(FTRACE_FL_DIRECT | FTRACE_FL_JMP), KBT_N / 2);
	KT_EXPECT_EQ(t, kbt_state_count(0), KBT_N / 2);
	KT_EXPECT(t, !kbt_patch.enabled);
	flush_work(&kbt_patch.free_work);
	klp_test_reset(&kbt_patch);
	KT_ASSERT(t, kbt_disable(&kbt_rep_patch, &updates) == 0);
	KT_EXPECT_EQ(t, kbt_wrong(kbt_none), 0);
	KT_EXPECT_EQ(t, kbt_state_count(0), KBT_N);
}

static notrace void kbt_intruder_fn(unsigned long ip, unsigned long parent_ip,
				    struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

/*
 * The 26th function's site already has an IPMODIFY ops: its registration
 * fails in the middle of the batch, the 25 before it are unregistered in
 * the same transaction, and no code changes at all.
 */
KTEST(klp_batch_conflict_rolls_back)
{
	static struct ftrace_ops intruder = { .func = kbt_intruder_fn,
					      .flags = FTRACE_OPS_FL_IPMODIFY };
	struct kmalloc_stats before, after;
	unsigned long mid;
	u64 updates = 0;

	kbt_fill();
	mid = kbt_addr(KBT_N / 2);
	KT_ASSERT(t, ftrace_set_filter_ip(&intruder, mid, 0, 1) == 0);
	KT_ASSERT(t, register_ftrace_function(&intruder) == 0);
	kmalloc_get_stats(&before);
	KT_EXPECT_EQ(t, kbt_enable(&kbt_patch, &updates), -EBUSY);
	KT_EXPECT_EQ(t, updates, 0);
	KT_EXPECT(t, !klp_transition_in_progress() && !kbt_patch.enabled);
	KT_EXPECT_EQ(t, kbt_state_count(0), KBT_N - 1);
	KT_EXPECT_EQ(t, ftrace_site_state(mid), FTRACE_FL_CALL);
	KT_EXPECT_EQ(t, kbt_wrong(kbt_none), 0);
	KT_EXPECT_EQ(t, kbt_mod.refcnt, 0);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
	unregister_ftrace_function(&intruder);
	ftrace_set_filter_ip(&intruder, 0, 0, 1);
	/* and the patch goes on fine once the site is free */
	KT_ASSERT(t, kbt_enable(&kbt_patch, &updates) == 0);
	KT_EXPECT_EQ(t, kbt_wrong(kbt_all), 0);
	KT_ASSERT(t, kbt_disable(&kbt_patch, &updates) == 0);
	KT_EXPECT_EQ(t, kbt_state_count(0), KBT_N);
}
