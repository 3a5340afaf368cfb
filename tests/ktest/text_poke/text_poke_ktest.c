/*
 * In-kernel tests of text_poke: a test function's fentry NOP becomes a
 * jmp to another function and back, a call of a register-preserving
 * counter stub, and the int3 path is taken on purpose: the step hook calls
 * the function while byte 0 is int3 and checks that the #BP handler ran
 * the instruction being installed. Kernel text stays read-only throughout.
 */
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/x86.h>

int tp_test_func(int x);
int tp_test_alt(int x);
void tp_test_count_stub(void);
extern u64 tp_test_count;	/* poke_sled.asm: tp_test_count_stub's calls */

noinline int tp_test_func(int x)
{
	barrier();
	return x * 2;
}

noinline int tp_test_alt(int x)
{
	barrier();
	return x * 3;
}

/* Calls through a volatile pointer so GCC cannot fold the result. */
static int call_func(int x)
{
	int (*volatile fn)(int) = tp_test_func;

	return fn(x);
}

KTEST(text_poke_sites_hold_nop5)
{
	KT_EXPECT(t, !memcmp((void *)tp_test_func, x86_nop5, 5));
	KT_EXPECT(t, !memcmp((void *)tp_test_alt, x86_nop5, 5));
}

KTEST(text_poke_jmp_and_back)
{
	u8 jmp[5];

	KT_ASSERT(t, text_gen_insn(jmp, JMP32_INSN_OPCODE, tp_test_func, tp_test_alt));
	KT_EXPECT_EQ(t, call_func(7), 14);
	KT_ASSERT(t, text_poke_bp(tp_test_func, jmp, 5) == 0);
	KT_EXPECT(t, !memcmp((void *)tp_test_func, jmp, 5));
	KT_EXPECT_EQ(t, call_func(7), 21);
	KT_ASSERT(t, text_poke_bp(tp_test_func, x86_nop5, 5) == 0);
	KT_EXPECT_EQ(t, call_func(7), 14);
	KT_EXPECT(t, !memcmp((void *)tp_test_func, x86_nop5, 5));
}

KTEST(text_poke_call_stub)
{
	u64 before = tp_test_count;
	u8 call[5];

	KT_ASSERT(t, text_gen_insn(call, CALL_INSN_OPCODE, tp_test_func, tp_test_count_stub));
	KT_ASSERT(t, text_poke_bp(tp_test_func, call, 5) == 0);
	KT_EXPECT_EQ(t, call_func(5), 10);
	KT_EXPECT_EQ(t, call_func(6), 12);
	KT_EXPECT_EQ(t, tp_test_count - before, 2);
	KT_ASSERT(t, text_poke_bp(tp_test_func, x86_nop5, 5) == 0);
	KT_EXPECT_EQ(t, call_func(5), 10);
	KT_EXPECT_EQ(t, tp_test_count - before, 2);
}

KTEST(text_poke_rejects_unemulable)
{
	static const u8 junk[5] = { 0x90, 0x90, 0x90, 0x90, 0x90 };

	KT_EXPECT(t, text_poke_bp(tp_test_func, junk, 5) < 0);
	KT_EXPECT(t, text_poke_bp(tp_test_func, x86_nop5, 4) < 0);
	KT_EXPECT(t, !memcmp((void *)tp_test_func, x86_nop5, 5));
}

/* Results seen by the hook at each step of an update. */
static int hook_result[4];
static u8 hook_byte0[4];
static u64 hook_count[4];

static void step_hook(unsigned int step)
{
	if (step > 3)
		return;
	hook_byte0[step] = *(volatile u8 *)tp_test_func;
	hook_result[step] = call_func(10);
	hook_count[step] = tp_test_count;
}

KTEST(text_poke_int3_emulation)
{
	u64 hits = text_poke_bp_hits, c0;
	u8 jmp[5], call[5];

	KT_ASSERT(t, text_gen_insn(jmp, JMP32_INSN_OPCODE, tp_test_func, tp_test_alt));
	KT_ASSERT(t, text_gen_insn(call, CALL_INSN_OPCODE, tp_test_func, tp_test_count_stub));
	text_poke_bp_step_hook = step_hook;
	/* Installing jmp: in steps 1 and 2 the #BP handler emulates the jmp. */
	KT_EXPECT_EQ(t, text_poke_bp(tp_test_func, jmp, 5), 0);
	KT_EXPECT_EQ(t, hook_byte0[1], INT3_INSN_OPCODE);
	KT_EXPECT_EQ(t, hook_byte0[2], INT3_INSN_OPCODE);
	KT_EXPECT_EQ(t, hook_byte0[3], JMP32_INSN_OPCODE);
	KT_EXPECT_EQ(t, hook_result[1], 30);
	KT_EXPECT_EQ(t, hook_result[2], 30);
	KT_EXPECT_EQ(t, hook_result[3], 30);
	KT_EXPECT_EQ(t, text_poke_bp_hits - hits, 2);
	/* Back to the NOP: emulated NOP, the original function runs. */
	KT_EXPECT_EQ(t, text_poke_bp(tp_test_func, x86_nop5, 5), 0);
	KT_EXPECT_EQ(t, hook_result[1], 20);
	KT_EXPECT_EQ(t, hook_result[2], 20);
	KT_EXPECT_EQ(t, hook_result[3], 20);
	/* Installing a call: the emulated call pushes a return address. */
	c0 = tp_test_count;
	KT_EXPECT_EQ(t, text_poke_bp(tp_test_func, call, 5), 0);
	KT_EXPECT_EQ(t, hook_result[1], 20);
	KT_EXPECT_EQ(t, hook_count[1] - c0, 1);
	KT_EXPECT_EQ(t, hook_count[2] - c0, 2);
	KT_EXPECT_EQ(t, hook_count[3] - c0, 3);
	KT_EXPECT_EQ(t, text_poke_bp(tp_test_func, x86_nop5, 5), 0);
	text_poke_bp_step_hook = NULL;
	KT_EXPECT_EQ(t, text_poke_bp_hits - hits, 8);
	KT_EXPECT(t, !memcmp((void *)tp_test_func, x86_nop5, 5));
}

KTEST(text_poke_text_stays_readonly)
{
	int level;
	u64 *pte = paging_lookup((unsigned long)tp_test_func, &level);

	KT_ASSERT(t, pte != NULL);
	KT_EXPECT(t, !(*pte & PTE_WRITE));
	KT_EXPECT(t, !(*pte & PTE_NX));
}

/* The benchmark's 1000-site sled: a batch installs calls, every site runs, back. */
KTEST(text_poke_batch_1000_sites)
{
	extern u8 poke_sled[], poke_sled_end[];
	unsigned int n = (poke_sled_end - poke_sled) / 8;
	struct text_poke_loc *tp = kcalloc(n, sizeof(*tp), GFP_KERNEL);
	u64 before = tp_test_count;

	KT_ASSERT(t, tp != NULL);
	KT_EXPECT_EQ(t, n, 1000);
	/* In reverse order: the batch sorts. */
	for (unsigned int i = 0; i < n; i++) {
		tp[i].addr = poke_sled + 8 * (n - 1 - i);
		tp[i].len = 5;
		text_gen_insn(tp[i].text, CALL_INSN_OPCODE, tp[i].addr, tp_test_count_stub);
	}
	KT_EXPECT_EQ(t, text_poke_bp_batch(tp, n), 0);
	for (unsigned int i = 0; i < n; i++)
		((void (*)(void))(poke_sled + 8 * i))();
	KT_EXPECT_EQ(t, tp_test_count - before, n);
	for (unsigned int i = 0; i < n; i++)
		memcpy(tp[i].text, x86_nop5, 5);
	KT_EXPECT_EQ(t, text_poke_bp_batch(tp, n), 0);
	for (unsigned int i = 0; i < n; i++)
		((void (*)(void))(poke_sled + 8 * i))();
	KT_EXPECT_EQ(t, tp_test_count - before, n);
	/* Overlapping sites are refused before anything is written. */
	tp[1].addr = (u8 *)tp[0].addr + 2;
	KT_EXPECT(t, text_poke_bp_batch(tp, 2) < 0);
	kfree(tp);
	KT_EXPECT(t, !memcmp(poke_sled, x86_nop5, 5));
	KT_EXPECT(t, !memcmp(poke_sled + 8 * 999, x86_nop5, 5));
}
