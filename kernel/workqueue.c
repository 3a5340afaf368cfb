/*
 * Workqueues: one worker kthread per workqueue takes items off wq->list in
 * order and runs them. The PENDING bit says "queued or timer armed"; it is
 * set by whoever queues (test_and_set, so an item is queued once) and
 * cleared by the worker just before the function runs, so an item may
 * re-queue itself. cancel_*() "grabs" PENDING to keep others from queueing
 * while it dequeues and waits. flush uses barrier items (a completion)
 * inserted behind the item.
 * SMP: PENDING, the list links and a delayed item's timer change together
 * under wq_pending_lock, so nobody sees PENDING without the item being
 * linked, armed (WORK_DELAYED), or grabbed by a canceller. Without it, a
 * cancel or mod_delayed_work() on one CPU saw PENDING set by another CPU
 * before the item was linked, then both linked it: the item pointed at
 * itself and the worker ran it forever (the livepatch stress ktest hung
 * there on 2 CPUs; ktest workqueue_smp_pending_vs_link_race).
 * Lock order: wq_pending_lock, then wq->lock or timer_lock; wake-ups are
 * made after both are dropped. wq->lock (irqsave) guards wq->list, every
 * entry on it and wq->current_work; it nests inside timer callbacks and
 * outside rq->lock.
 */
#include <kelp/workqueue.h>
#include <kelp/completion.h>
#include <kelp/kthread.h>
#include <kelp/atomic.h>
#include <kelp/panic.h>
#include <kelp/string.h>
#include <kelp/mm.h>
#include <kelp/time.h>
#include <kelp/export.h>

struct workqueue_struct {
	char name[24];
	spinlock_t lock;
	struct list_head list;			/* queued items, FIFO */
	struct work_struct *current_work;	/* running now, or NULL */
	struct task *worker;
	struct wait_queue_head more;		/* the worker waits for items */
	struct wait_queue_head done;		/* cancel waits for current_work to change */
};

struct wq_barrier {
	struct work_struct work;
	struct completion done;
};

/*
 * A delayed item whose timer is armed (or fired and not yet linked by its
 * callback); cleared by the callback when it links the item, or by a
 * canceller, which then owns PENDING (the late callback does nothing).
 */
#define WORK_DELAYED_BIT 1

static DEFINE_SPINLOCK(wq_pending_lock);

struct workqueue_struct *system_wq;
EXPORT_SYMBOL(system_wq);
/*
 * Linux's other system workqueues, for modules that pick one: Kelp has one
 * kind of worker, so they are all system_wq (set with it at boot).
 */
struct workqueue_struct *system_highpri_wq;
EXPORT_SYMBOL(system_highpri_wq);
struct workqueue_struct *system_long_wq;
EXPORT_SYMBOL(system_long_wq);
struct workqueue_struct *system_unbound_wq;
EXPORT_SYMBOL(system_unbound_wq);
struct workqueue_struct *system_freezable_wq;
EXPORT_SYMBOL(system_freezable_wq);
struct workqueue_struct *system_power_efficient_wq;
EXPORT_SYMBOL(system_power_efficient_wq);
struct workqueue_struct *system_freezable_power_efficient_wq;
EXPORT_SYMBOL(system_freezable_power_efficient_wq);

/* Takes the next item, marking it running; NULL if none. */
static struct work_struct *worker_next(struct workqueue_struct *wq)
{
	struct work_struct *w;
	unsigned long flags;

	spin_lock_irqsave(&wq_pending_lock, flags);
	spin_lock(&wq->lock);
	w = list_first_entry_or_null(&wq->list, struct work_struct, entry);
	if (w) {
		list_del_init(&w->entry);
		clear_bit(WORK_STRUCT_PENDING_BIT, &w->data);
		wq->current_work = w;
	}
	spin_unlock(&wq->lock);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	return w;
}

static void worker_done(struct workqueue_struct *wq)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	wq->current_work = NULL;
	spin_unlock_irqrestore(&wq->lock, flags);
	wake_up_all(&wq->done);
}

static int worker_thread(void *data)
{
	struct workqueue_struct *wq = data;

	for (;;) {
		struct work_struct *w = worker_next(wq);

		if (!w) {
			if (kthread_should_stop())
				return 0;
			wait_event_interruptible(wq->more, !list_empty(&wq->list) ||
						 kthread_should_stop());
			flush_signals(current);
			continue;
		}
		w->func(w);	/* may free or re-queue w: not touched after */
		worker_done(wq);
		cond_resched();
	}
}

/* See workqueue.h. */
struct workqueue_struct *alloc_workqueue(const char *name, unsigned int flags, int max_active)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);

	if (!wq)
		return NULL;
	strlcpy(wq->name, name, sizeof(wq->name));
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->list);
	init_waitqueue_head(&wq->more);
	init_waitqueue_head(&wq->done);
	wq->worker = kthread_run(worker_thread, wq, "%s", name);
	if (IS_ERR(wq->worker)) {
		kfree(wq);
		return NULL;
	}
	return wq;
}
EXPORT_SYMBOL(alloc_workqueue);

/* See workqueue.h. */
void destroy_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
	kthread_stop(wq->worker);
	kfree(wq);
}
EXPORT_SYMBOL(destroy_workqueue);

/* See workqueue.h. */
void workqueue_init(void)
{
	system_wq = alloc_workqueue("kworker/0", 0, 0);
	if (!system_wq)
		panic("workqueue: cannot start the system workqueue");
	system_highpri_wq = system_long_wq = system_unbound_wq = system_wq;
	system_freezable_wq = system_power_efficient_wq = system_wq;
	system_freezable_power_efficient_wq = system_wq;
}

/*
 * Links work (PENDING already set by the caller) at the tail of wq->list,
 * or at its head. wq_pending_lock held; the caller wakes the worker after
 * dropping it (wq_wake).
 */
static void wq_link(struct workqueue_struct *wq, struct work_struct *work, bool head)
{
	spin_lock(&wq->lock);
	work->wq = wq;
	if (head)
		list_add(&work->entry, &wq->list);
	else
		list_add_tail(&work->entry, &wq->list);
	spin_unlock(&wq->lock);
}

static void wq_wake(struct workqueue_struct *wq)
{
	wake_up(&wq->more);
}

/* Links work (PENDING already set) and wakes the worker; any context. */
static void __queue_work(struct workqueue_struct *wq, struct work_struct *work, bool head)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_pending_lock, flags);
	wq_link(wq, work, head);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	wq_wake(wq);
}

/* See workqueue.h. */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool queued;

	spin_lock_irqsave(&wq_pending_lock, flags);	/* PENDING and the link change as one */
	queued = !test_and_set_bit(WORK_STRUCT_PENDING_BIT, &work->data);
	if (queued)
		wq_link(wq, work, false);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	if (queued)
		wq_wake(wq);
	return queued;
}
EXPORT_SYMBOL(queue_work);

/* See workqueue.h. */
bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}
EXPORT_SYMBOL(schedule_work);

/*
 * See workqueue.h. IRQ context (timer). Links the item unless a canceller
 * took it meanwhile (WORK_DELAYED cleared) or re-armed its timer (this
 * callback is then the old expiry's: the new one links it).
 */
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dw = from_timer(dw, t, timer);
	unsigned long flags;
	bool link;

	spin_lock_irqsave(&wq_pending_lock, flags);
	link = test_bit(WORK_DELAYED_BIT, &dw->work.data) && !timer_pending(&dw->timer);
	if (link) {
		clear_bit(WORK_DELAYED_BIT, &dw->work.data);
		wq_link(dw->wq, &dw->work, false);
	}
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	if (link)
		wq_wake(dw->wq);
}
EXPORT_SYMBOL(delayed_work_timer_fn);

/*
 * Arms dw (PENDING held by the caller) or, with no delay, links it.
 * wq_pending_lock held; returns whether the worker needs a wake-up.
 */
static bool __queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw,
				 unsigned long delay)
{
	dw->wq = wq;
	dw->work.wq = wq;
	if (!delay) {
		wq_link(wq, &dw->work, false);
		return true;
	}
	set_bit(WORK_DELAYED_BIT, &dw->work.data);
	dw->timer.function = delayed_work_timer_fn;
	mod_timer(&dw->timer, jiffies + delay);
	return false;
}

/* See workqueue.h. */
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay)
{
	unsigned long flags;
	bool queued, wake = false;

	spin_lock_irqsave(&wq_pending_lock, flags);
	queued = !test_and_set_bit(WORK_STRUCT_PENDING_BIT, &dw->work.data);
	if (queued)
		wake = __queue_delayed_work(wq, dw, delay);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	if (wake)
		wq_wake(wq);
	return queued;
}
EXPORT_SYMBOL(queue_delayed_work);

/* See workqueue.h. */
bool schedule_delayed_work(struct delayed_work *dw, unsigned long delay)
{
	return queue_delayed_work(system_wq, dw, delay);
}
EXPORT_SYMBOL(schedule_delayed_work);

/*
 * Takes PENDING for the caller, removing the item from its list or its
 * timer. wq_pending_lock held. Returns 1 if it was pending, 0 if it was
 * idle (both: the caller owns PENDING now and clears it, or re-queues),
 * -1 if another canceller owns it (neither linked nor armed): the caller
 * must leave it alone. A timer callback already past its dequeue finds
 * WORK_DELAYED cleared and does nothing.
 * Invariant: PENDING set means linked, armed (WORK_DELAYED) or owned by
 * one canceller; only that owner (or the worker, taking the item off its
 * list) clears it. A canceller that cleared PENDING after someone else had
 * re-queued the item left it linked without PENDING, and the next queue
 * linked it twice.
 */
static int __grab_pending(struct work_struct *work, struct delayed_work *dw)
{
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, &work->data))
		return 0;
	if (dw && test_and_clear_bit(WORK_DELAYED_BIT, &work->data)) {
		del_timer(&dw->timer);
		return 1;
	}
	if (!list_empty(&work->entry)) {
		spin_lock(&work->wq->lock);
		list_del_init(&work->entry);
		spin_unlock(&work->wq->lock);
		return 1;
	}
	return -1;
}

static int grab_pending(struct work_struct *work, struct delayed_work *dw)
{
	unsigned long flags;
	int was;

	spin_lock_irqsave(&wq_pending_lock, flags);
	was = __grab_pending(work, dw);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	return was;
}

/* Sleeps while work runs on its workqueue. */
static void wait_not_running(struct work_struct *work)
{
	struct workqueue_struct *wq = work->wq;

	if (wq)
		wait_event(wq->done, READ_ONCE(wq->current_work) != work);
}

/* See workqueue.h. A cancel in progress wins: the item is left alone (false). */
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay)
{
	unsigned long flags;
	bool wake = false;
	int was;

	spin_lock_irqsave(&wq_pending_lock, flags);
	was = __grab_pending(&dw->work, dw);
	if (was >= 0)
		wake = __queue_delayed_work(wq, dw, delay);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	if (wake)
		wq_wake(wq);
	return was > 0;
}
EXPORT_SYMBOL(mod_delayed_work);

/* See workqueue.h. */
bool cancel_work_sync(struct work_struct *work)
{
	int was = grab_pending(work, NULL);

	wait_not_running(work);
	if (was >= 0)
		clear_bit(WORK_STRUCT_PENDING_BIT, &work->data);	/* ours: not linked */
	return was > 0;
}
EXPORT_SYMBOL(cancel_work_sync);

/* See workqueue.h. */
bool cancel_delayed_work_sync(struct delayed_work *dw)
{
	int was = grab_pending(&dw->work, dw);

	wait_not_running(&dw->work);
	if (was >= 0)
		clear_bit(WORK_STRUCT_PENDING_BIT, &dw->work.data);
	return was > 0;
}
EXPORT_SYMBOL(cancel_delayed_work_sync);

/* See workqueue.h. */
bool cancel_delayed_work(struct delayed_work *dw)
{
	int was = grab_pending(&dw->work, dw);

	if (was >= 0)
		clear_bit(WORK_STRUCT_PENDING_BIT, &dw->work.data);
	return was > 0;
}
EXPORT_SYMBOL(cancel_delayed_work);

/* See workqueue.h. */
bool cancel_work(struct work_struct *work)
{
	int was = grab_pending(work, NULL);

	if (was >= 0)
		clear_bit(WORK_STRUCT_PENDING_BIT, &work->data);
	return was > 0;
}
EXPORT_SYMBOL(cancel_work);

/* See workqueue.h. */
unsigned int work_busy(struct work_struct *work)
{
	struct workqueue_struct *wq = READ_ONCE(work->wq);
	unsigned int busy = work_pending(work) ? WORK_BUSY_PENDING : 0;

	if (wq && READ_ONCE(wq->current_work) == work)
		busy |= WORK_BUSY_RUNNING;
	return busy;
}
EXPORT_SYMBOL(work_busy);

/* See workqueue.h. A worker is the kthread running worker_thread on its wq. */
struct work_struct *current_work(void)
{
	struct workqueue_struct *wq;

	if (kthread_func(current) != (void *)worker_thread)
		return NULL;
	wq = kthread_data(current);
	return READ_ONCE(wq->current_work);
}
EXPORT_SYMBOL(current_work);

/* See workqueue.h. */
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active)
{
	(void)wq;
	(void)max_active;
}
EXPORT_SYMBOL(workqueue_set_max_active);

/* See workqueue.h. */
bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	(void)cpu;
	return !list_empty(&wq->list);
}
EXPORT_SYMBOL(workqueue_congested);

/* See workqueue.h. IRQ context is a hard IRQ on this CPU (timer callbacks included). */
int execute_in_process_context(work_func_t fn, struct execute_work *ew)
{
	if (!this_cpu()->hardirq_depth) {
		fn(&ew->work);
		return 0;
	}
	INIT_WORK(&ew->work, fn);
	schedule_work(&ew->work);
	return 1;
}
EXPORT_SYMBOL(execute_in_process_context);

static void barrier_fn(struct work_struct *work)
{
	struct wq_barrier *b = container_of(work, struct wq_barrier, work);

	complete(&b->done);
}

static void barrier_init(struct wq_barrier *b)
{
	INIT_WORK(&b->work, barrier_fn);
	set_bit(WORK_STRUCT_PENDING_BIT, &b->work.data);
	init_completion(&b->done);
}

/*
 * Puts barrier b right behind work if work is queued, or first in line if
 * it is running; false if it is neither (nothing to wait for).
 */
static bool insert_barrier(struct work_struct *work, struct wq_barrier *b)
{
	struct workqueue_struct *wq = work->wq;
	unsigned long flags;
	bool ok = true;

	if (!wq)
		return false;
	barrier_init(b);
	b->work.wq = wq;
	spin_lock_irqsave(&wq->lock, flags);
	if (work_pending(work) && !list_empty(&work->entry))
		list_add(&b->work.entry, &work->entry);		/* right behind work */
	else if (wq->current_work == work)
		list_add(&b->work.entry, &wq->list);		/* next to run */
	else
		ok = false;
	spin_unlock_irqrestore(&wq->lock, flags);
	return ok;
}

static void wait_barrier(struct workqueue_struct *wq, struct wq_barrier *b)
{
	wq_wake(wq);
	wait_for_completion(&b->done);
}

/* See workqueue.h. */
bool flush_work(struct work_struct *work)
{
	struct wq_barrier b;

	if (!insert_barrier(work, &b))
		return false;
	wait_barrier(work->wq, &b);
	return true;
}
EXPORT_SYMBOL(flush_work);

/*
 * See workqueue.h. An armed timer is fired now: the item is linked and
 * the barrier put behind it in one wq_pending_lock section, so a worker
 * on another CPU cannot run the item before the flush waits for it.
 */
bool flush_delayed_work(struct delayed_work *dw)
{
	struct wq_barrier b;
	unsigned long flags;
	bool queued;

	spin_lock_irqsave(&wq_pending_lock, flags);
	if (test_and_clear_bit(WORK_DELAYED_BIT, &dw->work.data)) {
		/* run it now; a callback already past its dequeue leaves it */
		del_timer(&dw->timer);
		wq_link(dw->wq, &dw->work, false);
	}
	queued = insert_barrier(&dw->work, &b);
	spin_unlock_irqrestore(&wq_pending_lock, flags);
	if (queued)
		wait_barrier(dw->work.wq, &b);
	return queued;
}
EXPORT_SYMBOL(flush_delayed_work);

/* See workqueue.h. */
void flush_workqueue(struct workqueue_struct *wq)
{
	struct wq_barrier b;

	barrier_init(&b);
	__queue_work(wq, &b.work, false);
	wait_for_completion(&b.done);
}
EXPORT_SYMBOL(flush_workqueue);

/*
 * See workqueue.h. A flush waits for what was queued before it; an item
 * that re-queues itself lands behind the barrier, so flush again until,
 * when the barrier has run, nothing is linked and nothing but the barrier
 * is running (the worker may already be in the next item when the
 * barrier's completion wakes us).
 */
void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned long flags;
	bool idle;

	do {
		struct wq_barrier b;
		struct work_struct *cur;

		barrier_init(&b);
		__queue_work(wq, &b.work, false);
		wait_for_completion(&b.done);
		spin_lock_irqsave(&wq->lock, flags);
		cur = wq->current_work;
		idle = list_empty(&wq->list) && (!cur || cur == &b.work);
		spin_unlock_irqrestore(&wq->lock, flags);
	} while (!idle);
}
EXPORT_SYMBOL(drain_workqueue);

/* See workqueue.h. */
void flush_scheduled_work(void)
{
	flush_workqueue(system_wq);
}
EXPORT_SYMBOL(flush_scheduled_work);

/*
 * The out-of-line names Linux's inline queue_work(), queue_delayed_work(),
 * mod_delayed_work() and flush_workqueue() call. Kelp's workers are not
 * per-CPU: cpu (WORK_CPU_UNBOUND or a CPU number) only says where Linux
 * would prefer to run the item.
 */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	(void)cpu;
	return queue_work(wq, work);
}
EXPORT_SYMBOL(queue_work_on);

/* See queue_work_on. */
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dw,
			   unsigned long delay)
{
	(void)cpu;
	return queue_delayed_work(wq, dw, delay);
}
EXPORT_SYMBOL(queue_delayed_work_on);

/* See queue_work_on. */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dw,
			 unsigned long delay)
{
	(void)cpu;
	return mod_delayed_work(wq, dw, delay);
}
EXPORT_SYMBOL(mod_delayed_work_on);

/* See queue_work_on. */
void __flush_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
}
EXPORT_SYMBOL(__flush_workqueue);
