/*
 * In-kernel tests of ftrace update transactions (ftrace_update_begin and
 * commit): 40 IPMODIFY ops registered, switched to direct mode and
 * unregistered with one code update each time and the old code running
 * until the commit; an IPMODIFY conflict in the middle of a batch undone
 * in the same transaction without touching any site; nesting; the batches
 * of the spare vector when there is no memory for the whole one; more
 * changed records than the dirty list holds; and another task's
 * registration waiting for the commit.
 */
#include <kelp/ktest.h>
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/kthread.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/time.h>

#include "../../../kernel/trace/ftrace_internal.h"
#include "../target.h"

#define FTB_N 40

#define FTB_FOR_40(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) \
	M(10) M(11) M(12) M(13) M(14) M(15) M(16) M(17) M(18) M(19) \
	M(20) M(21) M(22) M(23) M(24) M(25) M(26) M(27) M(28) M(29) \
	M(30) M(31) M(32) M(33) M(34) M(35) M(36) M(37) M(38) M(39)

/* ftb_fN(x) = x + N: the traced sites; ftb_new(x) = x + 1000 replaces them. */
#define FTB_DECL(n) int ftb_f##n(int x);
#define FTB_DEF(n) noinline int ftb_f##n(int x) { barrier(); return x + n; }
#define FTB_PTR(n) ftb_f##n,
FTB_FOR_40(FTB_DECL)
FTB_FOR_40(FTB_DEF)
int ftb_new(int x);

noinline int ftb_new(int x)
{
	barrier();
	return x + 1000;
}

static int (*const ftb_funcs[FTB_N])(int) = { FTB_FOR_40(FTB_PTR) };
static struct ftrace_ops ftb_ops[FTB_N];

static notrace void ftb_redirect(unsigned long ip, unsigned long parent_ip,
				 struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)ftb_new);
}

static unsigned long ftb_ip(unsigned int i)
{
	return (unsigned long)ftb_funcs[i];
}

static int ftb_call(unsigned int i, int x)
{
	int (*volatile fn)(int) = ftb_funcs[i];

	return fn(x);
}

/* Fresh IPMODIFY ops, each filtering its own site. 0 or the first error. */
static int ftb_setup(void)
{
	int err = 0;

	for (unsigned int i = 0; i < FTB_N; i++) {
		memset(&ftb_ops[i], 0, sizeof(ftb_ops[i]));
		ftb_ops[i].func = ftb_redirect;
		ftb_ops[i].flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY;
		err = err ? err : ftrace_set_filter_ip(&ftb_ops[i], ftb_ip(i), 0, 0);
	}
	return err;
}

static void ftb_teardown(void)
{
	for (unsigned int i = 0; i < FTB_N; i++)
		ftrace_set_filter_ip(&ftb_ops[i], 0, 0, 1);
}

/* Sites [0, FTB_N) whose call result differs from the one expected. */
static unsigned int ftb_wrong(int add_patched, unsigned int except)
{
	unsigned int wrong = 0;

	for (unsigned int i = 0; i < FTB_N; i++)
		if (i != except)
			wrong += ftb_call(i, 1) != (add_patched ? 1 + add_patched : 1 + (int)i);
	return wrong;
}

static unsigned int ftb_state_count(int state)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < FTB_N; i++)
		n += ftrace_site_state(ftb_ip(i)) == state;
	return n;
}

/* Register, direct mode, unregister: one code update each, at the commit. */
KTEST(ftrace_batch_one_code_update_each)
{
	struct kmalloc_stats before, after;
	unsigned int errs = 0;
	u64 u0;

	kmalloc_get_stats(&before);
	KT_ASSERT(t, ftb_setup() == 0);
	u0 = ftrace_code_updates;
	ftrace_update_begin();
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += register_ftrace_function(&ftb_ops[i]) != 0;
	/* nothing patched before the commit: the NOPs run */
	KT_EXPECT_EQ(t, ftb_wrong(0, FTB_N), 0);
	KT_EXPECT_EQ(t, ftb_state_count(0), FTB_N);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 1);
	KT_EXPECT_EQ(t, ftb_state_count(FTRACE_FL_CALL), FTB_N);
	KT_EXPECT_EQ(t, ftb_wrong(1000, FTB_N), 0);

	ftrace_update_begin();
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += ftrace_site_set_direct(&ftb_ops[i], ftb_ip(i), (unsigned long)ftb_new) != 0;
	KT_EXPECT_EQ(t, ftb_state_count(FTRACE_FL_DIRECT | FTRACE_FL_CALL), FTB_N);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 2);
	KT_EXPECT_EQ(t, ftb_state_count(FTRACE_FL_DIRECT | FTRACE_FL_JMP), FTB_N);
	KT_EXPECT_EQ(t, ftb_wrong(1000, FTB_N), 0);

	ftrace_update_begin();
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += unregister_ftrace_function(&ftb_ops[i]) != 0;
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 3);
	KT_EXPECT_EQ(t, errs, 0);
	KT_EXPECT_EQ(t, ftb_state_count(0), FTB_N);
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += memcmp((void *)ftb_ip(i), x86_nop5, MCOUNT_INSN_SIZE) != 0;
	KT_EXPECT_EQ(t, errs, 0);
	KT_EXPECT_EQ(t, ftb_wrong(0, FTB_N), 0);
	ftb_teardown();
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
}

/*
 * A site taken by another IPMODIFY ops in the middle of the batch: the
 * registration fails there with -EBUSY, the caller unregisters the ones
 * before it in the same transaction, and the commit changes no code.
 */
KTEST(ftrace_batch_ipmodify_conflict_rolls_back)
{
	static struct ftrace_ops intruder;
	struct kmalloc_stats before, after;
	unsigned int i, mid = FTB_N / 2;
	int err = 0;
	u64 u0;

	kmalloc_get_stats(&before);
	KT_ASSERT(t, ftb_setup() == 0);
	memset(&intruder, 0, sizeof(intruder));
	intruder.func = ftb_redirect;
	intruder.flags = FTRACE_OPS_FL_IPMODIFY;
	KT_ASSERT(t, ftrace_set_filter_ip(&intruder, ftb_ip(mid), 0, 0) == 0);
	KT_ASSERT(t, register_ftrace_function(&intruder) == 0);
	u0 = ftrace_code_updates;
	ftrace_update_begin();
	for (i = 0; i < FTB_N && !err; i++)
		err = register_ftrace_function(&ftb_ops[i]);
	KT_EXPECT_EQ(t, err, -EBUSY);
	KT_EXPECT_EQ(t, i - 1, mid);
	while (i-- > 0)
		if (i != mid)
			KT_EXPECT_EQ(t, unregister_ftrace_function(&ftb_ops[i]), 0);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&ftb_ops[mid]), -EINVAL);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0);
	KT_EXPECT_EQ(t, ftb_state_count(0), FTB_N - 1);
	KT_EXPECT_EQ(t, ftb_wrong(0, mid), 0);
	KT_EXPECT_EQ(t, ftb_call(mid, 1), 1001);	/* still the intruder's */
	KT_EXPECT_EQ(t, unregister_ftrace_function(&intruder), 0);
	KT_EXPECT_EQ(t, ftb_call(mid, 1), 1 + (int)mid);
	ftrace_set_filter_ip(&intruder, 0, 0, 1);
	ftb_teardown();
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
}

/* Only the outermost commit changes code. */
KTEST(ftrace_batch_nests)
{
	u64 u0;

	KT_ASSERT(t, ftb_setup() == 0);
	u0 = ftrace_code_updates;
	ftrace_update_begin();
	ftrace_update_begin();
	KT_EXPECT_EQ(t, register_ftrace_function(&ftb_ops[0]), 0);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 1);
	KT_EXPECT_EQ(t, register_ftrace_function(&ftb_ops[1]), 0);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 1);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 1001);
	KT_EXPECT_EQ(t, ftb_call(1, 1), 1001);
	/* an unbalanced commit is refused */
	KT_EXPECT_EQ(t, ftrace_update_commit(), -EINVAL);
	unregister_ftrace_function(&ftb_ops[0]);
	unregister_ftrace_function(&ftb_ops[1]);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 3);
	KT_EXPECT_EQ(t, ftb_wrong(0, FTB_N), 0);
	ftb_teardown();
}

/* No memory for the whole vector: batches of the spare one (32 sites), nothing lost. */
KTEST(ftrace_batch_spare_vector)
{
	unsigned int errs = 0;
	u64 u0;

	KT_ASSERT(t, ftb_setup() == 0);
	u0 = ftrace_code_updates;
	ftrace_test_no_vec = true;
	ftrace_update_begin();
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += register_ftrace_function(&ftb_ops[i]) != 0;
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 2);
	KT_EXPECT_EQ(t, ftb_wrong(1000, FTB_N), 0);
	ftrace_update_begin();
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += unregister_ftrace_function(&ftb_ops[i]) != 0;
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	ftrace_test_no_vec = false;
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 4);
	KT_EXPECT_EQ(t, errs, 0);
	KT_EXPECT_EQ(t, ftb_state_count(0), FTB_N);
	KT_EXPECT_EQ(t, ftb_wrong(0, FTB_N), 0);
	ftb_teardown();
}

static volatile int ftb_other_done;

static int ftb_other_fn(void *data)
{
	int err = register_ftrace_function(data);

	ftb_other_done = err ? err : 1;
	while (!kthread_should_stop())	/* kthread_stop() needs us alive */
		msleep(1);
	return 0;
}

/* Another task's registration waits on ftrace_lock until the commit. */
KTEST(ftrace_batch_other_task_waits)
{
	struct task *other;

	KT_ASSERT(t, ftb_setup() == 0);
	ftb_other_done = 0;
	ftrace_update_begin();
	KT_EXPECT_EQ(t, register_ftrace_function(&ftb_ops[0]), 0);
	other = kthread_run(ftb_other_fn, &ftb_ops[1], "ftb-other");
	if (IS_ERR(other)) {
		ftrace_update_commit();
		KT_ASSERT(t, !IS_ERR(other));
	}
	msleep(20);
	KT_EXPECT_EQ(t, ftb_other_done, 0);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	while (!ftb_other_done)
		msleep(1);
	kthread_stop(other);
	KT_EXPECT_EQ(t, ftb_other_done, 1);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 1001);
	KT_EXPECT_EQ(t, ftb_call(1, 1), 1001);
	unregister_ftrace_function(&ftb_ops[0]);
	unregister_ftrace_function(&ftb_ops[1]);
	ftb_teardown();
}

static u64 ftb_counted;

static notrace void ftb_count(unsigned long ip, unsigned long parent_ip,
			      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	ftb_counted++;
}

/*
 * More changed records than the update's dirty list holds (1000 sites of
 * klp_bench_f* plus the 40): the commit walks every record instead, still
 * in one code update.
 */
KTEST(ftrace_batch_dirty_overflow)
{
	static struct ftrace_ops counter;
	int (*volatile f)(int) = (int (*)(int))ktest_target_symbol(BENCH_TARGET_MOD, "klp_bench_f100");
	unsigned int errs = 0;
	u64 u0;

	KT_ASSERT(t, f != NULL);
	KT_ASSERT(t, ftb_setup() == 0);
	memset(&counter, 0, sizeof(counter));
	counter.func = ftb_count;
	KT_ASSERT(t, ftrace_set_filter(&counter, "klp_bench_f*", 0, 1) == 0);
	KT_EXPECT_EQ(t, counter.filter->count, 1000);
	u0 = ftrace_code_updates;
	ftb_counted = 0;
	ftrace_update_begin();
	errs += register_ftrace_function(&counter) != 0;
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += register_ftrace_function(&ftb_ops[i]) != 0;
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 1);
	KT_EXPECT_EQ(t, ftb_wrong(1000, FTB_N), 0);
	KT_EXPECT_EQ(t, f(1), 101);
	KT_EXPECT_EQ(t, ftb_counted, 1);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)f), FTRACE_FL_CALL);
	ftrace_update_begin();
	errs += unregister_ftrace_function(&counter) != 0;
	for (unsigned int i = 0; i < FTB_N; i++)
		errs += unregister_ftrace_function(&ftb_ops[i]) != 0;
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 2);
	KT_EXPECT_EQ(t, errs, 0);
	KT_EXPECT_EQ(t, ftrace_site_state((unsigned long)f), 0);
	KT_EXPECT_EQ(t, ftb_state_count(0), FTB_N);
	KT_EXPECT_EQ(t, ftb_wrong(0, FTB_N), 0);
	ftrace_set_filter_ip(&counter, 0, 0, 1);
	ftb_teardown();
}

noinline int ftb_new2(int x);

noinline int ftb_new2(int x)
{
	barrier();
	return x + 2000;
}

/*
 * A direct-mode site moved to another target inside a transaction (set
 * again, or cleared and set, as livepatch's klp_ops_set_direct does) jumps
 * to the new target after the commit. The records' state stays "jmp"
 * throughout, so a commit comparing states only left the old jmp in place.
 */
KTEST(ftrace_batch_direct_retarget_in_transaction)
{
	unsigned long ip = ftb_ip(0), ip1 = ftb_ip(1);
	u8 want[MCOUNT_INSN_SIZE];
	u64 u0;

	KT_ASSERT(t, ftb_setup() == 0);
	KT_ASSERT(t, register_ftrace_function(&ftb_ops[0]) == 0);
	KT_ASSERT(t, register_ftrace_function(&ftb_ops[1]) == 0);
	KT_ASSERT(t, ftrace_site_set_direct(&ftb_ops[0], ip, (unsigned long)ftb_new) == 0);
	KT_ASSERT(t, ftrace_site_set_direct(&ftb_ops[1], ip1, (unsigned long)ftb_new) == 0);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 1001);
	u0 = ftrace_code_updates;
	ftrace_update_begin();
	KT_EXPECT_EQ(t, ftrace_site_set_direct(&ftb_ops[0], ip, (unsigned long)ftb_new2), 0);
	KT_EXPECT_EQ(t, ftrace_site_clear_direct(&ftb_ops[1], ip1), 0);
	KT_EXPECT_EQ(t, ftrace_site_set_direct(&ftb_ops[1], ip1, (unsigned long)ftb_new2), 0);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 1001);	/* the old jmp until the commit */
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 1);
	KT_EXPECT_EQ(t, ftrace_site_state(ip), FTRACE_FL_DIRECT | FTRACE_FL_JMP);
	text_gen_insn(want, JMP32_INSN_OPCODE, (void *)ip, ftb_new2);
	KT_EXPECT_EQ(t, memcmp((void *)ip, want, MCOUNT_INSN_SIZE), 0);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 2001);
	KT_EXPECT_EQ(t, ftb_call(1, 1), 2001);
	/* and back to the first target, with nothing to do for ops 1 */
	ftrace_update_begin();
	KT_EXPECT_EQ(t, ftrace_site_set_direct(&ftb_ops[0], ip, (unsigned long)ftb_new), 0);
	KT_EXPECT_EQ(t, ftrace_update_commit(), 0);
	KT_EXPECT_EQ(t, ftrace_code_updates, u0 + 2);
	KT_EXPECT_EQ(t, ftb_call(0, 1), 1001);
	KT_EXPECT_EQ(t, ftb_call(1, 1), 2001);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&ftb_ops[0]), 0);
	KT_EXPECT_EQ(t, unregister_ftrace_function(&ftb_ops[1]), 0);
	KT_EXPECT_EQ(t, ftb_wrong(0, FTB_N), 0);
	ftb_teardown();
}
