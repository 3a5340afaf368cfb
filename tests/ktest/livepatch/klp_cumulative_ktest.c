/*
 * Cumulative patches under load (issue 9): eight threads allocate, read
 * and free shadow variables of a type two replace patches declare while
 * the patches replace each other back and forth (the type never loses its
 * last user, so the GC frees nothing until the last patch goes, and then
 * exactly what is left); and 200 rounds of real cumulative patch modules
 * (tests/modules/test_klp_replace_a/b.c, disjoint function sets) loaded
 * over each other, with exactly one patch left after each round, every
 * function checked, and memory back to its start; a replace patch refused
 * by its pre_patch, or reversed, leaves the older patch (its functions,
 * its shadows, its type use) exactly as it was; and the regression test
 * of the independent check's false alarm on the fentry call's return
 * address.
 */
#include "../../../livepatch/core.h"
#include "../../../livepatch/verify.h"
#include "klp_test.h"
#include "klp_ktest_target.h"
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/klp_shadow.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include "../target.h"

/* Waits up to ms for the running transition to end; 0 or -ETIMEDOUT. */
static int kc_wait_idle(unsigned int ms)
{
	u64 end = jiffies + msecs_to_jiffies(ms);

	while (klp_transition_in_progress() && jiffies < end)
		msleep(1);
	return klp_transition_in_progress() ? -ETIMEDOUT : 0;
}

/* Patches on klp_patches, and how many of them are enabled. */
static int kc_count_patches(int *enabled)
{
	struct klp_patch *p;
	int n = 0;

	*enabled = 0;
	mutex_lock(&klp_mutex);
	klp_for_each_patch(p) {
		n++;
		*enabled += p->enabled;
	}
	mutex_unlock(&klp_mutex);
	return n;
}

/* ---- shadows from eight threads while patches declaring their type replace each other ---- */

#define KC_THREADS 8
#define KC_OBJS 64
#define KC_ROUNDS 40
#define KC_ID 0x6b63

static int kc_objs[KC_OBJS];
static int kc_gc_dtors, kc_thread_dtors;
static volatile bool kc_stop;

static int kc_ctor(void *obj, void *data, void *arg)
{
	*(unsigned long *)data = (unsigned long)obj ^ 0x5a5a;
	return 0;
}

static void kc_gc_dtor(void *obj, void *data)
{
	__atomic_fetch_add(&kc_gc_dtors, 1, __ATOMIC_RELAXED);
}

static void kc_thread_dtor(void *obj, void *data)
{
	__atomic_fetch_add(&kc_thread_dtors, 1, __ATOMIC_RELAXED);
}

/* Two replace patches, as two cumulative modules would be: each its own type struct. */
static struct klp_shadow_type kc_type1 = { .id = KC_ID, .ctor = kc_ctor, .dtor = kc_gc_dtor };
static struct klp_shadow_type kc_type2 = { .id = KC_ID, .ctor = kc_ctor, .dtor = kc_gc_dtor };
static struct klp_shadow_type *kc_types1[] = { &kc_type1, NULL };
static struct klp_shadow_type *kc_types2[] = { &kc_type2, NULL };
static struct module kc1_mod = { .name = "klp_ktest_cumulative1", .livepatch = true };
static struct module kc2_mod = { .name = "klp_ktest_cumulative2", .livepatch = true };
static struct klp_func kc1_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_new }, {}
};
static struct klp_func kc2_funcs[] = {
	{ .old_name = "klp_ktest_target", .new_func = klp_ktest_target_newer }, {}
};
static struct klp_object kc1_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kc1_funcs, .shadow_types = kc_types1 }, {}
};
static struct klp_object kc2_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kc2_funcs, .shadow_types = kc_types2 }, {}
};
static struct klp_patch kc1_patch = { .mod = &kc1_mod, .objs = kc1_objs, .replace = true };
static struct klp_patch kc2_patch = { .mod = &kc2_mod, .objs = kc2_objs, .replace = true };

struct kc_arg {
	int idx;
	int bad_data;		/* a shadow with wrong data, or none from get_or_alloc */
	int bad_call;		/* the patched function ran the original */
	int bad_type;		/* the type had no user */
	unsigned long ops;
	struct completion done;
};

/*
 * One operation on a random object. As in Linux, a shadow's data is not
 * protected against a concurrent free (get returns a bare pointer), so a
 * thread reads and frees only the shadows of its own objects (index %
 * KC_THREADS == idx); it allocates and looks up on every object.
 */
static void kc_step(struct kc_arg *a, u64 *seed)
{
	unsigned int i = (*seed >> 16) % KC_OBJS;
	int *obj = &kc_objs[i];
	struct klp_shadow_type *type = (*seed >> 20) & 1 ? &kc_type1 : &kc_type2;
	bool mine = i % KC_THREADS == (unsigned int)a->idx;
	unsigned long *s;
	int r;

	*seed = *seed * 6364136223846793005ULL + 1;
	if (!klp_shadow_type_users(KC_ID))
		a->bad_type++;
	s = klp_shadow_get_or_alloc_typed(obj, type, sizeof(*s), GFP_KERNEL, NULL);
	if (!s || (mine && *s != ((unsigned long)obj ^ 0x5a5a)))
		a->bad_data++;
	s = klp_shadow_get(obj, KC_ID);
	if (mine && (!s || *s != ((unsigned long)obj ^ 0x5a5a)))
		a->bad_data++;		/* nobody else frees it: it must still be there */
	if (mine && (*seed >> 40) % 4 == 0)
		klp_shadow_free(obj, KC_ID, kc_thread_dtor);
	r = klp_ktest_target(5);		/* one of the two patches, never the original */
	if (r != 1006 && r != 2006)
		a->bad_call++;
	a->ops++;
}

static int kc_thread(void *data)
{
	struct kc_arg *a = data;
	u64 seed = 0x51ed + a->idx;

	while (!READ_ONCE(kc_stop)) {
		for (int i = 0; i < 64; i++)
			kc_step(a, &seed);
		cond_resched();
	}
	complete(&a->done);
	return 0;
}

/* Enables next (replacing prev), waits until prev is freed and reusable. */
static int kc_replace(struct klp_patch *next, struct klp_patch *prev)
{
	int ret = klp_enable_patch(next);

	if (ret) {
		klp_test_reset(next);
		return ret;
	}
	ret = kc_wait_idle(5000);
	flush_work(&prev->free_work);
	klp_test_reset(prev);
	return ret;
}

static void kc_stop_threads(struct ktest *t, struct task **tasks, struct kc_arg *args, int n)
{
	WRITE_ONCE(kc_stop, true);
	for (int i = 0; i < n; i++) {
		KT_EXPECT(t, wait_for_completion_timeout(&args[i].done, msecs_to_jiffies(20000)));
		kthread_stop(tasks[i]);
		put_task_struct(tasks[i]);
	}
}

KTEST(klp_shadow_eight_threads_while_replacing)
{
	static struct kc_arg args[KC_THREADS];
	static struct task *tasks[KC_THREADS];
	struct klp_patch *cur = &kc1_patch, *next = &kc2_patch, *tmp;
	int started = 0, bad_data = 0, bad_call = 0, bad_type = 0, enabled, left;
	unsigned long ops = 0;

	kc_stop = false;
	kc_gc_dtors = kc_thread_dtors = 0;
	KT_ASSERT(t, klp_enable_patch(cur) == 0);
	KT_ASSERT(t, kc_wait_idle(5000) == 0);
	for (; started < KC_THREADS; started++) {
		args[started] = (struct kc_arg){ .idx = started };
		init_completion(&args[started].done);
		tasks[started] = kthread_create(kc_thread, &args[started], "kc-shadow/%d", started);
		if (IS_ERR_OR_NULL(tasks[started]))
			break;
		get_task_struct(tasks[started]);
		wake_up_process(tasks[started]);
	}
	KT_EXPECT_EQ(t, started, KC_THREADS);
	for (int round = 0; round < KC_ROUNDS; round++) {
		KT_ASSERT(t, kc_replace(next, cur) == 0);
		tmp = cur, cur = next, next = tmp;
		KT_EXPECT_EQ(t, kc_count_patches(&enabled), 1);
		KT_EXPECT_EQ(t, enabled, 1);
		KT_EXPECT_EQ(t, klp_shadow_type_users(KC_ID), 1);
		msleep(2);		/* let the threads run between replacements */
	}
	kc_stop_threads(t, tasks, args, started);
	for (int i = 0; i < started; i++) {
		bad_data += args[i].bad_data;
		bad_call += args[i].bad_call;
		bad_type += args[i].bad_type;
		ops += args[i].ops;
	}
	KT_EXPECT_EQ(t, bad_data, 0);
	KT_EXPECT_EQ(t, bad_call, 0);
	KT_EXPECT_EQ(t, bad_type, 0);
	KT_EXPECT(t, ops > 0);
	KT_EXPECT_EQ(t, kc_gc_dtors, 0);	/* the type kept a user through every replacement */
	left = (int)klp_shadow_count();
	KT_EXPECT(t, left > 0);
	KT_EXPECT_EQ(t, klp_disable_patch(cur), 0);
	KT_EXPECT_EQ(t, kc_wait_idle(5000), 0);
	flush_work(&cur->free_work);
	klp_test_reset(cur);
	/* the last user went: the GC freed exactly what the threads left */
	KT_EXPECT_EQ(t, kc_gc_dtors, left);
	KT_EXPECT_EQ(t, klp_shadow_count(), 0);
	KT_EXPECT_EQ(t, klp_shadow_type_users(KC_ID), 0);
	KT_EXPECT_EQ(t, kc1_mod.refcnt + kc2_mod.refcnt, 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/* ---- 200 rounds of real cumulative modules loaded over each other ---- */

#define KS_ROUNDS 200

/* klp_bench_fN for N in [100, 120), by address from kallsyms (they are generated). */
static int kc_call_bench(int n, int x)
{
	char name[24];
	unsigned long addr;

	snprintf(name, sizeof(name), "klp_bench_f%d", n);
	addr = ktest_target_symbol(BENCH_TARGET_MOD, name);
	return addr ? ((int (*)(int))addr)(x) : -1000000;
}

/*
 * Functions of f100..f119 not behaving as expected: set A (f100..f109)
 * patched (x - N) if active == 'A', set B (f110..f119) if 'B', the rest
 * original (x + N).
 */
static int kc_check_sets(char active)
{
	int wrong = 0;

	for (int n = 100; n < 120; n++) {
		bool patched = (n < 110 ? 'A' : 'B') == active;

		wrong += kc_call_bench(n, 0) != (patched ? -n : n);
	}
	return wrong;
}

/* rmmod, retried while the replaced patch's free work still holds the module. */
static int kc_rmmod(const char *name)
{
	u64 end = jiffies + msecs_to_jiffies(5000);
	int ret;

	while ((ret = delete_module(name)) == -EAGAIN && jiffies < end)
		msleep(1);
	return ret;
}

/* Disables the only patch there is (echo 0 > enabled) and waits for its free work. */
static int kc_disable_only_patch(void)
{
	struct klp_patch *p = NULL;
	int ret;

	mutex_lock(&klp_mutex);
	if (!list_empty(&klp_patches))
		p = list_first_entry(&klp_patches, struct klp_patch, list);
	mutex_unlock(&klp_mutex);
	if (!p)
		return -ENOENT;
	ret = klp_disable_patch(p);
	if (!ret)
		ret = kc_wait_idle(5000);
	return ret;
}

/* One round: load name (replacing prev), rmmod prev. 0 or the first error. */
static int kc_stress_round(const char *name, const char *prev)
{
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "%s/%s.ko", MODULE_DIR, name);
	ret = load_module_file(path, NULL);

	if (!ret)
		ret = kc_wait_idle(5000);
	if (!ret && prev)
		ret = kc_rmmod(prev);
	return ret;
}

KTEST(klp_replace_stress_200_rounds)
{
	static const char *const names[] = { "test_klp_replace_a", "test_klp_replace_b" };
	struct kmalloc_stats before, after;
	int lvl = console_loglevel, err = 0, wrong = 0, not_one = 0, enabled, round;
	size_t area;

	console_loglevel = 0;	/* 200 x 5 transition lines: the log keeps them, the console not */
	/* a first pair warms the caches the accounting would otherwise see */
	err = kc_stress_round(names[0], NULL);
	if (!err)
		err = kc_stress_round(names[1], names[0]);
	if (!err)
		err = kc_disable_only_patch();
	if (!err)
		err = kc_rmmod(names[1]);
	KT_ASSERT(t, err == 0);
	kmalloc_get_stats(&before);
	area = module_area_used();
	for (round = 0; round < KS_ROUNDS && !err; round++) {
		err = kc_stress_round(names[round % 2], round ? names[(round + 1) % 2] : NULL);
		if (kc_count_patches(&enabled) != 1 || enabled != 1)
			not_one++;
		wrong += kc_check_sets(round % 2 ? 'B' : 'A');
	}
	if (!err)
		err = kc_disable_only_patch();
	if (!err)
		err = kc_rmmod(names[(round + 1) % 2]);
	console_loglevel = lvl;
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT_EQ(t, round, KS_ROUNDS);
	KT_EXPECT_EQ(t, not_one, 0);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT_EQ(t, kc_count_patches(&enabled), 0);
	KT_EXPECT_EQ(t, kc_check_sets(0), 0);	/* all original */
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
	KT_EXPECT_EQ(t, module_area_used(), area);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/* ---- a replace patch refused by pre_patch, or reversed, leaves the older one as it was ---- */

static int kc_fail_pre_patch(struct klp_object *obj)
{
	return -ENODEV;
}

static struct module kc3_mod = { .name = "klp_ktest_cumulative3", .livepatch = true };
static struct klp_shadow_type kc_type3 = { .id = KC_ID, .ctor = kc_ctor, .dtor = kc_gc_dtor };
static struct klp_shadow_type *kc_types3[] = { &kc_type3, NULL };
static struct klp_func kc3_funcs[] = {
	{ .old_name = "klp_ktest_block", .new_func = klp_ktest_block_new }, {}
};
static struct klp_object kc3_objs[] = {
	{ .name = KTEST_TARGET_MOD, .funcs = kc3_funcs, .shadow_types = kc_types3 }, {}
};
static struct klp_patch kc3_patch = { .mod = &kc3_mod, .objs = kc3_objs, .replace = true };

static int kc_block_fn(void *data)
{
	klp_ktest_block(data);
	return 0;
}

/* kc1 as it was: enabled alone, its function and its 10 shadows in place, one type user. */
static void kc_expect_kc1_intact(struct ktest *t)
{
	int enabled;

	KT_EXPECT_EQ(t, kc_count_patches(&enabled), 1);
	KT_EXPECT(t, kc1_patch.enabled && kc1_objs[0].patched && kc1_funcs[0].patched);
	KT_EXPECT_EQ(t, klp_ktest_target(5), 1006);
	KT_EXPECT_EQ(t, klp_shadow_type_users(KC_ID), 1);
	KT_EXPECT_EQ(t, klp_shadow_count(), 10);
	KT_EXPECT_EQ(t, kc_gc_dtors, 0);
}

KTEST(klp_replace_refused_or_reversed_leaves_older)
{
	struct completion done;
	struct task *k;

	kc_gc_dtors = 0;
	KT_ASSERT(t, klp_enable_patch(&kc1_patch) == 0);
	KT_ASSERT(t, kc_wait_idle(5000) == 0);
	for (int i = 0; i < 10; i++)
		KT_ASSERT(t, klp_shadow_get_or_alloc_typed(&kc_objs[i], &kc_type1, 8, GFP_KERNEL, NULL));
	/* a replace patch whose pre_patch fails: refused, kc1 untouched */
	kc2_objs[0].callbacks.pre_patch = kc_fail_pre_patch;
	KT_EXPECT_EQ(t, klp_enable_patch(&kc2_patch), -ENODEV);
	kc2_objs[0].callbacks.pre_patch = NULL;
	klp_test_reset(&kc2_patch);
	KT_EXPECT_EQ(t, kc2_mod.refcnt, 0);
	kc_expect_kc1_intact(t);
	/* a replace patch stalled by a sleeper in klp_ktest_block, then reversed */
	init_completion(&done);
	k = kthread_run(kc_block_fn, &done, "kc-block");
	KT_ASSERT(t, !IS_ERR(k));
	msleep(5);
	KT_ASSERT(t, klp_enable_patch(&kc3_patch) == 0);
	KT_EXPECT_EQ(t, kc_wait_idle(30), -ETIMEDOUT);
	KT_EXPECT_EQ(t, klp_shadow_type_users(KC_ID), 2);
	KT_EXPECT_EQ(t, klp_disable_patch(&kc3_patch), 0);
	KT_EXPECT_EQ(t, kc_wait_idle(5000), 0);
	flush_work(&kc3_patch.free_work);
	klp_test_reset(&kc3_patch);
	KT_EXPECT_EQ(t, kc3_mod.refcnt, 0);
	kc_expect_kc1_intact(t);
	complete(&done);
	kthread_stop(k);
	/* kc1 goes: its 10 shadows with it */
	KT_EXPECT_EQ(t, klp_disable_patch(&kc1_patch), 0);
	KT_EXPECT_EQ(t, kc_wait_idle(5000), 0);
	flush_work(&kc1_patch.free_work);
	klp_test_reset(&kc1_patch);
	KT_EXPECT_EQ(t, kc_gc_dtors, 10);
	KT_EXPECT_EQ(t, klp_shadow_count(), 0);
	KT_EXPECT_EQ(t, klp_verify_failures, 0);
}

/*
 * Regression (livepatch_syscall was flaky): the independent check took a
 * task preempted in the ftrace trampoline, called from the old function's
 * fentry site after the task had switched, for a task inside the old
 * function (return address old + 5). That address is the trampoline's;
 * one further into the body is still reported.
 */
KTEST(klp_verify_fentry_call_return_is_not_inside)
{
	unsigned long old = (unsigned long)klp_ktest_target;

	KT_ASSERT(t, klp_enable_patch(&kc1_patch) == 0);
	KT_ASSERT(t, kc_wait_idle(5000) == 0);
	KT_EXPECT_EQ(t, ftrace_location(old), old);
	mutex_lock(&klp_mutex);
	KT_EXPECT(t, klp_verify_lookup(&kc1_patch, KLP_PATCHED, old + MCOUNT_INSN_SIZE) == NULL);
	KT_EXPECT(t, klp_verify_lookup(&kc1_patch, KLP_PATCHED, old + MCOUNT_INSN_SIZE + 1) ==
		     &kc1_funcs[0]);
	/* unpatching: the new function's body starts right after its own fentry call */
	KT_EXPECT(t, klp_verify_lookup(&kc1_patch, KLP_UNPATCHED,
				       (unsigned long)klp_ktest_target_new + MCOUNT_INSN_SIZE) ==
		     &kc1_funcs[0]);
	mutex_unlock(&klp_mutex);
	KT_EXPECT_EQ(t, klp_disable_patch(&kc1_patch), 0);
	KT_EXPECT_EQ(t, kc_wait_idle(5000), 0);
	flush_work(&kc1_patch.free_work);
	klp_test_reset(&kc1_patch);
}
