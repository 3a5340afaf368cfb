/*
 * synchronize_sched(): a scheduler-based grace period (rule in sched.h).
 * It snapshots, under tasklist_lock, the switch counts of every runnable
 * task but the caller and the idle task, holding a reference on each, then
 * polls once per tick until each count moved or the task exited. Blocked
 * tasks are skipped: they sit in schedule() already. Cost: one walk of the
 * task list plus a few ticks.
 */
#include <kelp/export.h>
#include <kelp/sched.h>
#include <kelp/mm.h>
#include <kelp/panic.h>

struct gp_snap {
	struct task *t;
	u64 switches;
};

static u64 task_switches(const struct task *t)
{
	return READ_ONCE(t->nvcsw) + READ_ONCE(t->nivcsw);
}

/* Fills snap with the runnable tasks; returns their number, or -1 if more than max. */
static int gp_snapshot(struct gp_snap *snap, int max)
{
	struct task *t;
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (t == current || is_idle_task(t) || READ_ONCE(t->state) != TASK_RUNNING)
			continue;
		if (n == max) {
			n = -1;
			break;
		}
		get_task_struct(t);
		snap[n].t = t;
		snap[n++].switches = task_switches(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (n < 0)
		while (max--)
			put_task_struct(snap[max].t);
	return n;
}

/* Drops the entries that passed a scheduling point; returns how many remain. */
static int gp_prune(struct gp_snap *snap, int n)
{
	for (int i = 0; i < n;) {
		struct task *t = snap[i].t;

		if (task_switches(t) != snap[i].switches || READ_ONCE(t->exited)) {
			put_task_struct(t);
			snap[i] = snap[--n];
		} else {
			i++;
		}
	}
	return n;
}

/* See sched.h. */
void synchronize_sched(void)
{
	struct gp_snap *snap = NULL;
	int n = -1, max = 0;

	WARN_ON(preempt_count() || irqs_disabled());
	while (n < 0) {
		kfree(snap);
		max = nr_tasks() + 16;
		snap = kmalloc(max * sizeof(*snap), GFP_KERNEL);
		if (!snap) {
			schedule_timeout_uninterruptible(1);	/* no memory yet: retry */
			continue;
		}
		n = gp_snapshot(snap, max);
	}
	while ((n = gp_prune(snap, n)) > 0)
		schedule_timeout_uninterruptible(1);
	kfree(snap);
}
EXPORT_SYMBOL_FOR_KTEST(synchronize_sched);
