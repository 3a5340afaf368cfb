/*
 * The scheduler-side helpers Linux exports, built on Kelp's primitives
 * (kernel/sched/): usleep_range, the other schedule_timeout_* states, the
 * jiffies and ktime conversions of <linux/jiffies.h>, completion, mutex
 * and wait-queue variants, kthread_create_on_node and friends, and the
 * out-of-line names Linux's inline helpers call. They live apart from
 * kernel/sched/ so that the scheduler's rewrite does not carry them.
 */
#include <kelp/sched.h>
#include <kelp/sched_linux.h>
#include <kelp/time.h>
#include <kelp/export.h>
#include <kelp/wait.h>
#include <kelp/completion.h>
#include <kelp/mutex.h>
#include <kelp/atomic.h>
#include <kelp/kthread.h>
#include <kelp/string.h>
#include <kelp/errno.h>

/*
 * Sleeps at least min_us microseconds (task context). The tick is 1 ms, so
 * a sleep is whole ticks, ended by the TSC clock as msleep's; max_us is
 * the slack Linux may use to merge wakeups, which a tick already exceeds.
 */
void usleep_range(unsigned long min_us, unsigned long max_us)
{
	u64 end = ktime_get_ns() + (u64)min_us * NSEC_PER_USEC;

	(void)max_us;
	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= end)
			return;
		schedule_timeout_uninterruptible((end - now) / (NSEC_PER_SEC / HZ) + 1);
	}
}
EXPORT_SYMBOL(usleep_range);

/* See sched.h. Kelp has no fatal-signal-only sleep: a killable sleep is uninterruptible. */
long schedule_timeout_killable(long tmo)
{
	return schedule_timeout_uninterruptible(tmo);
}
EXPORT_SYMBOL(schedule_timeout_killable);

/* See sched.h. Idle sleeps do not count as load; Kelp keeps no load average. */
long schedule_timeout_idle(long tmo)
{
	return schedule_timeout_uninterruptible(tmo);
}
EXPORT_SYMBOL(schedule_timeout_idle);

/* See <linux/jiffies.h>. Any context. */
unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (u64)j * 1000 / HZ;
}
EXPORT_SYMBOL(jiffies_to_msecs);

/* See <linux/jiffies.h>. */
unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (u64)j * 1000000 / HZ;
}
EXPORT_SYMBOL(jiffies_to_usecs);

/* See <linux/jiffies.h>. Rounds up, as msecs_to_jiffies. */
unsigned long usecs_to_jiffies(const unsigned int us)
{
	return ((u64)us * HZ + 999999) / 1000000;
}
EXPORT_SYMBOL(usecs_to_jiffies);

/* See <linux/jiffies.h>. */
unsigned long nsecs_to_jiffies(u64 n)
{
	return n / (NSEC_PER_SEC / HZ);
}
EXPORT_SYMBOL(nsecs_to_jiffies);

/* See <linux/jiffies.h>. */
u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}
EXPORT_SYMBOL(jiffies_to_nsecs);

/*
 * Linux's out-of-line names behind its inline helpers, for modules and
 * for the export comparison (docs/linux-exports.md): cond_resched(),
 * usleep_range(), msecs_to_jiffies(), usecs_to_jiffies() and
 * init_waitqueue_head() call these in Linux.
 */
int __cond_resched(void)
{
	return cond_resched();
}
EXPORT_SYMBOL(__cond_resched);

/* See __cond_resched. Only TASK_UNINTERRUPTIBLE sleeps are told apart here. */
void usleep_range_state(unsigned long min_us, unsigned long max_us, unsigned int state)
{
	(void)state;
	usleep_range(min_us, max_us);
}
EXPORT_SYMBOL(usleep_range_state);

/* See __cond_resched. */
unsigned long __msecs_to_jiffies(const unsigned int m)
{
	return msecs_to_jiffies(m);
}
EXPORT_SYMBOL(__msecs_to_jiffies);

/* See __cond_resched. */
unsigned long __usecs_to_jiffies(const unsigned int u)
{
	return usecs_to_jiffies(u);
}
EXPORT_SYMBOL(__usecs_to_jiffies);

/* See __cond_resched. Lock-class keys are lockdep's; Kelp's lockdep keys by lock. */
void __init_waitqueue_head(struct wait_queue_head *q, const char *name, void *key)
{
	(void)name;
	(void)key;
	init_waitqueue_head(q);
}
EXPORT_SYMBOL(__init_waitqueue_head);

/* jiffies are 64 bits already: the 64-bit conversions are the plain ones. */
u64 nsecs_to_jiffies64(u64 n)
{
	return nsecs_to_jiffies(n);
}
EXPORT_SYMBOL(nsecs_to_jiffies64);

/* See nsecs_to_jiffies64. */
u64 jiffies64_to_nsecs(u64 j)
{
	return jiffies_to_nsecs(j);
}
EXPORT_SYMBOL(jiffies64_to_nsecs);

/* See nsecs_to_jiffies64. */
u64 jiffies64_to_msecs(u64 j)
{
	return j * 1000 / HZ;
}
EXPORT_SYMBOL(jiffies64_to_msecs);

/*
 * round_jiffies*: j rounded to a whole second so that timers of the same
 * second fire together (Linux's purpose; without its per-CPU skew). Never
 * earlier than j when rounding up, and never in the past.
 */
static unsigned long round_second(unsigned long j, bool up)
{
	unsigned long r = up ? (j + HZ - 1) / HZ * HZ : (j + HZ / 2) / HZ * HZ;

	return (long)(r - jiffies) <= 0 ? j : r;
}

unsigned long round_jiffies(unsigned long j)
{
	return round_second(j, false);
}
EXPORT_SYMBOL(round_jiffies);

unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long now = jiffies;

	return round_second(j + now, false) - now;
}
EXPORT_SYMBOL(round_jiffies_relative);

unsigned long round_jiffies_up(unsigned long j)
{
	return round_second(j, true);
}
EXPORT_SYMBOL(round_jiffies_up);

unsigned long round_jiffies_up_relative(unsigned long j)
{
	unsigned long now = jiffies;

	return round_second(j + now, true) - now;
}
EXPORT_SYMBOL(round_jiffies_up_relative);

/*
 * The completion waits Linux has beyond kernel/sched/wait.c's. Kelp has
 * no fatal-signal-only sleep, so a killable wait is an uninterruptible one
 * (it returns 0 / the jiffies left). The interruptible timeout returns the
 * jiffies left (at least 1), 0 on timeout, -ERESTARTSYS on a signal.
 */
int wait_for_completion_killable(struct completion *x)
{
	wait_for_completion(x);
	return 0;
}
EXPORT_SYMBOL(wait_for_completion_killable);

long wait_for_completion_killable_timeout(struct completion *x, unsigned long tmo)
{
	return wait_for_completion_timeout(x, tmo);
}
EXPORT_SYMBOL(wait_for_completion_killable_timeout);

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long tmo)
{
	return wait_event_interruptible_timeout(x->wait, try_wait_for_completion(x), (long)tmo);
}
EXPORT_SYMBOL(wait_for_completion_interruptible_timeout);

/* See wait_for_completion_killable: a killable mutex wait is uninterruptible. Returns 0. */
int mutex_lock_killable(struct mutex *m)
{
	mutex_lock(m);
	return 0;
}
EXPORT_SYMBOL(mutex_lock_killable);

/* Linux's: decrements cnt; if it reaches 0, returns true with lock held. */
bool atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
	if (atomic_add_unless(cnt, -1, 1))	/* not the last: no lock needed */
		return false;
	mutex_lock(lock);
	if (!atomic_dec_and_test(cnt)) {
		mutex_unlock(lock);
		return false;
	}
	return true;
}
EXPORT_SYMBOL(atomic_dec_and_mutex_lock);

/*
 * The monotonic clock under Linux's ktime names: nanoseconds since boot
 * from the TSC (ktime_get_ns). Kelp has one clock, so the raw and the
 * NMI-safe fast variants read the same one. Any context.
 */
ktime_t ktime_get(void)
{
	return ktime_get_ns();
}
EXPORT_SYMBOL(ktime_get);

ktime_t ktime_get_raw(void)
{
	return ktime_get_ns();
}
EXPORT_SYMBOL(ktime_get_raw);

u64 ktime_get_mono_fast_ns(void)
{
	return ktime_get_ns();
}
EXPORT_SYMBOL(ktime_get_mono_fast_ns);

/* The monotonic clock as seconds and nanoseconds. */
void ktime_get_ts64(struct timespec64 *ts)
{
	u64 ns = ktime_get_ns();

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}
EXPORT_SYMBOL(ktime_get_ts64);

/*
 * The realtime clock: Kelp reads no battery clock, so it starts at the
 * epoch at boot (as CLOCK_REALTIME for user space, docs/userland.md) and
 * equals the monotonic one. Any context.
 */
void ktime_get_real_ts64(struct timespec64 *ts)
{
	ktime_get_ts64(ts);
}
EXPORT_SYMBOL(ktime_get_real_ts64);

/* Linux's ktime_get() plus a clock base's offset: every Kelp offset is 0. Any context. */
ktime_t ktime_get_with_offset(enum tk_offsets offs)
{
	(void)offs;
	return ktime_get();
}
EXPORT_SYMBOL(ktime_get_with_offset);

/* Linux's jiffies <-> timespec64 conversions. */
void jiffies_to_timespec64(const unsigned long j, struct timespec64 *ts)
{
	u64 ns = jiffies_to_nsecs(j);

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}
EXPORT_SYMBOL(jiffies_to_timespec64);

unsigned long timespec64_to_jiffies(const struct timespec64 *ts)
{
	return nsecs_to_jiffies((u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec + NSEC_PER_SEC / HZ - 1);
}
EXPORT_SYMBOL(timespec64_to_jiffies);

/* See sched_linux.h. A plain store: task_nice() readers want a value, not an order. */
void set_user_nice(struct task *t, long nice)
{
	if (nice < MIN_NICE)
		nice = MIN_NICE;
	if (nice > MAX_NICE)
		nice = MAX_NICE;
	WRITE_ONCE(t->nice, (int)nice);
}
EXPORT_SYMBOL(set_user_nice);

/* See sched_linux.h. */
int task_nice(const struct task *t)
{
	return READ_ONCE(t->nice);
}
EXPORT_SYMBOL(task_nice);

/* See sched_linux.h. The run-queue count is read without its lock, as Linux's. */
int yield_to(struct task *p, bool preempt)
{
	unsigned int others;

	(void)preempt;
	if (p == current || READ_ONCE(p->state) != TASK_RUNNING || READ_ONCE(p->on_cpu))
		return 0;
	preempt_disable();
	others = READ_ONCE(this_cpu()->rq.nr_running);
	preempt_enable();
	if (!others)
		return -ESRCH;
	yield();
	return 1;
}
EXPORT_SYMBOL(yield_to);

/* See sched_linux.h. nr_running counts the queued tasks, not the running one. */
bool single_task_running(void)
{
	bool alone;

	preempt_disable();
	alone = !READ_ONCE(this_cpu()->rq.nr_running);
	preempt_enable();
	return alone;
}
EXPORT_SYMBOL(single_task_running);

/* See sched_linux.h. */
void wait_for_completion_io(struct completion *x)
{
	wait_for_completion(x);
}
EXPORT_SYMBOL(wait_for_completion_io);

unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_completion_timeout(x, timeout);
}
EXPORT_SYMBOL(wait_for_completion_io_timeout);

/*
 * Linux's add_wait_queue/remove_wait_queue: queue an entry made with
 * init_wait_entry() by hand (the caller sets its state and schedules
 * itself); exclusive entries go last, as Linux's. Any context.
 */
void add_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	list_add(&w->entry, &q->head);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(add_wait_queue);

void add_wait_queue_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	w->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&w->entry, &q->head);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(add_wait_queue_exclusive);

void remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&q->lock, flags);
}
EXPORT_SYMBOL(remove_wait_queue);

/*
 * See kthread.h. Linux's out-of-line name of kthread_create (node is
 * ignored: one memory node). The name is formatted here and handed over
 * whole, as kthread_create truncates it to TASK_COMM_LEN anyway.
 */
struct task *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
				    const char *namefmt, ...)
{
	char comm[TASK_COMM_LEN];
	va_list ap;

	(void)node;
	va_start(ap, namefmt);
	vscnprintf(comm, sizeof(comm), namefmt, ap);
	va_end(ap);
	return kthread_create(threadfn, data, "%s", comm);
}
EXPORT_SYMBOL(kthread_create_on_node);

/* See kthread.h. Linux's: namefmt takes the CPU number as its one argument. */
struct task *kthread_create_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu,
				   const char *namefmt)
{
	struct task *t = kthread_create(threadfn, data, namefmt, cpu);

	if (!IS_ERR(t))
		kthread_bind(t, cpu);
	return t;
}
EXPORT_SYMBOL(kthread_create_on_cpu);

/* See kthread.h: the function and data a kthread was created with. */
void *kthread_func(struct task *t)
{
	return t->threadfn;
}
EXPORT_SYMBOL(kthread_func);

void *kthread_data(struct task *t)
{
	return t->data;
}
EXPORT_SYMBOL(kthread_data);

/*
 * See kthread.h. Linux 6.7's: kthread_stop, then drops the reference the
 * caller took with get_task_struct() (kthread_stop drops the creator's).
 */
int kthread_stop_put(struct task *t)
{
	int ret = kthread_stop(t);

	put_task_struct(t);
	return ret;
}
EXPORT_SYMBOL(kthread_stop_put);
