/*
 * lm_sched: a module written as for Linux against the scheduler, timer,
 * workqueue and wait APIs. At load it starts a kthread (struct task_struct,
 * current->comm, task_tgid_vnr), queues a DECLARE_DELAYED_WORK item and a
 * timer_list, waits on a DECLARE_COMPLETION and a wait queue with
 * timeouts, sleeps with usleep_range/msleep_interruptible/
 * schedule_timeout_interruptible, and checks jiffies with time_after. It
 * prints one line per step; the linuxmod_sched scenario checks them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/linkage.h>
#include <linux/threads.h>
#include <linux/string.h>

static DECLARE_COMPLETION(thread_done);
static DEFINE_MUTEX(lm_lock);
static DEFINE_SPINLOCK(lm_spin);
static DECLARE_WAIT_QUEUE_HEAD(lm_wq);
static int timer_fired, dwork_ran;
static unsigned long queued_at;
static char thread_comm[TASK_COMM_LEN];
static pid_t thread_tgid;
static unsigned long last_print;

static void lm_dwork_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(lm_dwork, lm_dwork_fn);

static void lm_dwork_fn(struct work_struct *work)
{
	/* 20 ms asked: the run is at least that late (wrap-safe compare). */
	WRITE_ONCE(dwork_ran, time_after_eq(jiffies, queued_at + msecs_to_jiffies(20)) ? 1 : -1);
	wake_up(&lm_wq);
}

static struct timer_list lm_timer;

static void lm_timer_fn(struct timer_list *t)
{
	unsigned long flags;

	spin_lock_irqsave(&lm_spin, flags);
	timer_fired++;
	spin_unlock_irqrestore(&lm_spin, flags);
	wake_up(&lm_wq);
}

static int lm_thread(void *data)
{
	struct task_struct *me = current;

	mutex_lock(&lm_lock);
	get_task_comm(thread_comm, me);
	thread_tgid = task_tgid_vnr(me);
	mutex_unlock(&lm_lock);
	usleep_range(500, 1000);
	cond_resched();
	complete(&thread_done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(msecs_to_jiffies(5));
	return 0;
}

static asmlinkage long lm_linkage(long a, long b)
{
	return a + b;
}

static int __init lm_sched_init(void)
{
	struct task_struct *t;
	unsigned long start = jiffies;
	char *buf;
	long left;
	int ret;

	t = kthread_run(lm_thread, NULL, "lm_kthread/%d", 0);
	if (IS_ERR(t))
		return PTR_ERR(t);
	get_task_struct(t);	/* our own reference: kthread_stop_put drops it */
	if (!wait_for_completion_timeout(&thread_done, secs_to_jiffies(5))) {
		kthread_stop_put(t);
		return -ETIMEDOUT;
	}
	ret = kthread_stop_put(t);
	pr_info("kthread %s ran (tgid %s), stop returned %d\n", thread_comm,
		thread_tgid > 0 ? "set" : "unset", ret);

	queued_at = jiffies;
	schedule_delayed_work(&lm_dwork, msecs_to_jiffies(20));
	left = wait_event_timeout(lm_wq, READ_ONCE(dwork_ran) != 0, secs_to_jiffies(5));
	pr_info("delayed work %s\n", !left ? "timed out" : dwork_ran > 0 ? "ran after its delay" : "ran early");
	cancel_delayed_work_sync(&lm_dwork);

	timer_setup(&lm_timer, lm_timer_fn, 0);
	mod_timer(&lm_timer, jiffies + msecs_to_jiffies(10));
	left = wait_event_timeout(lm_wq, READ_ONCE(timer_fired) != 0, secs_to_jiffies(5));
	del_timer_sync(&lm_timer);
	pr_info("timer %s\n", left ? "fired" : "timed out");

	if (!printk_timed_ratelimit(&last_print, 1000) || printk_timed_ratelimit(&last_print, 1000))
		pr_info("printk_timed_ratelimit does not limit\n");
	msleep_interruptible(2);
	schedule_timeout_uninterruptible(1);
	pr_info("time moved forward: %s\n", time_after(jiffies, start) ? "yes" : "no");

	buf = kmalloc(32, GFP_NOWAIT);
	if (!buf)
		return -ENOMEM;
	sprintf(buf, "%d cpus max, %ld", NR_CPUS > 0 ? 1 : 0, lm_linkage(1, 2));
	pr_info("sprintf: %s\n", buf);
	kfree(buf);
	return 0;
}

static void __exit lm_sched_exit(void)
{
	pr_info("unloaded\n");
}

module_init(lm_sched_init);
module_exit(lm_sched_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: kthread, delayed work, timers, waits");
