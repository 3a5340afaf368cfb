/*
 * lm_wait: a module written as for Linux against the wait-queue and
 * scheduler exports issue 17 added: wake functions (DEFINE_WAIT,
 * DEFINE_WAIT_FUNC, default/autoremove/woken_wake_function, the order and
 * count of __wake_up's walk, __wake_up_sync_key's key), wait_woken,
 * prepare_to_wait_event and the wait_event_* family on it, wait_on_bit*,
 * wake_up_bit, clear_and_wake_up_bit, wait_var_event*, wake_up_var,
 * set_user_nice, yield_to, single_task_running and io_schedule_timeout.
 * Cross-thread wake-ups come from a helper kthread. It prints one line per
 * failed check and a summary; linuxmod_apis expects "N checks, 0 failed".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/wait_bit.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/string.h>

static int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		pr_err("check failed: %s\n", what);
	}
}

static DECLARE_WAIT_QUEUE_HEAD(lm_q);

/* ---- the wake-up walk, with wake functions that record their calls ---- */

static char order[16];
static int order_len;
static void *seen_key;
static unsigned int seen_mode;

struct rec_entry {
	char name;
	int ret;
	struct wait_queue_entry w;
};

static int rec_wake(struct wait_queue_entry *w, unsigned int mode, int flags, void *key)
{
	struct rec_entry *r = container_of(w, struct rec_entry, w);

	if (order_len < (int)sizeof(order) - 1)
		order[order_len++] = r->name;
	order[order_len] = 0;
	seen_key = key;
	seen_mode = mode;
	return r->ret;
}

static void rec_reset(void)
{
	order_len = 0;
	order[0] = 0;
	seen_key = NULL;
	seen_mode = 0;
}

static void check_walk(void)
{
	struct rec_entry a = { .name = 'a', .ret = 1 }, b = { .name = 'b', .ret = 1 };
	struct rec_entry x = { .name = 'x', .ret = 1 }, y = { .name = 'y', .ret = 1 };
	int key = 42, n;

	init_waitqueue_func_entry(&a.w, rec_wake);
	init_waitqueue_func_entry(&b.w, rec_wake);
	init_waitqueue_func_entry(&x.w, rec_wake);
	init_waitqueue_func_entry(&y.w, rec_wake);
	/* Non-exclusive entries go first (add_wait_queue adds at the head), exclusive last. */
	add_wait_queue(&lm_q, &a.w);
	add_wait_queue_exclusive(&lm_q, &x.w);
	add_wait_queue_exclusive(&lm_q, &y.w);
	add_wait_queue(&lm_q, &b.w);

	rec_reset();
	n = __wake_up(&lm_q, TASK_NORMAL, 1, &key);
	check(n == 1 && !strcmp(order, "bax"), "wake_up: all non-exclusive, then one exclusive");
	check(seen_key == &key && seen_mode == TASK_NORMAL, "__wake_up passes mode and key");
	rec_reset();
	wake_up_nr(&lm_q, 2);
	check(!strcmp(order, "baxy"), "wake_up_nr(2) reaches two exclusive waiters");
	rec_reset();
	n = __wake_up(&lm_q, TASK_NORMAL, 0, NULL);
	check(n == 2 && !strcmp(order, "baxy"), "wake_up_all wakes all, counts the exclusive ones");

	/* An exclusive entry whose wake function declines does not count. */
	x.ret = 0;
	rec_reset();
	n = __wake_up(&lm_q, TASK_NORMAL, 1, NULL);
	check(n == 1 && !strcmp(order, "baxy"), "a declining exclusive waiter does not count");
	x.ret = 1;
	/* A negative return stops the walk. */
	a.ret = -1;
	rec_reset();
	wake_up_all(&lm_q);
	check(!strcmp(order, "ba"), "a negative return stops the walk");
	a.ret = 1;

	rec_reset();
	__wake_up_sync_key(&lm_q, TASK_INTERRUPTIBLE, &key);
	check(!strcmp(order, "bax") && seen_key == &key && seen_mode == TASK_INTERRUPTIBLE,
	      "__wake_up_sync_key wakes one exclusive with its key and mode");
	__wake_up_sync_key(NULL, TASK_NORMAL, NULL);	/* Linux ignores a NULL queue */

	remove_wait_queue(&lm_q, &a.w);
	remove_wait_queue(&lm_q, &b.w);
	remove_wait_queue(&lm_q, &x.w);
	remove_wait_queue(&lm_q, &y.w);
	check(!waitqueue_active(&lm_q), "remove_wait_queue empties the queue");
}

/* ---- the standard wake functions, on the current task ---- */

static void check_wake_functions(void)
{
	DEFINE_WAIT(w);
	DECLARE_WAITQUEUE(dw, current);
	DEFINE_WAIT_FUNC(ww, woken_wake_function);
	long left;

	/* autoremove: a wake-up takes the entry off the queue and sets the task running. */
	prepare_to_wait(&lm_q, &w, TASK_UNINTERRUPTIBLE);
	check(waitqueue_active(&lm_q) && wq_has_single_sleeper(&lm_q), "prepare_to_wait queues");
	wake_up(&lm_q);
	check(list_empty(&w.entry) && !waitqueue_active(&lm_q),
	      "autoremove_wake_function dequeues the woken entry");
	check(task_is_running(current), "the woken task is running");
	finish_wait(&lm_q, &w);

	/* default_wake_function leaves the entry queued; it wakes only a sleeping task. */
	add_wait_queue(&lm_q, &dw);
	set_current_state(TASK_INTERRUPTIBLE);
	check(default_wake_function(&dw, TASK_NORMAL, 0, NULL) == 1,
	      "default_wake_function wakes a task in a matching state");
	check(default_wake_function(&dw, TASK_NORMAL, 0, NULL) == 0,
	      "default_wake_function on a running task returns 0");
	set_current_state(TASK_UNINTERRUPTIBLE);
	check(default_wake_function(&dw, TASK_INTERRUPTIBLE, 0, NULL) == 0,
	      "default_wake_function honours the mode");
	__set_current_state(TASK_RUNNING);
	wake_up(&lm_q);
	check(!list_empty(&dw.entry), "a default_wake_function entry stays queued");
	remove_wait_queue(&lm_q, &dw);

	/* autoremove_wake_function called directly: nothing woken, nothing removed. */
	prepare_to_wait(&lm_q, &w, TASK_UNINTERRUPTIBLE);
	__set_current_state(TASK_RUNNING);
	check(autoremove_wake_function(&w, TASK_NORMAL, 0, NULL) == 0 && !list_empty(&w.entry),
	      "autoremove_wake_function keeps an entry it did not wake");
	finish_wait(&lm_q, &w);
	check(list_empty(&w.entry), "finish_wait dequeues");

	/* woken_wake_function marks the entry: wait_woken then does not sleep. */
	add_wait_queue(&lm_q, &ww);
	wake_up(&lm_q);
	check(ww.flags & WQ_FLAG_WOKEN, "woken_wake_function sets WQ_FLAG_WOKEN");
	left = wait_woken(&ww, TASK_UNINTERRUPTIBLE, 100);
	check(left == 100 && !(ww.flags & WQ_FLAG_WOKEN),
	      "wait_woken after a wake-up returns at once and clears the flag");
	left = wait_woken(&ww, TASK_UNINTERRUPTIBLE, 3);
	check(left == 0, "wait_woken without a wake-up sleeps out its timeout");
	remove_wait_queue(&lm_q, &ww);

	/* prepare_to_wait_event: exclusive entries at the tail, 0 without a signal. */
	{
		DEFINE_WAIT(e1);
		DEFINE_WAIT(e2);

		e2.flags = WQ_FLAG_EXCLUSIVE;
		check(prepare_to_wait_event(&lm_q, &e2, TASK_INTERRUPTIBLE) == 0,
		      "prepare_to_wait_event returns 0 without a signal");
		check(prepare_to_wait_event(&lm_q, &e1, TASK_INTERRUPTIBLE) == 0 &&
		      lm_q.head.next == &e1.entry && lm_q.head.prev == &e2.entry,
		      "prepare_to_wait_event: exclusive waiters last");
		check(get_current_state() == TASK_INTERRUPTIBLE,
		      "prepare_to_wait_event sets the state");
		finish_wait(&lm_q, &e1);
		finish_wait(&lm_q, &e2);
		check(!waitqueue_active(&lm_q), "finish_wait after prepare_to_wait_event");
	}
}

/* ---- cross-thread: a helper kthread does what the steps ask ---- */

enum { STEP_NONE, STEP_VAR, STEP_BIT, STEP_BITLOCK, STEP_WOKEN, STEP_LOCKIRQ };

static int step;
static DECLARE_WAIT_QUEUE_HEAD(step_q);
static int var_value;
static unsigned long bits;
static int woken_cond;
static DEFINE_SPINLOCK(lm_lock);
static int lock_cond;

static int helper_fn(void *data)
{
	int done = STEP_NONE;

	for (;;) {
		int s;

		wait_event(step_q, READ_ONCE(step) != done || kthread_should_stop());
		if (kthread_should_stop())
			return 0;
		s = READ_ONCE(step);
		msleep(10);	/* let the main thread go to sleep first */
		switch (s) {
		case STEP_VAR:
			WRITE_ONCE(var_value, 7);
			wake_up_var(&var_value);
			break;
		case STEP_BIT:
		case STEP_BITLOCK:
			clear_and_wake_up_bit(3, &bits);
			break;
		case STEP_WOKEN:
			WRITE_ONCE(woken_cond, 1);
			wake_up(&lm_q);
			break;
		case STEP_LOCKIRQ:
			spin_lock_irq(&lm_lock);
			lock_cond = 1;
			spin_unlock_irq(&lm_lock);
			wake_up(&lm_q);
			break;
		}
		done = s;
	}
}

static void go(int s)
{
	WRITE_ONCE(step, s);
	wake_up(&step_q);
}

static void check_cross_thread(void)
{
	struct task_struct *helper = kthread_run(helper_fn, NULL, "lm_wait");
	DEFINE_WAIT_FUNC(ww, woken_wake_function);
	unsigned long t0;
	long left;
	int r;

	check(!IS_ERR(helper), "kthread_run");
	if (IS_ERR(helper))
		return;

	go(STEP_VAR);
	left = wait_var_event_timeout(&var_value, READ_ONCE(var_value) == 7, 5 * HZ);
	check(left > 0 && var_value == 7, "wait_var_event_timeout woken by wake_up_var");

	/* A bit nobody clears: -EAGAIN once the timeout is over. */
	set_bit(5, &bits);
	t0 = jiffies;
	r = wait_on_bit_timeout(&bits, 5, TASK_UNINTERRUPTIBLE, 5);
	check(r == -EAGAIN && time_after_eq(jiffies, t0 + 5), "wait_on_bit_timeout times out");
	clear_bit(5, &bits);
	check(wait_on_bit(&bits, 5, TASK_UNINTERRUPTIBLE) == 0, "wait_on_bit on a clear bit");

	set_bit(3, &bits);
	go(STEP_BIT);
	r = wait_on_bit(&bits, 3, TASK_UNINTERRUPTIBLE);
	check(r == 0 && !test_bit(3, &bits), "wait_on_bit woken by clear_and_wake_up_bit");

	set_bit(3, &bits);
	go(STEP_BITLOCK);
	r = wait_on_bit_lock(&bits, 3, TASK_UNINTERRUPTIBLE);
	check(r == 0 && test_bit(3, &bits), "wait_on_bit_lock takes the bit once it is cleared");
	clear_bit(3, &bits);
	check(bit_waitqueue(&bits, 3) == bit_waitqueue(&bits, 3), "bit_waitqueue is stable");
	wake_up_bit(&bits, 3);	/* no waiter: nothing happens */

	/* The add_wait_queue + wait_woken loop Linux's drivers use. */
	add_wait_queue(&lm_q, &ww);
	go(STEP_WOKEN);
	left = 5 * HZ;
	while (!READ_ONCE(woken_cond) && left)
		left = wait_woken(&ww, TASK_INTERRUPTIBLE, left);
	remove_wait_queue(&lm_q, &ww);
	check(woken_cond && left > 0, "wait_woken loop woken by woken_wake_function");

	/* wait_event_lock_irq: the lock is dropped around the sleep and held on return. */
	spin_lock_irq(&lm_lock);
	go(STEP_LOCKIRQ);
	wait_event_lock_irq(lm_q, lock_cond, lm_lock);
	check(lock_cond == 1 && spin_is_locked(&lm_lock), "wait_event_lock_irq");
	spin_unlock_irq(&lm_lock);

	kthread_stop(helper);
}

/* ---- the wait_event family on prepare_to_wait_event ---- */

static void check_wait_event(void)
{
	int flag = 0;
	long r;

	r = wait_event_timeout(lm_q, READ_ONCE(flag), 3);
	check(r == 0, "wait_event_timeout: 0 on expiry");
	r = wait_event_interruptible_timeout(lm_q, 1, 3);
	check(r == 3, "wait_event_interruptible_timeout: true at once returns the timeout");
	check(wait_event_interruptible_exclusive(lm_q, 1) == 0, "wait_event_interruptible_exclusive");
	check(wait_event_killable(lm_q, 1) == 0, "wait_event_killable");
	check(wait_event_idle_timeout(lm_q, READ_ONCE(flag), 2) == 0, "wait_event_idle_timeout");
	check(!waitqueue_active(&lm_q), "the wait_event macros leave nothing queued");
}

/* ---- scheduler helpers ---- */

static int spin_stop;

static int spinner_fn(void *data)
{
	while (!READ_ONCE(spin_stop))
		cond_resched();
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/*
 * The yielder's result (a bit per part that passed), complete before the
 * test stops it: a kthread_stop() that comes before the thread first ran
 * returns -EINTR without running it, as Linux's does (the check failed so
 * whenever the yielder had not started by the time of the stop).
 */
static int yield_result;
static DECLARE_COMPLETION(yield_done);

/* Runs bound to CPU 0 beside the spinner, so that the spinner is queued there. */
static int yield_fn(void *data)
{
	struct task_struct *spinner = data;
	int ok = 0;

	wake_up_process(spinner);
	/* Three yields to the queued spinner; each runs it and comes back. */
	for (int i = 0; i < 3; i++) {
		int r = yield_to(spinner, false);

		if (r == 1)
			ok |= 1 << i;
		else
			pr_err("yield_to the spinner returned %d (running %d, on_cpu %d, cpu %d)\n", r,
			       task_is_running(spinner), READ_ONCE(spinner->on_cpu), task_cpu(spinner));
	}
	if (!single_task_running())
		ok |= 1 << 3;
	WRITE_ONCE(spin_stop, 1);
	if (yield_to(current, false) == 0)
		ok |= 1 << 4;
	yield_result = ok;
	complete(&yield_done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void check_sched(void)
{
	struct task_struct *spinner, *yielder;
	long left;
	int ret;

	set_user_nice(current, -5);
	check(task_nice(current) == -5, "set_user_nice/task_nice");
	set_user_nice(current, 100);
	check(task_nice(current) == MAX_NICE, "set_user_nice clamps to MAX_NICE");
	set_user_nice(current, 0);

	__set_current_state(TASK_UNINTERRUPTIBLE);
	left = io_schedule_timeout(2);
	check(left == 0, "io_schedule_timeout sleeps its timeout");

	spinner = kthread_create(spinner_fn, NULL, "lm_spin");
	check(!IS_ERR(spinner), "kthread_create");
	if (IS_ERR(spinner))
		return;
	yielder = kthread_create(yield_fn, spinner, "lm_yield");
	check(!IS_ERR(yielder), "kthread_create");
	if (IS_ERR(yielder)) {
		wake_up_process(spinner);
		WRITE_ONCE(spin_stop, 1);
		kthread_stop(spinner);
		return;
	}
	check(yield_to(spinner, false) == 0, "yield_to a task not yet started returns 0");
	kthread_bind(spinner, 0);
	kthread_bind(yielder, 0);
	wake_up_process(yielder);
	wait_for_completion(&yield_done);
	kthread_stop(yielder);
	ret = yield_result;	/* a bit per part that passed, 5 in all */
	check(ret == 0x1f, "yield_to a queued task, single_task_running beside it");
	if (ret != 0x1f)
		pr_err("yield_to parts passed: %#x of 0x1f\n", ret);
	kthread_stop(spinner);
}

static int __init lm_wait_init(void)
{
	check_walk();
	check_wake_functions();
	check_wait_event();
	check_cross_thread();
	check_sched();
	pr_info("%d checks, %d failed\n", checks, failed);
	return 0;
}

static void __exit lm_wait_exit(void)
{
}

module_init(lm_wait_init);
module_exit(lm_wait_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: wait queues, wait_bit, wait_woken and sched helpers");
