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
#include <kelp/kthread.h>

/* See wait.h. */
void init_waitqueue_head(struct wait_queue_head *q)
{
	/* a leaf lock, like the static initializer's: not validated */
	__spin_lock_init(&q->lock, NULL, NULL);
	INIT_LIST_HEAD(&q->head);
}
EXPORT_SYMBOL(init_waitqueue_head);

/* See wait.h. */
void init_wait_entry(struct wait_queue_entry *w, int flags)
{
	w->flags = flags;
	w->private = current;
	w->func = autoremove_wake_function;
	INIT_LIST_HEAD(&w->entry);
}
EXPORT_SYMBOL(init_wait_entry);

/*
 * w is off every queue, as seen without q->lock: both links point back at
 * w. The waker's autoremove_wake_function() writes prev last, with release
 * order, so once this is true the waker no longer touches w (Linux's
 * list_empty_careful/list_del_init_careful pair).
 */
static bool wait_entry_unqueued(struct wait_queue_entry *w)
{
	struct list_head *prev = smp_load_acquire(&w->entry.prev);

	return READ_ONCE(w->entry.next) == &w->entry && prev == &w->entry;
}

/* See wait.h. Non-exclusive waiters go first, so wake_up() reaches them all. */
void prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, int state)
{
	unsigned long flags;

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&w->entry))
		__add_wait_queue(q, w);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(prepare_to_wait);

/* See wait.h. */
bool prepare_to_wait_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w, int state)
{
	unsigned long flags;
	bool was_empty = false;

	w->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&w->entry)) {
		was_empty = list_empty(&q->head);
		__add_wait_queue_entry_tail(q, w);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
	return was_empty;
}
EXPORT_SYMBOL(prepare_to_wait_exclusive);

/*
 * See wait.h. On a signal the entry leaves the queue under q->lock: a
 * waker that comes after cannot pick this (exclusive) waiter and lose its
 * wake-up, and the caller's next test of the condition still sees one that
 * came before.
 */
long prepare_to_wait_event(struct wait_queue_head *q, struct wait_queue_entry *w, int state)
{
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&q->lock, flags);
	if ((state & TASK_INTERRUPTIBLE) && signal_pending(current)) {
		list_del_init(&w->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&w->entry)) {
			if (w->flags & WQ_FLAG_EXCLUSIVE)
				__add_wait_queue_entry_tail(q, w);
			else
				__add_wait_queue(q, w);
		}
		set_current_state(state);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return ret;
}
EXPORT_SYMBOL(prepare_to_wait_event);

/* See wait.h. */
void finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (wait_entry_unqueued(w))
		return;
	spin_lock_irqsave(&q->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(finish_wait);

/*
 * See wait.h. Linux's lives in kernel/sched/core.c; here it is
 * wake_up_state() on the entry's task (Kelp has no wake-up flags to honour).
 */
int default_wake_function(struct wait_queue_entry *w, unsigned int mode, int flags, void *key)
{
	(void)flags;
	(void)key;
	return wake_up_state(w->private, mode);
}
EXPORT_SYMBOL(default_wake_function);

/* See wait.h. The entry leaves the queue only if its task was woken. */
int autoremove_wake_function(struct wait_queue_entry *w, unsigned int mode, int flags, void *key)
{
	int ret = default_wake_function(w, mode, flags, key);

	if (ret) {
		__list_del(w->entry.prev, w->entry.next);
		WRITE_ONCE(w->entry.next, &w->entry);
		smp_store_release(&w->entry.prev, &w->entry);	/* see wait_entry_unqueued() */
	}
	return ret;
}
EXPORT_SYMBOL(autoremove_wake_function);

/*
 * See wait.h. The barriers pair as Linux documents: wait_woken() stores
 * its state, then reads WQ_FLAG_WOKEN; the waker stores the condition,
 * then WQ_FLAG_WOKEN, then reads the state (in wake_up_state, under the
 * run-queue lock). Either the sleeper sees the flag or the waker sees the
 * sleeping state; and the sleeper's clearing of the flag is ordered before
 * its next test of the condition.
 */
long wait_woken(struct wait_queue_entry *w, unsigned int mode, long timeout)
{
	set_current_state(mode);
	if (!(READ_ONCE(w->flags) & WQ_FLAG_WOKEN) && !kthread_should_stop())
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	smp_store_mb(w->flags, w->flags & ~WQ_FLAG_WOKEN);
	return timeout;
}
EXPORT_SYMBOL(wait_woken);

/* See wait.h and wait_woken(). */
int woken_wake_function(struct wait_queue_entry *w, unsigned int mode, int flags, void *key)
{
	smp_mb();
	w->flags |= WQ_FLAG_WOKEN;
	return default_wake_function(w, mode, flags, key);
}
EXPORT_SYMBOL(woken_wake_function);

/*
 * Calls the wake functions in queue order (q->lock held): a negative
 * return ends the walk, a waking one of an exclusive entry counts down
 * nr_exclusive. The next entry is read before the call, since the wake
 * function may take the current one off the queue. Returns what is left
 * of nr_exclusive.
 */
static int __wake_up_common(struct wait_queue_head *q, unsigned int mode, int nr_exclusive,
			    int wake_flags, void *key)
{
	struct wait_queue_entry *w, *n;

	list_for_each_entry_safe(w, n, &q->head, entry) {
		unsigned int flags = w->flags;
		int ret = w->func(w, mode, wake_flags, key);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	return nr_exclusive;
}

static int __wake_up_common_lock(struct wait_queue_head *q, unsigned int mode, int nr_exclusive,
				 int wake_flags, void *key)
{
	unsigned long flags;
	int left;

	spin_lock_irqsave(&q->lock, flags);
	left = __wake_up_common(q, mode, nr_exclusive, wake_flags, key);
	spin_unlock_irqrestore(&q->lock, flags);
	return nr_exclusive - left;
}

/* See wait.h. */
int __wake_up(struct wait_queue_head *q, unsigned int mode, int nr_exclusive, void *key)
{
	return __wake_up_common_lock(q, mode, nr_exclusive, 0, key);
}
EXPORT_SYMBOL(__wake_up);

/* See wait.h. */
void __wake_up_locked(struct wait_queue_head *q, unsigned int mode, int nr)
{
	__wake_up_common(q, mode, nr, 0, NULL);
}
EXPORT_SYMBOL(__wake_up_locked);

/* See wait.h. */
void __wake_up_locked_key(struct wait_queue_head *q, unsigned int mode, void *key)
{
	__wake_up_common(q, mode, 1, 0, key);
}
EXPORT_SYMBOL(__wake_up_locked_key);

/* See wait.h. */
void __wake_up_sync_key(struct wait_queue_head *q, unsigned int mode, void *key)
{
	if (!q)
		return;
	__wake_up_common_lock(q, mode, 1, WF_SYNC, key);
}
EXPORT_SYMBOL(__wake_up_sync_key);

/* See wait.h. */
void __wake_up_sync(struct wait_queue_head *q, unsigned int mode)
{
	__wake_up_sync_key(q, mode, NULL);
}
EXPORT_SYMBOL(__wake_up_sync);

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

/* See wait.h. Kelp does not account I/O wait: the plain sleeps. */
void io_schedule(void)
{
	schedule();
}
EXPORT_SYMBOL(io_schedule);

/* See wait.h. */
long io_schedule_timeout(long timeout)
{
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(io_schedule_timeout);

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
