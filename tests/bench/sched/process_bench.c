/*
 * User-space benchmarks (bench-sched.ko): a getpid round trip, spawn to
 * exit of /bin/true, a process switch, and a signal's round trip (kill to
 * self, the handler, rt_sigreturn) (under -icount shift=0, TSC ticks are
 * instructions).
 */
#include <kelp/ktest.h>
#include <kelp/process.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/stacktrace.h>
#include <kelp/traps.h>
#include <kelp/x86.h>
#include "../../ktest/sched/process_util.h"

/* Runs path with up to two arguments to its exit; returns the TSC ticks, 0 on failure. */
static u64 time_run(const char *path, const char *a1, const char *a2)
{
	struct exec_args a;
	struct task *child;
	u64 t0 = rdtsc();
	int err = exec_args_init(&a);

	if (!err)
		err = exec_args_add(&a, path, false);
	if (!err && a1)
		err = exec_args_add(&a, a1, false);
	if (!err && a2)
		err = exec_args_add(&a, a2, false);
	if (!err)
		err = process_spawn(path, &a, &child);
	exec_args_free(&a);
	if (err < 0)
		return 0;
	get_task_struct(child);
	process_start(child);
	if (wait_exit(child))
		return 0;
	return rdtsc() - t0;
}

/* getpid round trip: a run of N calls minus a run of none, per call. */
KBENCH(userland_getpid)
{
	const unsigned int n = 100000;
	u64 base = time_run("/bin/getpid_loop", "-q", "1"), full = time_run("/bin/getpid_loop", "-q", "100000");

	if (base && full > base)
		kbench_report("userland_getpid", (full - base) / n, "tsc/call");
}

/*
 * A signal's round trip: `sigtest raise N` sends itself SIGUSR1 N times
 * with kill(); each is delivered on the way out of kill, runs an empty
 * handler and returns through musl's restorer and rt_sigreturn. A run of
 * N minus a run of one, per signal (the kill system call included).
 */
KBENCH(userland_signal)
{
	const unsigned int n = 20000;
	u64 base = time_run("/bin/sigtest", "raise", "1"), full = time_run("/bin/sigtest", "raise", "20000");

	if (base && full > base)
		kbench_report("userland_signal", (full - base) / n, "tsc/signal");
}

/* Spawn to exit of /bin/true, seen from the parent. */
KBENCH(userland_spawn_exit)
{
	u64 best = ~0ULL;

	time_run("/bin/true", NULL, NULL);	/* warm the caches */
	for (int i = 0; i < 5; i++) {
		u64 t = time_run("/bin/true", NULL, NULL);

		if (t && t < best)
			best = t;
	}
	if (best != ~0ULL)
		kbench_report("userland_spawn_exit", best, "tsc");
}

/*
 * Process switch: two yield_loop processes alternate on every
 * sched_yield(); two runs of N calls each, minus two runs of none, per
 * switch (each switch includes one system call round trip).
 */
KBENCH(userland_process_switch)
{
	const unsigned int n = 20000;
	struct task *a, *b;
	u64 t0, full, base;

	if (!have_bin("/bin/yield_loop"))
		return;
	base = time_run("/bin/yield_loop", "0", NULL) * 2;
	t0 = rdtsc();
	a = spawn_ref("/bin/yield_loop", "20000");
	b = IS_ERR(a) ? a : spawn_ref("/bin/yield_loop", "20000");
	if (IS_ERR(a) || IS_ERR(b)) {
		if (!IS_ERR(a))
			wait_exit(a);
		return;
	}
	wait_exit(a);
	wait_exit(b);
	full = rdtsc() - t0;
	if (full > base)
		kbench_report("userland_process_switch", (full - base) / (2 * n), "tsc/switch");
}
