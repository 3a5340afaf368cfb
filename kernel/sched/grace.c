/*
 * synchronize_sched(): a scheduler-based grace period (rule in sched.h).
 * It snapshots, under tasklist_lock, the switch counts of every runnable
 * task but the caller and the idle tasks, holding a reference on each, and
 * the quiescent-state count (nr_qs) of every other online CPU; then polls
 * once per tick until each task's count moved or the task exited, and each
 * CPU's count moved. synchronize_rcu() and sched_nudge_cpus() wait for
 * the CPUs' counts only, and sleep on gp_wait until the CPUs they nudged
 * wake them (sched_report_qs, at the end of each pass through the
 * scheduler or the idle loop). Blocked tasks are skipped: they sit in schedule()
 * already. SMP: a task running alone on another CPU would never switch,
 * and an idle CPU halts; both are nudged (TIF_NEED_RESCHED and a reschedule
 * IPI), so the wait is a few ticks, not unbounded. Cost: one walk of the
 * task list, one IPI per busy CPU, and a few ticks.
 */
#include <kelp/export.h>
#include <kelp/sched.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/smp.h>
#include <kelp/time.h>
#include <kelp/wait.h>

/* Grace-period waiters: woken by a CPU passing a quiescent state they asked for. */
static DECLARE_WAIT_QUEUE_HEAD(gp_wait);
#define GP_SPIN_POLLS 4
#define GP_SPIN_US 5

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

/*
 * Makes CPU cpu pass through its scheduler (or its idle loop) at its next
 * interrupt exit: the flag is set before the IPI that delivers it is sent
 * (the locked set_bit is a full barrier), and the exit reads it
 * after the interrupt came (sched_irq_exit_preempt(), the idle loop).
 */
static void gp_mark_cpu(int cpu)
{
	set_tsk_thread_flag(READ_ONCE(cpu_data[cpu]->curr), TIF_NEED_RESCHED);
}

/* Makes CPU cpu pass through its scheduler (or its idle loop) soon. */
static void gp_nudge_cpu(int cpu)
{
	if (cpu == smp_processor_id())
		return;
	gp_mark_cpu(cpu);
	smp_send_reschedule(cpu);
}

/* Drops the entries that passed a scheduling point; returns how many remain. */
static int gp_prune(struct gp_snap *snap, int n, bool nudge)
{
	for (int i = 0; i < n;) {
		struct task *t = snap[i].t;

		if (task_switches(t) != snap[i].switches || READ_ONCE(t->exited)) {
			put_task_struct(t);
			snap[i] = snap[--n];
			continue;
		}
		if (nudge && READ_ONCE(t->on_cpu))
			gp_nudge_cpu(task_cpu(t));
		i++;
	}
	return n;
}

/* Each other online CPU's quiescent-state count. */
static void gp_cpu_snapshot(u64 *qs)
{
	int cpu;

	for_each_online_cpu(cpu)
		qs[cpu] = READ_ONCE(cpu_data[cpu]->nr_qs);
}

/* Whether every other online CPU passed a quiescent state since qs; nudges those that did not. */
static bool gp_cpus_done(const u64 *qs, bool nudge)
{
	bool done = true;
	int cpu;

	preempt_disable();
	for_each_online_cpu(cpu) {
		if (cpu == smp_processor_id() || READ_ONCE(cpu_data[cpu]->nr_qs) != qs[cpu])
			continue;
		done = false;
		if (nudge)
			gp_nudge_cpu(cpu);
	}
	preempt_enable();
	return done;
}

/* See sched.h. */
void synchronize_sched(void)
{
	struct gp_snap *snap = NULL;
	u64 qs[NR_CPUS];
	int n = -1, max = 0, round = 0;

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
	gp_cpu_snapshot(qs);
	/* Round 0 gives every CPU a tick to pass on its own; later rounds nudge. */
	while ((n = gp_prune(snap, n, round > 0)) > 0 || !gp_cpus_done(qs, round > 0)) {
		schedule_timeout_uninterruptible(1);
		round++;
	}
	kfree(snap);
}
EXPORT_SYMBOL_FOR_KTEST(synchronize_sched);

/*
 * Whether each CPU of mask passed need quiescent states since qs. Asks
 * those that did not to wake gp_wait when they pass one (qs_wanted), then
 * looks again: the request is stored before the second look (a full
 * fence), and sched_report_qs() counts before it reads the request, so
 * either the look sees the pass or the pass sees the request.
 */
static bool gp_cpus_passed(const u64 *qs, u64 mask, unsigned int need)
{
	bool done = true;
	int cpu;

	for_each_online_cpu(cpu)
		if (((mask >> cpu) & 1) && READ_ONCE(cpu_data[cpu]->nr_qs) - qs[cpu] < need) {
			WRITE_ONCE(cpu_data[cpu]->qs_wanted, 1);
			done = false;
		}
	if (done)
		return true;
	smp_mb();	/* qs_wanted before nr_qs is read again; partner: sched_report_qs() */
	for_each_online_cpu(cpu)
		if (((mask >> cpu) & 1) && READ_ONCE(cpu_data[cpu]->nr_qs) - qs[cpu] < need)
			return false;
	return true;
}

/*
 * Waits until the nudged CPUs of mask passed need quiescent states each.
 * It looks a few times over 20 us (an IPI is answered in microseconds),
 * then sleeps until a CPU's pass wakes it (event-driven: it used to spin
 * up to 1 ms per wait in udelay(10) and so burnt its time slice; on a CPU
 * full of busy threads a waiter whose slice runs out waits a whole round
 * of them, issue 15). A CPU that has not passed after a tick (IRQs off
 * for long) is nudged again. Returns false once max_ms passed (0: no
 * limit).
 */
static bool gp_wait_cpus(const u64 *qs, u64 mask, unsigned int need, unsigned int max_ms)
{
	u64 end = ktime_get_ns() + (u64)max_ms * NSEC_PER_MSEC;
	int cpu;

	/* an IPI is answered within microseconds: look a few times before sleeping */
	for (int i = 0; i < GP_SPIN_POLLS; i++) {
		if (gp_cpus_passed(qs, mask, need))
			return true;
		udelay(GP_SPIN_US);
	}
	for (;;) {
		if (wait_event_timeout(gp_wait, gp_cpus_passed(qs, mask, need), 1))
			return true;
		if (max_ms && ktime_get_ns() >= end)
			return false;
		preempt_disable();
		for_each_online_cpu(cpu)
			if (((mask >> cpu) & 1) && READ_ONCE(cpu_data[cpu]->nr_qs) - qs[cpu] < need)
				gp_nudge_cpu(cpu);
		preempt_enable();
	}
}

/* See sched.h. Called by the scheduler at the end of a pass, IRQs off, no rq lock. */
notrace void sched_report_qs(struct cpu *c)
{
	/* a locked add: the count is visible before the request is read (gp_cpus_passed) */
	__atomic_fetch_add(&c->nr_qs, 1, __ATOMIC_SEQ_CST);
	if (unlikely(READ_ONCE(c->qs_wanted))) {
		WRITE_ONCE(c->qs_wanted, 0);
		wake_up_all(&gp_wait);
	}
}

/* The online CPUs but the caller's, as a mask. Preemption off. */
static u64 gp_other_cpus(void)
{
	return smp_load_acquire(&cpu_online_mask) & ~(1ULL << smp_processor_id());
}

/*
 * See sched.h. Readers are preemption- or IRQ-disabled sections; every
 * other CPU passing __schedule() or its idle loop once proves it left the
 * sections it was in. On one CPU the caller running proves it already.
 */
void synchronize_rcu(void)
{
	u64 qs[NR_CPUS], mask;
	int cpu;

	WARN_ON(preempt_count() || irqs_disabled());
	preempt_disable();
	mask = gp_other_cpus();
	gp_cpu_snapshot(qs);
	for_each_online_cpu(cpu)
		if ((mask >> cpu) & 1)
			gp_nudge_cpu(cpu);
	preempt_enable();
	if (mask)
		gp_wait_cpus(qs, mask, 1, 0);
	/*
	 * The caller's frees come after the nr_qs loads that saw every reader
	 * leave. The other side: a CPU stores nr_qs (sched_report_qs()) after
	 * its critical section's accesses (x86 keeps a store after earlier
	 * loads and stores).
	 */
	smp_mb();
}
EXPORT_SYMBOL(synchronize_rcu);

/* fn on each online CPU of mask but the caller's. */
static void gp_for_other_cpus(u64 mask, void (*fn)(int cpu))
{
	int cpu;

	preempt_disable();
	mask &= gp_other_cpus();
	for_each_online_cpu(cpu)
		if ((mask >> cpu) & 1)
			fn(cpu);
	preempt_enable();
}

/* See sched.h. */
void sched_nudge_cpus_async(u64 mask)
{
	gp_for_other_cpus(mask, gp_nudge_cpu);
}

/* See sched.h. */
void sched_mark_cpus_resched(u64 mask)
{
	gp_for_other_cpus(mask, gp_mark_cpu);
}

/* See sched.h. */
void sched_nudge_cpus(u64 mask, unsigned int max_ms)
{
	u64 qs[NR_CPUS];
	int cpu;

	preempt_disable();
	mask &= gp_other_cpus();
	gp_cpu_snapshot(qs);
	for_each_online_cpu(cpu)
		if ((mask >> cpu) & 1)
			gp_nudge_cpu(cpu);
	preempt_enable();
	/* one: a pass is counted at its end, after its livepatch switch point */
	if (mask)
		gp_wait_cpus(qs, mask, 1, max_ms);
}
