/*
 * SMP benchmarks (bench-smp.ko): an IPI round trip, a context switch
 * between two threads on one CPU and on two, spinlock acquire/release
 * uncontended and contended by every CPU, synchronize_sched() and
 * synchronize_rcu() latency (the first waits for every runnable task to
 * switch, the second only for every CPU to pass a quiescent state), and
 * the throughput of a CPU-bound workload on one CPU against all of them
 * (a ratio, measured in one run: only meaningful without -icount, which
 * runs the vCPUs one after the other). Under -icount shift=0 the TSC
 * counts instructions of the whole machine's timeline. Benchmarks that
 * need a second CPU report "n/a" on one.
 */
#include <kelp/ktest.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/smp.h>
#include <kelp/time.h>
#include <kelp/mm.h>
#include <kelp/x86.h>

/* Another online CPU than cpu, or -1. */
static int other_cpu(int cpu)
{
	int c;

	for_each_online_cpu(c)
		if (c != cpu)
			return c;
	return -1;
}

static void noop(void *info)
{
}

KBENCH(smp_ipi_round_trip)
{
	int me, other, rounds = 1000;
	u64 t0, t1;

	preempt_disable();
	me = smp_processor_id();
	other = other_cpu(me);
	if (other < 0) {
		preempt_enable();
		kbench_reportf("smp_ipi_round_trip", "n/a (one CPU)");
		return;
	}
	t0 = rdtsc();
	for (int i = 0; i < rounds; i++)
		smp_call_function_single(other, noop, NULL, true);
	t1 = rdtsc();
	preempt_enable();
	kbench_report("smp_ipi_round_trip", (t1 - t0) / rounds, "tsc/call");
}

/* ---- context switches ---- */

struct pingpong {
	struct completion ping, pong;
	int rounds;
};

static int pong_fn(void *data)
{
	struct pingpong *pp = data;

	for (int i = 0; i < pp->rounds; i++) {
		wait_for_completion(&pp->ping);
		complete(&pp->pong);
	}
	return 0;
}

static int ping_fn(void *data)
{
	struct pingpong *pp = data;

	for (int i = 0; i < pp->rounds; i++) {
		complete(&pp->ping);
		wait_for_completion(&pp->pong);
	}
	return 0;
}

/* Ping on cpu a, pong on cpu b: tsc per switch (a round trip is two). */
static u64 pingpong_tsc(int a, int b)
{
	static struct pingpong pp;
	struct task *pi, *po;
	u64 t0, t1;

	pp.rounds = 1000;
	init_completion(&pp.ping);
	init_completion(&pp.pong);
	po = ktest_run_on_cpu(pong_fn, &pp, b, "bench-pong/%u");
	if (!po)
		return 0;
	msleep(1);
	t0 = rdtsc();
	pi = ktest_run_on_cpu(ping_fn, &pp, a, "bench-ping/%u");
	if (!pi) {
		kthread_stop(po);
		return 0;
	}
	kthread_wait_exit(pi);
	t1 = rdtsc();
	put_task_struct(pi);
	kthread_stop(po);
	return (t1 - t0) / (2 * pp.rounds);
}

KBENCH(smp_context_switch_same_cpu)
{
	kbench_report("smp_context_switch_same_cpu", pingpong_tsc(0, 0), "tsc/switch");
}

KBENCH(smp_context_switch_other_cpu)
{
	int other = other_cpu(0);

	if (other < 0) {
		kbench_reportf("smp_context_switch_other_cpu", "n/a (one CPU)");
		return;
	}
	kbench_report("smp_context_switch_other_cpu", pingpong_tsc(0, other), "tsc/switch");
}

/* ---- spinlocks ---- */

static DEFINE_SPINLOCK(bench_lock);

KBENCH(smp_spinlock_uncontended)
{
	int rounds = 100000;
	u64 t0, t1;

	t0 = rdtsc();
	for (int i = 0; i < rounds; i++) {
		spin_lock(&bench_lock);
		spin_unlock(&bench_lock);
	}
	t1 = rdtsc();
	kbench_report("smp_spinlock_uncontended", (t1 - t0) / rounds, "tsc/lock+unlock");
}

#define CONTENDED_ROUNDS 20000

static atomic_t cont_ready, cont_done;
static volatile unsigned long cont_counter;

static int contend_fn(void *data)
{
	atomic_inc(&cont_ready);
	while (atomic_read(&cont_ready) < (long)data)
		cpu_relax();
	for (int i = 0; i < CONTENDED_ROUNDS; i++) {
		spin_lock(&bench_lock);
		cont_counter++;
		spin_unlock(&bench_lock);
	}
	atomic_inc(&cont_done);
	return 0;
}

KBENCH(smp_spinlock_contended)
{
	struct task *w[NR_CPUS];
	int n = 0, cpu;
	u64 t0, t1;

	atomic_set(&cont_ready, 0);
	atomic_set(&cont_done, 0);
	t0 = rdtsc();
	for_each_online_cpu(cpu)
		w[n++] = ktest_run_on_cpu(contend_fn, (void *)(long)num_online_cpus(), cpu, "bench-cont/%u");
	while (atomic_read(&cont_done) < n)
		msleep(1);
	t1 = rdtsc();
	for (int i = 0; i < n; i++)
		if (w[i])
			kthread_stop(w[i]);
	kbench_reportf("smp_spinlock_contended", "%llu tsc/lock+unlock (%d CPUs)",
		       (unsigned long long)((t1 - t0) / (n * CONTENDED_ROUNDS)), n);
}

/* ---- grace periods ---- */

KBENCH(smp_synchronize_sched)
{
	int rounds = 20;
	u64 t0, t1;

	t0 = rdtsc();
	for (int i = 0; i < rounds; i++)
		synchronize_sched();
	t1 = rdtsc();
	kbench_reportf("smp_synchronize_sched", "%llu tsc/call (%u CPUs)",
		       (unsigned long long)((t1 - t0) / rounds), num_online_cpus());
}

KBENCH(smp_synchronize_rcu)
{
	int rounds = 50;
	u64 t0, t1;

	t0 = rdtsc();
	for (int i = 0; i < rounds; i++)
		synchronize_rcu();
	t1 = rdtsc();
	kbench_reportf("smp_synchronize_rcu", "%llu tsc/call (%u CPUs)",
		       (unsigned long long)((t1 - t0) / rounds), num_online_cpus());
}

/* ---- throughput ---- */

#define WORK_UNITS 64
#define UNIT_LOOPS 200000

static atomic_t next_unit;

/* Takes units of pure arithmetic until none is left. */
static int worker_fn(void *data)
{
	volatile unsigned long sink = 0;

	while (atomic_fetch_add(1, &next_unit) < WORK_UNITS) {
		unsigned long x = 1;

		for (int i = 0; i < UNIT_LOOPS; i++)
			x = x * 6364136223846793005UL + 1442695040888963407UL;
		sink += x;
	}
	return 0;
}

/* WORK_UNITS units, one worker per CPU of mask; the nanoseconds it took. */
static u64 run_work(u64 mask)
{
	struct task *w[NR_CPUS];
	int n = 0, cpu;
	u64 t0 = ktime_get_ns();

	atomic_set(&next_unit, 0);
	for_each_online_cpu(cpu)
		if ((mask >> cpu) & 1)
			w[n++] = ktest_run_on_cpu(worker_fn, NULL, cpu, "bench-work/%u");
	for (int i = 0; i < n; i++)
		if (w[i]) {
			kthread_wait_exit(w[i]);
			put_task_struct(w[i]);
		}
	return ktime_get_ns() - t0;
}

KBENCH(smp_throughput)
{
	u64 one = run_work(1), all = run_work(~0ULL);

	kbench_reportf("smp_throughput", "%llu.%02llu x on %u CPUs (1 CPU %llu ms, all %llu ms)",
		       (unsigned long long)(one / all), (unsigned long long)(one * 100 / all % 100),
		       num_online_cpus(), (unsigned long long)(one / NSEC_PER_MSEC),
		       (unsigned long long)(all / NSEC_PER_MSEC));
}
