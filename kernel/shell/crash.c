/*
 * `crash KIND`: deliberate faults, so that tests (and people) can see the
 * oops path work: page faults (NULL, write to rodata, execution of data),
 * #UD, #GP, #DE, int3, kernel stack overflow into the guard page (a double
 * fault on its IST stack), BUG(), WARN(), panic() and the mutex debug checks
 * (unlock by a non-owner warns, recursive locking panics). Each KIND is its own
 * noinline function so the backtrace names it.
 */
#include <kelp/shell.h>
#include <kelp/panic.h>
#include <kelp/mutex.h>
#include <kelp/string.h>

static volatile unsigned long crash_zero;	/* opaque zero: the compiler cannot fold it */
static const int crash_rodata = 1;
static u8 crash_data_code[16] = { 0xc3 };	/* ret, in a writable NX page */

static noinline void crash_null_deref(void)
{
	int v = *(volatile int *)crash_zero;

	(void)v;
}

static noinline void crash_write_rodata(void)
{
	*(volatile int *)&crash_rodata = 2;
}

static noinline void crash_exec_data(void)
{
	((void (*)(void))(crash_data_code + crash_zero))();
}

static noinline void crash_invalid_opcode(void)
{
	__asm__ __volatile__("ud2");
}

static noinline void crash_general_protection(void)
{
	/* A non-canonical address: #GP, not #PF. */
	(void)*(volatile unsigned long *)(0x8000000000000000UL + crash_zero);
}

static noinline void crash_divide_error(void)
{
	volatile unsigned long n = 1;

	n = n / crash_zero;
}

static noinline void crash_int3(void)
{
	__asm__ __volatile__("int3");
}

/* Each call eats 1 KiB of stack until the guard page stops it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static noinline unsigned long crash_recurse(unsigned long depth)
{
	volatile char pad[1024];

	pad[0] = depth;
	return crash_recurse(depth + 1) + pad[0];
}
#pragma GCC diagnostic pop

static noinline void crash_stack_overflow(void)
{
	crash_recurse(0);
}

static noinline void crash_bug(void)
{
	BUG();
}

static noinline void crash_warn(void)
{
	WARN(1, "crash: deliberate warning\n");
}

static noinline void crash_panic(void)
{
	panic("crash: deliberate panic");
}

static DEFINE_MUTEX(crash_mutex);

/* Unlocking a mutex nobody holds: a warning, and the mutex stays as it was. */
static noinline void crash_mutex_unlock(void)
{
	mutex_unlock(&crash_mutex);
}

/* Taking a mutex twice: a deadlock, caught and reported by a panic. */
static noinline void crash_mutex_recursive(void)
{
	mutex_lock(&crash_mutex);
	mutex_lock(&crash_mutex);
}

static const struct {
	const char *name;
	void (*fn)(void);
} crash_kinds[] = {
	{ "pf", crash_null_deref },
	{ "wp", crash_write_rodata },
	{ "nx", crash_exec_data },
	{ "ud", crash_invalid_opcode },
	{ "gp", crash_general_protection },
	{ "de", crash_divide_error },
	{ "bp", crash_int3 },
	{ "stack", crash_stack_overflow },
	{ "bug", crash_bug },
	{ "warn", crash_warn },
	{ "panic", crash_panic },
	{ "mutex-unlock", crash_mutex_unlock },
	{ "mutex-recursive", crash_mutex_recursive },
};

static int cmd_crash(int argc, char **argv)
{
	for (unsigned int i = 0; argc == 2 && i < ARRAY_SIZE(crash_kinds); i++) {
		if (!strcmp(argv[1], crash_kinds[i].name)) {
			crash_kinds[i].fn();
			return 0;
		}
	}
	sh_eprintf("usage: crash pf|wp|nx|ud|gp|de|bp|stack|bug|warn|panic|mutex-unlock|mutex-recursive\n");
	return 1;
}
SHELL_COMMAND("crash", "KIND  fault on purpose (testing the oops path)", cmd_crash);
