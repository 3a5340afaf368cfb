/*
 * Stack trace benchmarks (bench-kernel.ko): the reliable unwinder's cost
 * per frame on the parked thread (tests/ktest/kernel/parked.c), and for
 * 1000 sleeping tasks.
 */
#include <kelp/ktest.h>
#include <kelp/stacktrace.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/kallsyms.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/mm.h>
#include <kelp/x86.h>
#include <kelp/printk.h>
#include <kelp/traps.h>
#include "../../ktest/kernel/parked.h"

KBENCH(stacktrace_reliable_per_frame)
{
	unsigned long e[MAX_ENTRIES];
	struct completion c;
	struct task *k = start_parked(&c);
	int n = 0;
	u64 t0, t1;

	if (!k)
		return;
	t0 = rdtsc();
	for (int i = 0; i < 1000; i++)
		n = stack_trace_save_tsk_reliable(k, e, MAX_ENTRIES);
	t1 = rdtsc();
	stop_parked(k, &c);
	if (n <= 0)
		return;
	kbench_report("stacktrace_reliable_call", (t1 - t0) / 1000, "tsc/trace");
	kbench_report("stacktrace_reliable_per_frame", (t1 - t0) / 1000 / n, "tsc/frame");
}

static int bench_sleeper(void *data)
{
	wait_for_completion(data);
	return 0;
}

KBENCH(stacktrace_1000_sleeping_tasks)
{
	static struct task *tasks[1000];
	static DECLARE_COMPLETION(go);
	unsigned long e[MAX_ENTRIES];
	int started = 0, reliable = 0;
	u64 t0, t1;

	reinit_completion(&go);
	for (; started < 1000; started++) {
		tasks[started] = kthread_run(bench_sleeper, &go, "bench-sl/%d", started);
		if (IS_ERR(tasks[started]))
			break;
	}
	msleep(20);	/* all of them reach wait_for_completion */
	t0 = rdtsc();
	for (int i = 0; i < started; i++)
		reliable += stack_trace_save_tsk_reliable(tasks[i], e, MAX_ENTRIES) > 0;
	t1 = rdtsc();
	complete_all(&go);
	for (int i = 0; i < started; i++)
		kthread_stop(tasks[i]);
	if (reliable != 1000)
		printk(KERN_WARNING "bench: only %d of %d sleeping tasks traced reliably\n",
		       reliable, started);
	kbench_report("stacktrace_1000_sleeping_tasks", t1 - t0, "tsc");
	kbench_report("stacktrace_sleeping_task", (t1 - t0) / (started ? started : 1), "tsc/task");
}
