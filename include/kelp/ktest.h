/*
 * In-kernel tests, KUnit-like, built as modules (tests/ktest/<subsystem>/
 * -> ktest-<subsystem>.ko; docs/testing.md). KTEST(name) { ... } registers
 * a case in the module's .ktests section; the runner linked into every
 * test module (tests/ktest/runner.c) runs the cases its filter= parameter
 * selects (all, NAME, prefix*, comma-separated) when the module loads and
 * prints TAP (version 13) on the console, ending with
 * "# ktest: N passed, M failed". KBENCH(name) registers a benchmark the
 * same way (bench-*.ko), which prints "bench: NAME: VALUE UNIT" lines;
 * under qemu -icount shift=0, TSC deltas count executed instructions.
 * The kernel itself holds none of this: /bin/ktest and /bin/bench load the
 * modules (ktest=X / bench=X on the command line: /bin/init runs them).
 */
#ifndef KELP_KTEST_H
#define KELP_KTEST_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/kthread.h>

struct ktest {
	const char *name;
	int failures;
	int checks;
};

struct ktest_case {
	const char *name;
	void (*fn)(struct ktest *t);
};

struct kbench_case {
	const char *name;
	void (*fn)(void);
};

#define KTEST(tname)                                                            \
	static void ktest_fn_##tname(struct ktest *t);                          \
	static const struct ktest_case ktest_case_##tname __used                \
		__section(".ktests") __aligned(8) = { #tname, ktest_fn_##tname }; \
	static void ktest_fn_##tname(struct ktest *t)

#define KBENCH(bname)                                                           \
	static void kbench_fn_##bname(void);                                    \
	static const struct kbench_case kbench_case_##bname __used              \
		__section(".kbenches") __aligned(8) = { #bname, kbench_fn_##bname }; \
	static void kbench_fn_##bname(void)

/* Records a failed check with its location; used by the macros below. */
void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...) __printf(4, 5);

#define KT_EXPECT(t, cond) do {                                                 \
	(t)->checks++;                                                          \
	if (!(cond))                                                            \
		ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond);        \
} while (0)

#define KT_EXPECT_EQ(t, a, b) do {                                              \
	long long __a = (long long)(a), __b = (long long)(b);                   \
	(t)->checks++;                                                          \
	if (__a != __b)                                                         \
		ktest_fail(t, __FILE__, __LINE__, "expected %s == %s (%lld vs %lld)", \
			   #a, #b, __a, __b);                                   \
} while (0)

/* Like KT_EXPECT but ends the case on failure. */
#define KT_ASSERT(t, cond) do {                                                 \
	(t)->checks++;                                                          \
	if (!(cond)) {                                                          \
		ktest_fail(t, __FILE__, __LINE__, "assertion %s failed", #cond); \
		return;                                                         \
	}                                                                       \
} while (0)

/* The runner (tests/ktest/runner.c, in each test module). */

/* Runs the module's selected tests; returns the number that failed. Task context. */
int ktest_run(const char *filter);
/* Runs the module's selected benchmarks. Task context. */
void kbench_run(const char *filter);
/* Whether name is selected by a filter like "all", "a,b", "kmalloc*". */
bool ktest_filter_match(const char *filter, const char *name);
/* Prints one benchmark result line: "bench: NAME: VALUE UNIT". */
void kbench_report(const char *name, unsigned long long value, const char *unit);
/* The same with a formatted "VALUE UNIT[ details]" (VALUE may be a decimal). */
void kbench_reportf(const char *name, const char *fmt, ...) __printf(2, 3);
/*
 * For cases that drive the kernel through its files, as a person would.
 * ktest_write_file writes s to path: 0, or -errno (open or write).
 * ktest_read_file reads at most len - 1 bytes of path into buf,
 * NUL-terminated: the count, or -errno. Task context.
 */
int ktest_write_file(const char *path, const char *s);
ssize_t ktest_read_file(const char *path, char *buf, size_t len);
/*
 * For cases about sharing one CPU (preemption by the tick, a preempted
 * task's stack): ktest_pin_cpu() binds the caller to the CPU it runs on,
 * so the threads and processes it then creates (they inherit its
 * affinity) share that CPU; it returns the old mask for ktest_unpin_cpu().
 * Task context.
 */
u64 ktest_pin_cpu(void);
void ktest_unpin_cpu(u64 old);
/*
 * Waits until the tasks that exited are freed (on SMP, at their last
 * switch-out on their own CPU, after they left the task list), so that
 * a case's memory accounting starts and ends quiet. The runner calls it
 * before each case. Task context.
 */
void ktest_settle(void);

/*
 * A kthread running fn(data), bound to cpu and woken, named namefmt with
 * the CPU number ("name/%u"); NULL if it could not be created. The SMP
 * tests' way to put one side of a race on a given CPU.
 */
static inline struct task *ktest_run_on_cpu(int (*fn)(void *), void *data, unsigned int cpu,
					    const char *namefmt)
{
	struct task *k = kthread_run_on_cpu(fn, data, cpu, namefmt);

	return IS_ERR(k) ? NULL : k;
}

#endif /* KELP_KTEST_H */
