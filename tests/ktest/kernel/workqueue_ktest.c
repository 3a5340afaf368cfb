/*
 * Workqueue tests: queue order, the PENDING rule (queue once), flush_work
 * waiting for a queued and for a running item, cancel_work_sync and
 * cancel_delayed_work_sync semantics, delayed work timing, self-requeueing
 * items, a private workqueue's life cycle, and (SMP) queue/re-arm/cancel
 * of one item from every CPU at once.
 */
#include <kelp/ktest.h>
#include <kelp/workqueue.h>
#include <kelp/completion.h>
#include <kelp/sched.h>
#include <kelp/time.h>
#include <kelp/timer.h>
#include <kelp/kthread.h>
#include <kelp/smp.h>
#include <kelp/atomic.h>

struct order_work {
	struct work_struct work;
	int id;
};

static int order_log[8];
static volatile int order_n;

static void order_fn(struct work_struct *w)
{
	struct order_work *ow = container_of(w, struct order_work, work);

	order_log[order_n++] = ow->id;
}

static DECLARE_COMPLETION(order_gate);

static void order_gate_fn(struct work_struct *w)
{
	wait_for_completion(&order_gate);
}

KTEST(workqueue_runs_in_queue_order)
{
	static struct order_work ws[5];
	static struct work_struct gate;

	/*
	 * The worker waits behind a gate item, so ws[0] is still queued when
	 * it is queued again (with SMP it could otherwise have been taken off
	 * the list, PENDING cleared, on another CPU already).
	 */
	order_n = 0;
	reinit_completion(&order_gate);
	INIT_WORK(&gate, order_gate_fn);
	KT_EXPECT(t, schedule_work(&gate));
	for (int i = 0; i < 5; i++) {
		INIT_WORK(&ws[i].work, order_fn);
		ws[i].id = i;
		KT_EXPECT(t, schedule_work(&ws[i].work));
	}
	KT_EXPECT(t, !schedule_work(&ws[0].work));	/* pending: refused */
	complete(&order_gate);
	flush_scheduled_work();
	KT_ASSERT(t, order_n >= 5);
	for (int i = 0; i < 5; i++)
		KT_EXPECT_EQ(t, order_log[i], i);
}

static struct completion slow_started, slow_go;
static volatile int slow_done;

static void slow_fn(struct work_struct *w)
{
	complete(&slow_started);
	wait_for_completion(&slow_go);
	slow_done = 1;
}

static volatile int counted;

/* Lets slow_fn finish from a timer, while the test sits in flush/cancel. */
static void release_slow_timer(struct timer_list *t)
{
	complete(&slow_go);
}

static void release_slow_later(struct timer_list *tm, unsigned long delay)
{
	timer_setup(tm, release_slow_timer, 0);
	mod_timer(tm, jiffies + delay);
}

static void count_fn(struct work_struct *w)
{
	counted++;
}

KTEST(workqueue_flush_and_cancel)
{
	static struct work_struct slow, other;
	struct timer_list tm;

	init_completion(&slow_started);
	init_completion(&slow_go);
	slow_done = 0;
	counted = 0;
	INIT_WORK(&slow, slow_fn);
	INIT_WORK(&other, count_fn);
	schedule_work(&slow);
	wait_for_completion(&slow_started);		/* slow is running now */
	KT_EXPECT(t, schedule_work(&other));		/* queued behind it */
	KT_EXPECT(t, cancel_work_sync(&other));		/* pending: dequeued */
	KT_EXPECT(t, !work_pending(&other));
	KT_EXPECT(t, !cancel_work_sync(&other));	/* nothing left */
	release_slow_later(&tm, 10);
	KT_EXPECT(t, flush_work(&slow));		/* waits for the running one */
	KT_EXPECT_EQ(t, slow_done, 1);
	KT_EXPECT(t, !flush_work(&slow));		/* idle: nothing to wait for */
	flush_scheduled_work();
	KT_EXPECT_EQ(t, counted, 0);			/* the cancelled item never ran */
	/* flush_work of a queued item runs it. */
	schedule_work(&other);
	flush_work(&other);
	KT_EXPECT_EQ(t, counted, 1);
}

KTEST(workqueue_cancel_sync_waits_for_running)
{
	static struct work_struct slow;
	struct timer_list tm;

	init_completion(&slow_started);
	init_completion(&slow_go);
	slow_done = 0;
	INIT_WORK(&slow, slow_fn);
	schedule_work(&slow);
	wait_for_completion(&slow_started);
	release_slow_later(&tm, 10);
	KT_EXPECT(t, !cancel_work_sync(&slow));	/* running, not pending */
	KT_EXPECT_EQ(t, slow_done, 1);		/* and it is over when cancel returns */
}

static volatile u64 delayed_ran_at;

static void delayed_fn(struct work_struct *w)
{
	delayed_ran_at = jiffies;
}

KTEST(workqueue_delayed_work)
{
	static struct delayed_work dw;
	u64 t0;

	INIT_DELAYED_WORK(&dw, delayed_fn);
	delayed_ran_at = 0;
	t0 = jiffies;
	KT_EXPECT(t, schedule_delayed_work(&dw, 20));
	KT_EXPECT(t, delayed_work_pending(&dw));
	KT_EXPECT(t, !schedule_delayed_work(&dw, 1));	/* already pending */
	msleep(40);
	flush_scheduled_work();
	KT_EXPECT(t, delayed_ran_at >= t0 + 20);	/* not before its delay */
	/* Cancelled before its timer: never runs. */
	delayed_ran_at = 0;
	schedule_delayed_work(&dw, 10);
	KT_EXPECT(t, cancel_delayed_work_sync(&dw));
	KT_EXPECT(t, !delayed_work_pending(&dw));
	msleep(20);
	KT_EXPECT_EQ(t, delayed_ran_at, 0);
	/* flush_delayed_work fires it at once. */
	schedule_delayed_work(&dw, 1000);
	KT_EXPECT(t, flush_delayed_work(&dw));
	KT_EXPECT(t, delayed_ran_at != 0);
	/* mod_delayed_work re-arms. */
	delayed_ran_at = 0;
	schedule_delayed_work(&dw, 1000);
	KT_EXPECT(t, mod_delayed_work(system_wq, &dw, 0));
	flush_scheduled_work();
	KT_EXPECT(t, delayed_ran_at != 0);
}

static volatile int requeues;
static struct work_struct requeue_work;

static void requeue_fn(struct work_struct *w)
{
	if (++requeues < 5)
		schedule_work(w);	/* PENDING was cleared before we ran */
}

KTEST(workqueue_self_requeue_and_private_queue)
{
	struct workqueue_struct *wq;

	requeues = 0;
	INIT_WORK(&requeue_work, requeue_fn);
	schedule_work(&requeue_work);
	for (int i = 0; i < 100 && requeues < 5; i++)
		msleep(1);
	KT_EXPECT_EQ(t, requeues, 5);
	wq = alloc_ordered_workqueue("kt-wq", 0);
	KT_ASSERT(t, wq != NULL);
	counted = 0;
	for (int i = 0; i < 3; i++) {
		static struct work_struct ws[3];

		INIT_WORK(&ws[i], count_fn);
		queue_work(wq, &ws[i]);
	}
	destroy_workqueue(wq);	/* drains first */
	KT_EXPECT_EQ(t, counted, 3);
}

/*
 * Regression (SMP): PENDING and the link were two steps. A
 * mod_delayed_work() or cancel on one CPU saw PENDING that another CPU had
 * just set and, finding the item not linked yet, linked it too: the item
 * then pointed at itself and the worker ran it forever (livepatch's
 * transition work; the stress ktest hung in flush_work on 2 CPUs). One
 * thread per CPU queues, re-arms and cancels one delayed item on a private
 * workqueue; afterwards a probe item must still run, and the hammered
 * item must run once when queued once.
 */
#define WQ_RACE_ROUNDS 20000

static struct delayed_work wq_race_dw;
static atomic_t wq_race_runs, wq_race_go, wq_race_left;

static void wq_race_fn(struct work_struct *w)
{
	atomic_inc(&wq_race_runs);
}

static void wq_probe_fn(struct work_struct *w)
{
	complete(&slow_started);
}

static int wq_race_thread(void *data)
{
	struct workqueue_struct *wq = data;
	u64 seed = (u64)smp_processor_id() * 7919 + 1;

	atomic_inc(&wq_race_go);
	while (atomic_read(&wq_race_go) < (long)num_online_cpus())
		cpu_relax();
	for (int i = 0; i < WQ_RACE_ROUNDS; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		switch ((seed >> 33) % 4) {
		case 0:
			mod_delayed_work(wq, &wq_race_dw, 0);
			break;
		case 1:
			queue_delayed_work(wq, &wq_race_dw, 0);
			break;
		case 2:
			mod_delayed_work(wq, &wq_race_dw, 1);
			break;
		default:
			cancel_delayed_work(&wq_race_dw);
			break;
		}
	}
	atomic_dec(&wq_race_left);
	return 0;
}

KTEST(workqueue_smp_pending_vs_link_race)
{
	static struct work_struct probe;
	struct workqueue_struct *wq = alloc_ordered_workqueue("kt-wq-race", 0);
	int cpu, n = 0, before;

	KT_ASSERT(t, wq != NULL);
	INIT_DELAYED_WORK(&wq_race_dw, wq_race_fn);
	atomic_set(&wq_race_runs, 0);
	atomic_set(&wq_race_go, 0);
	atomic_set(&wq_race_left, num_online_cpus());
	for_each_online_cpu(cpu) {
		struct task *k = kthread_create(wq_race_thread, wq, "kt-wqrace/%d", cpu);

		KT_ASSERT(t, !IS_ERR(k));
		kthread_bind(k, cpu);
		wake_up_process(k);
		n++;
	}
	while (atomic_read(&wq_race_left) > 0)
		msleep(1);
	cancel_delayed_work_sync(&wq_race_dw);
	KT_EXPECT(t, !delayed_work_pending(&wq_race_dw));
	/* a corrupted list never reaches the probe: its worker loops on the item */
	init_completion(&slow_started);
	INIT_WORK(&probe, wq_probe_fn);
	KT_EXPECT(t, queue_work(wq, &probe));
	KT_ASSERT(t, wait_for_completion_timeout(&slow_started, msecs_to_jiffies(2000)));
	before = atomic_read(&wq_race_runs);
	KT_EXPECT(t, queue_delayed_work(wq, &wq_race_dw, 0));
	flush_delayed_work(&wq_race_dw);
	KT_EXPECT_EQ(t, atomic_read(&wq_race_runs), before + 1);
	KT_EXPECT(t, n == (int)num_online_cpus());
	destroy_workqueue(wq);
}
