/*
 * Workqueue tests: queue order, the PENDING rule (queue once), flush_work
 * waiting for a queued and for a running item, cancel_work_sync and
 * cancel_delayed_work_sync semantics, delayed work timing, self-requeueing
 * items, and a private workqueue's life cycle.
 */
#include <kelp/ktest.h>
#include <kelp/workqueue.h>
#include <kelp/completion.h>
#include <kelp/sched.h>
#include <kelp/time.h>
#include <kelp/timer.h>

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

KTEST(workqueue_runs_in_queue_order)
{
	static struct order_work ws[5];

	order_n = 0;
	for (int i = 0; i < 5; i++) {
		INIT_WORK(&ws[i].work, order_fn);
		ws[i].id = i;
		KT_EXPECT(t, schedule_work(&ws[i].work));
	}
	KT_EXPECT(t, !schedule_work(&ws[0].work) || order_n > 0);	/* pending: refused */
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
