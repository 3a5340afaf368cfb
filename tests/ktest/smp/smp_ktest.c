/*
 * SMP stress tests (ktest-smp.ko): a counter incremented under a spinlock
 * from every CPU, mutex and completion ping-pong between two CPUs,
 * cross-CPU calls and stop_machine, a migration storm over sleeping and
 * waking threads (their livepatch state must move with them), the TLB
 * shootdown of a kernel mapping that another CPU just used, and
 * synchronize_sched() against a thread spinning alone on another CPU, and
 * seed 000/003's race: a sysfs store that frees its own object while
 * another CPU reads the object's file, 1000 times.
 * With one CPU the same code runs with every thread on CPU 0: the tests
 * still check the result, only the concurrency is less.
 */
#include <kelp/ktest.h>
#include <kelp/kobject.h>
#include <kelp/kernfs.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/mutex.h>
#include <kelp/smp.h>
#include <kelp/time.h>
#include <kelp/mm.h>
#include <kelp/errno.h>
#include <kelp/x86.h>
#include <kelp/workqueue.h>

#define MAX_WORKERS 8
/*
 * A kernel address nobody maps: just past the kernel stack area (its 4096
 * slots end 128 MiB after VMAP_STACK_START).
 */
#define SCRATCH_VADDR (VMAP_STACK_START + VMAP_NR_SLOTS * VMAP_SLOT_SIZE)

/* Polls cond every ms for up to ms_max; evaluates to cond's final value. */
#define kt_wait_for(cond, ms_max) ({                                              \
	unsigned int __i = 0;                                                   \
	while (!(cond) && __i++ < (ms_max))                                     \
		msleep(1);                                                      \
	(cond);                                                                 \
})

/* The n-th online CPU, wrapping (0 with one CPU). */
static int nth_cpu(int n)
{
	int cpus = num_online_cpus(), cpu, i = 0;

	n %= cpus;
	for_each_online_cpu(cpu)
		if (i++ == n)
			return cpu;
	return 0;
}

/* ---- spinlock counter ---- */

#define SPIN_ROUNDS 20000

static DEFINE_SPINLOCK(count_lock);
static unsigned long locked_count;	/* under count_lock; a plain ++ on purpose */
static atomic_t spin_go, spin_done;

static int spin_counter_fn(void *data)
{
	atomic_inc(&spin_go);
	while (atomic_read(&spin_go) < (long)data)	/* start together */
		cpu_relax();
	for (int i = 0; i < SPIN_ROUNDS; i++) {
		unsigned long flags;

		spin_lock_irqsave(&count_lock, flags);
		locked_count++;
		spin_unlock_irqrestore(&count_lock, flags);
	}
	atomic_inc(&spin_done);
	return 0;
}

KTEST(smp_spinlock_counter_every_cpu)
{
	struct task *w[MAX_WORKERS] = { NULL };
	int n = num_online_cpus() < MAX_WORKERS ? num_online_cpus() : MAX_WORKERS;

	locked_count = 0;
	atomic_set(&spin_go, 0);
	atomic_set(&spin_done, 0);
	for (int i = 0; i < n; i++) {
		w[i] = ktest_run_on_cpu(spin_counter_fn, (void *)(long)n, nth_cpu(i), "kt-spin/%u");
		KT_ASSERT(t, w[i]);
	}
	KT_EXPECT(t, kt_wait_for(atomic_read(&spin_done) == n, 20000));
	for (int i = 0; i < n; i++)
		kthread_stop(w[i]);
	KT_EXPECT_EQ(t, locked_count, (unsigned long)n * SPIN_ROUNDS);
	KT_EXPECT(t, !spin_is_locked(&count_lock));
}

/* ---- mutex and completion ping-pong ---- */

#define PINGPONG_ROUNDS 500

static DEFINE_MUTEX(pp_mutex);
static volatile int pp_turn;		/* under pp_mutex: whose turn (0 or 1) */
static int pp_rounds[2];

static int mutex_pp_fn(void *data)
{
	int me = (long)data;

	while (pp_rounds[me] < PINGPONG_ROUNDS && !kthread_should_stop()) {
		mutex_lock(&pp_mutex);
		if (pp_turn == me) {
			pp_rounds[me]++;
			pp_turn = !me;
		}
		mutex_unlock(&pp_mutex);
		cond_resched();
	}
	return 0;
}

KTEST(smp_mutex_pingpong_two_cpus)
{
	struct task *a, *b;

	pp_turn = 0;
	pp_rounds[0] = pp_rounds[1] = 0;
	a = ktest_run_on_cpu(mutex_pp_fn, (void *)0L, nth_cpu(0), "kt-mpp/%u");
	b = ktest_run_on_cpu(mutex_pp_fn, (void *)1L, nth_cpu(1), "kt-mpp/%u");
	KT_ASSERT(t, a && b);
	KT_EXPECT(t, kt_wait_for(pp_rounds[0] == PINGPONG_ROUNDS && pp_rounds[1] == PINGPONG_ROUNDS,
				 30000));
	kthread_stop(a);
	kthread_stop(b);
	KT_EXPECT(t, !mutex_is_locked(&pp_mutex));
}

static struct completion ping, pong;
static int comp_rounds;

static int comp_ponger(void *data)
{
	for (int i = 0; i < PINGPONG_ROUNDS; i++) {
		if (!wait_for_completion_timeout(&ping, 10 * HZ))
			return -ETIMEDOUT;
		complete(&pong);
	}
	return 0;
}

KTEST(smp_completion_pingpong_two_cpus)
{
	struct task *p;
	int cpu0 = nth_cpu(0);

	init_completion(&ping);
	init_completion(&pong);
	comp_rounds = 0;
	KT_ASSERT(t, set_cpus_allowed(current, 1ULL << cpu0) == 0);
	p = ktest_run_on_cpu(comp_ponger, NULL, nth_cpu(1), "kt-cpp/%u");
	KT_ASSERT(t, p);
	for (int i = 0; i < PINGPONG_ROUNDS; i++) {
		complete(&ping);
		if (!wait_for_completion_timeout(&pong, 10 * HZ))
			break;
		comp_rounds++;
	}
	KT_EXPECT_EQ(t, comp_rounds, PINGPONG_ROUNDS);
	KT_EXPECT_EQ(t, kthread_stop(p), 0);
	set_cpus_allowed(current, ~0ULL);
}

/* ---- cross-CPU calls ---- */

static atomic_t call_hits[NR_CPUS], call_irqs_on;

static void record_cpu(void *info)
{
	if (!irqs_disabled())
		atomic_inc(&call_irqs_on);
	atomic_inc(&call_hits[smp_processor_id()]);
}

KTEST(smp_call_function_every_cpu_once)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		atomic_set(&call_hits[cpu], 0);
	atomic_set(&call_irqs_on, 0);
	on_each_cpu(record_cpu, t, true);
	for_each_online_cpu(cpu)
		KT_EXPECT_EQ(t, atomic_read(&call_hits[cpu]), 1);
	for_each_online_cpu(cpu)
		KT_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu, t, true), 0);
	for_each_online_cpu(cpu)
		KT_EXPECT_EQ(t, atomic_read(&call_hits[cpu]), 2);
	KT_EXPECT_EQ(t, smp_call_function_single(NR_CPUS - 1, record_cpu, t, true),
		     cpu_online(NR_CPUS - 1) ? 0 : -ENXIO);
	KT_EXPECT_EQ(t, atomic_read(&call_irqs_on), 0);	/* always with IRQs off */
}

/* stop_machine: while fn runs, a thread busy on another CPU does not move. */
static volatile unsigned long busy_count;

static int busy_fn(void *data)
{
	while (!kthread_should_stop())
		busy_count++;
	return 0;
}

static int stopped_fn(void *data)
{
	unsigned long before = busy_count;

	KT_EXPECT((struct ktest *)data, irqs_disabled());
	udelay(2000);
	return busy_count == before ? 0 : -EBUSY;
}

KTEST(smp_stop_machine_holds_every_cpu)
{
	struct task *b = NULL;

	busy_count = 0;
	if (num_online_cpus() > 1) {
		preempt_disable();
		b = ktest_run_on_cpu(busy_fn, NULL, nth_cpu(smp_processor_id() + 1), "kt-busy/%u");
		preempt_enable();
		KT_ASSERT(t, b);
		KT_EXPECT(t, kt_wait_for(busy_count > 0, 5000));
	}
	for (int i = 0; i < 20; i++)
		KT_EXPECT_EQ(t, stop_machine(stopped_fn, t), 0);
	if (b) {
		unsigned long after = busy_count;

		KT_EXPECT(t, kt_wait_for(busy_count != after, 5000));	/* it runs again */
		kthread_stop(b);
	}
}

/* ---- migration storm ---- */

#define STORM_THREADS 4
#define STORM_MOVES 400

struct storm {
	unsigned long wakeups;
	u64 cpus_seen;		/* bit per CPU the thread ran on */
};

static int storm_fn(void *data)
{
	struct storm *s = data;

	while (!kthread_should_stop()) {
		preempt_disable();
		s->cpus_seen |= 1ULL << smp_processor_id();
		preempt_enable();
		schedule_timeout_interruptible(1);	/* sleep and wake, over and over */
		s->wakeups++;
	}
	return 0;
}

KTEST(smp_migration_storm_keeps_patch_state)
{
	static struct storm st[STORM_THREADS];
	struct task *w[STORM_THREADS];
	int n = num_online_cpus();
	u64 seed = 42;

	for (int i = 0; i < STORM_THREADS; i++) {
		st[i] = (struct storm){ 0 };
		w[i] = kthread_create(storm_fn, &st[i], "kt-storm/%d", i);
		KT_ASSERT(t, !IS_ERR(w[i]));
		/*
		 * A patch state no transition uses, and the flag it comes with:
		 * both belong to the task and must come through every move.
		 */
		w[i]->patch_state = KLP_PATCHED;
		wake_up_process(w[i]);
	}
	for (int m = 0; m < STORM_MOVES; m++) {
		struct task *x = w[m % STORM_THREADS];

		/* A pseudo-random CPU: a fixed pattern could beat with the sleeps below. */
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		KT_EXPECT_EQ(t, set_cpus_allowed(x, 1ULL << nth_cpu(seed >> 33)), 0);
		if (m % 8 == 7)
			msleep(1);
	}
	msleep(20);
	for (int i = 0; i < STORM_THREADS; i++) {
		KT_EXPECT_EQ(t, w[i]->patch_state, KLP_PATCHED);
		KT_EXPECT(t, !test_tsk_thread_flag(w[i], TIF_PATCH_PENDING));
		KT_EXPECT(t, st[i].wakeups > 0);
		if (n > 1 && !(st[i].cpus_seen & (st[i].cpus_seen - 1)))	/* ran on 2+ CPUs */
			ktest_fail(t, __FILE__, __LINE__, "kt-storm/%d ran only on CPUs %llx (%lu wakeups)",
				   i, (unsigned long long)st[i].cpus_seen, st[i].wakeups);
		w[i]->patch_state = KLP_UNDEFINED;
		KT_EXPECT_EQ(t, kthread_stop(w[i]), 0);
	}
}

/* A task bound to a CPU runs only there, running or woken. */
static int where_fn(void *data)
{
	u64 *seen = data;

	for (int i = 0; i < 50 && !kthread_should_stop(); i++) {
		preempt_disable();
		*seen |= 1ULL << smp_processor_id();
		preempt_enable();
		schedule_timeout_interruptible(1);
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

KTEST(smp_affinity_is_obeyed)
{
	u64 seen = 0;
	int cpu = nth_cpu(num_online_cpus() - 1);
	struct task *w = ktest_run_on_cpu(where_fn, &seen, cpu, "kt-where/%u");

	KT_ASSERT(t, w);
	msleep(100);
	KT_EXPECT_EQ(t, seen, 1ULL << cpu);
	KT_EXPECT_EQ(t, task_cpu(w), cpu);
	KT_EXPECT_EQ(t, set_cpus_allowed(w, 0), -EINVAL);	/* no CPU: refused, unchanged */
	KT_EXPECT_EQ(t, w->cpus_allowed, 1ULL << cpu);
	kthread_stop(w);
}

/* ---- TLB shootdown ---- */

static unsigned long tlb_va;
static volatile unsigned long tlb_read_val;
static volatile int tlb_req, tlb_ack;

/*
 * Spins (no sleep, no switch: nothing on its CPU flushes the TLB by the
 * way) and reads tlb_va each time the test asks.
 */
static int tlb_reader_fn(void *data)
{
	int seen = 0;

	while (!kthread_should_stop()) {
		int req = smp_load_acquire(&tlb_req);

		if (req == seen) {
			cpu_relax();
			continue;
		}
		tlb_read_val = READ_ONCE(*(volatile unsigned long *)tlb_va);
		seen = req;
		smp_store_release(&tlb_ack, req);
	}
	return 0;
}

/* The reader, on another CPU, reads tlb_va now; returns what it read. */
static unsigned long remote_read(void)
{
	int req = tlb_req + 1;
	u64 end = ktime_get_ns() + 5 * NSEC_PER_SEC;

	smp_store_release(&tlb_req, req);
	while (smp_load_acquire(&tlb_ack) != req && ktime_get_ns() < end)
		cpu_relax();
	return tlb_read_val;
}

KTEST(smp_tlb_shootdown_remap_seen_at_once)
{
	void *a = page_alloc_zeroed(1), *b = page_alloc_zeroed(1);
	struct task *r;
	int cpu;

	KT_ASSERT(t, a && b);
	*(unsigned long *)a = 0xaaaa;
	*(unsigned long *)b = 0xbbbb;
	tlb_va = SCRATCH_VADDR;
	tlb_req = tlb_ack = 0;
	preempt_disable();
	cpu = nth_cpu(smp_processor_id() + 1);
	preempt_enable();
	r = ktest_run_on_cpu(tlb_reader_fn, NULL, cpu, "kt-tlb/%u");
	KT_ASSERT(t, r);
	/*
	 * A neighbour keeps the page table alive: an emptied table is freed
	 * after a full flush of every CPU, which would hide a missing shootdown.
	 */
	KT_ASSERT(t, map_kernel_page(tlb_va + PAGE_SIZE, virt_to_phys(b), PTE_NX) == 0);
	KT_ASSERT(t, map_kernel_page(tlb_va, virt_to_phys(a), PTE_WRITE | PTE_NX | PTE_GLOBAL) == 0);
	for (int i = 0; i < 50; i++) {
		/* The reader caches the translation to one page ... */
		KT_EXPECT_EQ(t, remote_read(), 0xaaaa);
		/* ... which moves to the other one: it must see the change at once. */
		KT_EXPECT_EQ(t, unmap_kernel_page(tlb_va), virt_to_phys(a));
		flush_tlb_kernel_range(tlb_va, tlb_va + PAGE_SIZE);
		KT_ASSERT(t, map_kernel_page(tlb_va, virt_to_phys(b), PTE_WRITE | PTE_NX | PTE_GLOBAL) == 0);
		KT_EXPECT_EQ(t, remote_read(), 0xbbbb);
		KT_EXPECT_EQ(t, unmap_kernel_page(tlb_va), virt_to_phys(b));
		flush_tlb_kernel_range(tlb_va, tlb_va + PAGE_SIZE);
		KT_ASSERT(t, map_kernel_page(tlb_va, virt_to_phys(a), PTE_WRITE | PTE_NX | PTE_GLOBAL) == 0);
	}
	unmap_kernel_page(tlb_va);
	unmap_kernel_page(tlb_va + PAGE_SIZE);
	flush_tlb_kernel_range(tlb_va, tlb_va + 2 * PAGE_SIZE);
	kthread_stop(r);
	page_free(a, 1);
	page_free(b, 1);
}

/* ---- grace periods ---- */

KTEST(smp_synchronize_sched_with_a_lone_spinner)
{
	struct task *b = NULL;
	u64 t0;

	busy_count = 0;
	if (num_online_cpus() > 1) {
		preempt_disable();
		b = ktest_run_on_cpu(busy_fn, NULL, nth_cpu(smp_processor_id() + 1), "kt-lone/%u");
		preempt_enable();
		KT_ASSERT(t, b);
		KT_EXPECT(t, kt_wait_for(busy_count > 0, 5000));
	}
	t0 = ktime_get_ns();
	for (int i = 0; i < 10; i++)
		synchronize_sched();	/* must nudge the spinner's CPU, not wait for ever */
	KT_EXPECT(t, ktime_get_ns() - t0 < 5 * NSEC_PER_SEC);
	if (b)
		kthread_stop(b);
}

/* ---- seeds 000/003: a store that removes its own object, read from another CPU ---- */

#define SEED_ROUNDS 1000
#define SEED_MAGIC 0x5eed0000u

/* An object shaped like a klp_patch: "enabled" = 0 frees it from its own store. */
struct selfish {
	u32 magic;
	struct kobject kobj;
	int *released;
};

static void selfish_release(struct kobject *kobj)
{
	struct selfish *s = container_of(kobj, struct selfish, kobj);

	WARN_ON(s->magic != SEED_MAGIC);
	(*s->released)++;
	s->magic = 0;
	kfree(s);
}

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct selfish *s = container_of(kobj, struct selfish, kobj);

	/* a use after free would read kfree's poison here */
	return sysfs_emit(buf, "%d\n", s->magic == SEED_MAGIC);
}

static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			     size_t count)
{
	struct kernfs_node *kn;

	if (buf[0] != '0')
		return -EINVAL;
	/* the free path of seed 000: drop our own active reference, then remove */
	kn = sysfs_break_active_protection(kobj, &attr->attr);
	kobject_del(kobj);
	kobject_put(kobj);
	if (kn)
		sysfs_unbreak_active_protection(kn);
	return count;
}

static struct kobj_attribute selfish_enabled = __ATTR(enabled, 0644, enabled_show, enabled_store);
static struct attribute *selfish_attrs[] = { &selfish_enabled.attr, NULL };
static const struct attribute_group selfish_group = { .attrs = selfish_attrs };
static const struct attribute_group *selfish_groups[] = { &selfish_group, NULL };
static const struct kobj_type selfish_ktype = {
	.release = selfish_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = selfish_groups,
};

struct seed_reader {
	volatile bool go, stop, stopped;	/* the test's accounting excludes the thread itself */
	unsigned long reads_live, reads_gone, reads_bad;
	long last_bad;		/* the last unexpected read: its result, or the text's first byte */
};

/* Reads the object's file over and over, from another CPU than the store. */
static int seed_reader_fn(void *data)
{
	struct seed_reader *r = data;
	char buf[16];

	while (!READ_ONCE(r->go) && !READ_ONCE(r->stop))
		cond_resched();
	while (!READ_ONCE(r->stop)) {
		ssize_t n = ktest_read_file("/sys/kernel/ktest_seed/enabled", buf, sizeof(buf));

		if (n == 2 && buf[0] == '1')
			r->reads_live++;
		else if (n == -ENOENT || n == -ENODEV)
			r->reads_gone++;
		else {
			r->reads_bad++;	/* "0": the show ran on a freed object */
			r->last_bad = n == 2 ? buf[0] : n;
		}
		cond_resched();
	}
	WRITE_ONCE(r->stopped, true);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

KTEST(smp_seed000_store_frees_its_object_while_another_cpu_reads)
{
	struct kmalloc_stats before, after;
	struct seed_reader rd = { 0 };
	struct task *reader;
	int released = 0, cpu;

	preempt_disable();
	cpu = nth_cpu(smp_processor_id() + 1);
	preempt_enable();
	reader = ktest_run_on_cpu(seed_reader_fn, &rd, cpu, "kt-seed/%u");
	KT_ASSERT(t, reader);
	kmalloc_get_stats(&before);
	WRITE_ONCE(rd.go, true);
	for (int i = 0; i < SEED_ROUNDS; i++) {
		struct selfish *s = kzalloc(sizeof(*s), GFP_KERNEL);

		KT_ASSERT(t, s);
		s->magic = SEED_MAGIC;
		s->released = &released;
		if (kobject_init_and_add(&s->kobj, &selfish_ktype, kernel_kobj, "ktest_seed")) {
			kobject_put(&s->kobj);
			KT_ASSERT(t, false);
		}
		if (i % 4)	/* mostly let the reader in first */
			udelay(20);
		KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/ktest_seed/enabled", "0"), 0);
	}
	WRITE_ONCE(rd.stop, true);
	while (!READ_ONCE(rd.stopped))
		msleep(1);
	kmalloc_get_stats(&after);
	kthread_stop(reader);
	KT_EXPECT_EQ(t, released, SEED_ROUNDS);
	if (rd.reads_bad)
		ktest_fail(t, __FILE__, __LINE__, "%lu bad reads, the last one %ld", rd.reads_bad,
			   rd.last_bad);
	KT_EXPECT(t, rd.reads_live > 0);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/ktest_seed/enabled", "0"), -ENOENT);
}

/*
 * ---- regression: workqueue_cancel_vs_queue ----
 * queue_work() set PENDING and then linked the item with only IRQs off: a
 * cancel on another CPU could see PENDING, find nothing to unlink, report
 * the item cancelled and clear PENDING; the queue then linked it and it
 * ran as well, and a later queue could link it a second time. Each
 * successful queue must end exactly once: cancelled or run.
 */
#define WQ_RACE_ROUNDS 20000

static atomic_t wq_race_runs;
static volatile bool wq_race_done;
static unsigned long wq_race_queued;

static void wq_race_fn(struct work_struct *w)
{
	atomic_inc(&wq_race_runs);
}

static DECLARE_WORK(wq_race_work, wq_race_fn);

struct wq_race_ctx {
	struct workqueue_struct *wq;
};

static int wq_race_queuer(void *data)
{
	struct wq_race_ctx *ctx = data;

	for (int i = 0; i < WQ_RACE_ROUNDS; i++) {
		if (queue_work(ctx->wq, &wq_race_work))
			wq_race_queued++;
		if (!(i % 64))
			cond_resched();
	}
	WRITE_ONCE(wq_race_done, true);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

KTEST(smp_regression_workqueue_cancel_vs_queue)
{
	struct wq_race_ctx ctx = { .wq = alloc_workqueue("kt-wqrace", 0, 1) };
	unsigned long cancelled = 0;
	struct task *q;
	u64 old;

	KT_ASSERT(t, ctx.wq);
	atomic_set(&wq_race_runs, 0);
	wq_race_queued = 0;
	wq_race_done = false;
	old = ktest_pin_cpu();	/* the canceller here, the queuer on the next CPU */
	q = ktest_run_on_cpu(wq_race_queuer, &ctx, nth_cpu(smp_processor_id() + 1), "kt-wqrace/%u");
	if (!q)
		ktest_unpin_cpu(old);
	KT_ASSERT(t, q);
	while (!READ_ONCE(wq_race_done))
		cancelled += cancel_work_sync(&wq_race_work);
	kthread_stop(q);
	cancelled += cancel_work_sync(&wq_race_work);
	flush_workqueue(ctx.wq);
	ktest_unpin_cpu(old);
	KT_EXPECT(t, wq_race_queued > 0);
	KT_EXPECT_EQ(t, wq_race_queued, cancelled + atomic_read(&wq_race_runs));
	KT_EXPECT(t, !work_pending(&wq_race_work));
	destroy_workqueue(ctx.wq);
}
