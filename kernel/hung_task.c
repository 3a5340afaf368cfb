/*
 * The hung task detector (the idea of Linux's khungtaskd): a kernel thread
 * wakes every hung_task_timeout_secs and reports, with its stack, each
 * task that slept uninterruptibly (state D) through a whole interval
 * without being switched in once: a lost wake-up, or sleeping locks
 * waiting on each other, which the lock validator (the spinning side)
 * does not see. Linux's sysctls and messages: kernel.hung_task_timeout_secs
 * (0 turns it off; the command line sets it with
 * sysctl.kernel.hung_task_timeout_secs=N), kernel.hung_task_warnings (the
 * reports left, -1 for no limit). Interruptible sleeps (idle workers, the
 * shell waiting for a child) are never reported.
 */
#include <kelp/boot_info.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/hung_task.h>
#include <kelp/kstrto.h>
#include <kelp/kthread.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/sysctl.h>
#include <kelp/time.h>
#include <kelp/version.h>

#define HUNG_TASK_BATCH 8	/* tasks reported per check, at most */

/* Written by the sysctls, read by khungtaskd each interval. */
static unsigned long hung_task_timeout_secs = 120;
static long hung_task_warnings = 10;
static struct task *khungtaskd_task;
u64 hung_task_detected;	/* hung tasks found since boot, reported or not (tests) */
EXPORT_SYMBOL_FOR_KTEST(hung_task_detected);

/*
 * Whether t slept in D through the whole interval since the last check:
 * its switch count has not moved since then, and it was not reported for
 * this sleep yet. tasklist_lock held (t stays listed); only khungtaskd
 * writes the hung_* fields.
 */
static bool hung_task_check(struct task *t)
{
	u64 seen = READ_ONCE(t->nvcsw) + READ_ONCE(t->nivcsw) + 1;	/* 0: not seen in D */

	if (READ_ONCE(t->state) != TASK_UNINTERRUPTIBLE) {
		t->hung_switches = 0;
		t->hung_reported = false;
		return false;
	}
	if (t->hung_switches != seen) {
		t->hung_switches = seen;	/* a new sleep: it must last a whole interval */
		t->hung_reported = false;
		return false;
	}
	return !t->hung_reported;
}

/* Linux's report of one task, and its stack. */
static void hung_task_report(struct task *t, unsigned long secs)
{
	char taint[48];

	printk(KERN_ERR "INFO: task %s:%d blocked for more than %lu seconds.\n", t->comm, t->pid,
	       secs);
	printk(KERN_ERR "      %s %s\n", print_tainted(taint, sizeof(taint)), KELP_RELEASE);
	printk(KERN_ERR "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n");
	show_stack_loglvl(t, KERN_ERR);
}

/* One check over every task; reports at most a batch, with no lock held. */
static void hung_task_scan(unsigned long secs)
{
	struct task *found[HUNG_TASK_BATCH], *t;
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (n == ARRAY_SIZE(found))
			break;
		if (hung_task_check(t)) {
			t->hung_reported = true;	/* once per sleep */
			hung_task_detected++;
			get_task_struct(t);
			found[n++] = t;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	for (unsigned int i = 0; i < n; i++) {
		if (READ_ONCE(hung_task_warnings)) {
			if (hung_task_warnings > 0)
				hung_task_warnings--;
			hung_task_report(found[i], secs);
		}
		put_task_struct(found[i]);
	}
}

/* Sleeps an interval at a time; a new timeout wakes it (hung_task_set_timeout). */
static int khungtaskd(void *unused)
{
	for (;;) {
		unsigned long secs = READ_ONCE(hung_task_timeout_secs);

		/* interruptible: khungtaskd's own sleep is not a hang */
		set_current_state(TASK_INTERRUPTIBLE);
		if (secs == READ_ONCE(hung_task_timeout_secs))
			schedule_timeout((secs ? secs : 3600) * HZ);
		__set_current_state(TASK_RUNNING);
		if (secs && secs == READ_ONCE(hung_task_timeout_secs))
			hung_task_scan(secs);
	}
	return 0;
}

/* See hung_task.h. */
int hung_task_set_timeout(unsigned long secs)
{
	if (secs > 365UL * 24 * 3600)
		return -EINVAL;
	WRITE_ONCE(hung_task_timeout_secs, secs);
	if (khungtaskd_task)
		wake_up_process(khungtaskd_task);	/* restart the interval */
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(hung_task_set_timeout);

/* See hung_task.h. */
unsigned long hung_task_get_timeout(void)
{
	return READ_ONCE(hung_task_timeout_secs);
}
EXPORT_SYMBOL_FOR_KTEST(hung_task_get_timeout);

/* See hung_task.h. */
void hung_task_init(void)
{
	char buf[24];
	unsigned long v;
	struct task *t;

	if (boot_cmdline_get(boot_info.cmdline, "sysctl.kernel.hung_task_timeout_secs", buf,
			     sizeof(buf)) && !kstrtoul(buf, 10, &v) && v <= 365UL * 24 * 3600)
		hung_task_timeout_secs = v;
	t = kthread_run(khungtaskd, NULL, "khungtaskd");
	if (IS_ERR(t)) {
		pr_err("hung_task: cannot start khungtaskd: %ld\n", PTR_ERR(t));
		return;
	}
	khungtaskd_task = t;	/* never stopped: keeps the creator's reference */
}

/* ---- /proc/sys/kernel/hung_task_* ---- */

static int timeout_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%lu", hung_task_get_timeout());
}

static int timeout_store(const char *val)
{
	unsigned long v;

	if (kstrtoul(val, 10, &v))
		return -EINVAL;
	return hung_task_set_timeout(v);
}

static int warnings_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%ld", READ_ONCE(hung_task_warnings));
}

static int warnings_store(const char *val)
{
	long v;

	if (kstrtol(val, 10, &v) || v < -1)
		return -EINVAL;
	WRITE_ONCE(hung_task_warnings, v);
	return 0;
}

static const struct ctl_table hung_task_sysctls[] = {
	{ "kernel.hung_task_timeout_secs", timeout_show, timeout_store },
	{ "kernel.hung_task_warnings", warnings_show, warnings_store },
};
SYSCTL_TABLE(hung_task_sysctls);
