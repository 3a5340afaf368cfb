/*
 * Wait queues, completions and timed sleeps. A waiter queues an entry and
 * sets its state under q->lock; a waker walks the queue under the same lock
 * and calls wake_up_state(), so a wake-up between "condition false" and
 * schedule() is never lost (the task is simply set running again).
 * Timed sleeps arm an on-stack timer whose callback wakes the task.
 */
#include <kelp/wait.h>
#include <kelp/completion.h>
#include <kelp/timer.h>
#include <kelp/time.h>
#include <kelp/errno.h>
#include <kelp/panic.h>
#include <kelp/export.h>

/* See wait.h. */
void init_waitqueue_head(struct wait_queue_head *q)
{
	/* a leaf lock, like the static initializer's: not validated */
	__spin_lock_init(&q->lock, NULL, NULL);
	INIT_LIST_HEAD(&q->head);
}
EXPORT_SYMBOL(init_waitqueue_head);

/* See wait.h. */
void init_wait_entry(struct wait_queue_entry *w, unsigned int flags)
{
	w->flags = flags;
	w->task = current;
	INIT_LIST_HEAD(&w->entry);
}
EXPORT_SYMBOL(init_wait_entry);

static void __prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &q->head);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* See wait.h. */
void prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, long state)
{
	__prepare_to_wait(q, w, state);
}
EXPORT_SYMBOL(prepare_to_wait);

/* See wait.h. */
void prepare_to_wait_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w, long state)
{
	w->flags |= WQ_FLAG_EXCLUSIVE;
	__prepare_to_wait(q, w, state);
}
EXPORT_SYMBOL(prepare_to_wait_exclusive);

/* See wait.h. */
void finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (list_empty(&w->entry))
		return;
	spin_lock_irqsave(&q->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(finish_wait);

/* Wakes waiters of q; q->lock held. */
static void __wake_up_locked(struct wait_queue_head *q, unsigned int mode, int nr_exclusive)
{
	struct wait_queue_entry *w, *n;

	list_for_each_entry_safe(w, n, &q->head, entry) {
		if (wake_up_state(w->task, mode) && (w->flags & WQ_FLAG_EXCLUSIVE) &&
		    !--nr_exclusive)
			break;
	}
}

/* See wait.h. */
void __wake_up(struct wait_queue_head *q, unsigned int mode, int nr_exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	__wake_up_locked(q, mode, nr_exclusive);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(__wake_up);

/* See wait.h. */
bool waitqueue_active(struct wait_queue_head *q)
{
	return !list_empty(&q->head);
}
EXPORT_SYMBOL(waitqueue_active);

/* ---- timed sleeps ---- */

struct sleep_timer {
	struct timer_list timer;
	struct task *task;
};

static void sleep_timer_fn(struct timer_list *t)
{
	struct sleep_timer *st = from_timer(st, t, timer);

	wake_up_process(st->task);
}

/* See sched.h. The caller has set its state (Linux's contract). */
long schedule_timeout(long tmo)
{
	struct sleep_timer st;
	u64 expire;
	long left;

	if (tmo == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return tmo;
	}
	if (tmo < 0) {
		WARN(1, "schedule_timeout: wrong timeout value %ld\n", tmo);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies + tmo;
	st.task = current;
	timer_setup(&st.timer, sleep_timer_fn, 0);
	mod_timer(&st.timer, expire);
	schedule();
	del_timer_sync(&st.timer);
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}
EXPORT_SYMBOL(schedule_timeout);

/* See sched.h. */
long schedule_timeout_interruptible(long tmo)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(tmo);
}
EXPORT_SYMBOL(schedule_timeout_interruptible);

/* See sched.h. */
long schedule_timeout_uninterruptible(long tmo)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(tmo);
}
EXPORT_SYMBOL(schedule_timeout_uninterruptible);

/* See sched.h. */
unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((u64)ms * HZ + 999) / 1000;
}
EXPORT_SYMBOL(msecs_to_jiffies);

/*
 * See sched.h. Ends by the TSC clock, not by counting ticks: a loaded host
 * may deliver late PIT ticks in a burst, which would end a sleep early,
 * or lose some, which would end one wait late; so no wait is longer than
 * MSLEEP_MAX_WAIT before the clock is looked at again (as nanosleep does).
 */
#define MSLEEP_MAX_WAIT (HZ / 20)

void msleep(unsigned int ms)
{
	u64 end = ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;

	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= end)
			return;
		schedule_timeout_uninterruptible(min((end - now) / (NSEC_PER_SEC / HZ) + 1,
						     (u64)MSLEEP_MAX_WAIT));
	}
}
EXPORT_SYMBOL(msleep);

/* See sched.h. */
unsigned long msleep_interruptible(unsigned int ms)
{
	long tmo = msecs_to_jiffies(ms) + 1;

	while (tmo && !signal_pending(current))
		tmo = schedule_timeout_interruptible(tmo);
	return (u64)tmo * 1000 / HZ;
}
EXPORT_SYMBOL(msleep_interruptible);

/* ---- completions ---- */

/* See completion.h. */
void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}
EXPORT_SYMBOL(init_completion);

/* See completion.h. */
void reinit_completion(struct completion *x)
{
	WRITE_ONCE(x->done, 0);
}
EXPORT_SYMBOL(reinit_completion);

/* Takes one "done" under the lock; true if there was one. */
static bool completion_take(struct completion *x)
{
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != UINT32_MAX)
			x->done--;
		ok = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ok;
}

/* See completion.h. */
void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, completion_take(x));
}
EXPORT_SYMBOL(wait_for_completion);

/* See completion.h. */
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long tmo)
{
	return wait_event_timeout(x->wait, completion_take(x), tmo);
}
EXPORT_SYMBOL(wait_for_completion_timeout);

/* See completion.h. */
int wait_for_completion_interruptible(struct completion *x)
{
	return wait_event_interruptible(x->wait, completion_take(x));
}
EXPORT_SYMBOL(wait_for_completion_interruptible);

/* See completion.h. */
bool try_wait_for_completion(struct completion *x)
{
	return completion_take(x);
}
EXPORT_SYMBOL(try_wait_for_completion);

/* See completion.h. */
bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
EXPORT_SYMBOL(completion_done);

/* See completion.h. */
void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT32_MAX)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);	/* under the lock: x may vanish after */
	spin_unlock_irqrestore(&x->wait.lock, flags);
}
EXPORT_SYMBOL(complete);

/* See completion.h. */
void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = UINT32_MAX;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}
EXPORT_SYMBOL(complete_all);
