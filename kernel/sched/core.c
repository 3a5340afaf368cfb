/*
 * The scheduler: per-CPU runqueue, schedule(), wake-ups, preemption and
 * the tick. Round-robin with a SCHED_SLICE_TICKS time slice; a task woken
 * from sleep goes on rq->woken and runs before the round-robin queue (it
 * preempts the current task at the next preemption point), which keeps the
 * shell and sleepers responsive under CPU-bound load. A task preempted by
 * such a wake-up keeps its place (head of rq->queue, rest of its slice);
 * one whose slice ran out, or that yields, goes to the back.
 * Locking: rq->lock is raw and taken with IRQs off; the running task is
 * never on a queue (on_rq == 0, on_cpu == 1). See docs/scheduler.md.
 */
#include <kelp/sched.h>
#include <kelp/livepatch.h>
#include <kelp/fs.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/stacktrace.h>
#include <kelp/time.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/x86.h>
#include <kelp/export.h>
#include <kelp/arch.h>
#include "sched.h"

static struct cpu cpu0;
static struct task init_task;		/* the boot context: idle, pid 0 */


extern char boot_stack_bottom[], boot_stack_top[];

/* See sched.h. Runs before anything can take a spinlock. */
notrace void sched_early_init(void)
{
	struct task *t = &init_task;

	cpu0.self = &cpu0;
	cpu0.curr = t;
	cpu0.idle = t;
	arch_set_this_cpu(&cpu0);
	t->pid = 0;
	strlcpy(t->comm, "swapper/0", sizeof(t->comm));
	t->state = TASK_RUNNING;
	t->on_cpu = 1;
	t->patch_state = KLP_UNDEFINED;
	t->stack_lo = (unsigned long)boot_stack_bottom;
	t->stack_hi = (unsigned long)boot_stack_top;
	atomic_set(&t->usage, 1);
	INIT_LIST_HEAD(&t->rq_node);
	init_waitqueue_head(&t->exit_wait);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	init_waitqueue_head(&t->child_wait);
}

/* See sched.h. */
void sched_init(void)
{
	struct rq *rq = &cpu0.rq;

	BUILD_BUG_ON(offsetof(struct cpu, self) != PERCPU_OFF_SELF);
	BUILD_BUG_ON(offsetof(struct cpu, preempt_count) != PERCPU_OFF_PREEMPT_COUNT);
	BUILD_BUG_ON(offsetof(struct cpu, curr) != PERCPU_OFF_CURRENT);
	BUILD_BUG_ON(offsetof(struct task, sp) != 0);
	BUILD_BUG_ON(offsetof(struct cpu, kernel_sp) != 24);	/* entry_64.asm */
	BUILD_BUG_ON(offsetof(struct cpu, user_sp) != 32);
	spin_lock_init(&rq->lock);
	INIT_LIST_HEAD(&rq->woken);
	INIT_LIST_HEAD(&rq->queue);
	task_list_add(&init_task);
	pr_info("sched: round-robin, %d ms slices, %lu KiB stacks with guard pages\n",
		SCHED_SLICE_TICKS * 1000 / HZ, THREAD_STACK_SIZE / 1024);
}

/* See panic.h: who is running, for oops lines. */
notrace int current_pid(void)
{
	return current->pid;
}

notrace const char *current_comm(void)
{
	return current->comm;
}

notrace int current_cpu(void)
{
	return this_cpu()->id;
}

/* ---- runqueue (rq->lock held, IRQs off) ---- */

/* Queues t: woken tasks behind other woken ones, the rest at the head or tail of the queue. */
static void enqueue(struct rq *rq, struct task *t, bool woken, bool head)
{
	if (woken)
		list_add_tail(&t->rq_node, &rq->woken);
	else if (head)
		list_add(&t->rq_node, &rq->queue);
	else
		list_add_tail(&t->rq_node, &rq->queue);
	t->on_rq = 1;
	rq->nr_running++;
}

static struct task *pick_next(struct rq *rq, struct task *idle)
{
	struct list_head *h = !list_empty(&rq->woken) ? &rq->woken : &rq->queue;
	struct task *t;

	if (list_empty(h))
		return idle;
	t = list_first_entry(h, struct task, rq_node);
	list_del_init(&t->rq_node);
	t->on_rq = 0;
	rq->nr_running--;
	return t;
}

static void resched_curr(struct cpu *c)
{
	set_tsk_thread_flag(c->curr, TIF_NEED_RESCHED);
}

/* ---- switching ---- */

/*
 * Second half of a switch, in the new task's context: prev is off the CPU.
 * Called with rq->lock held and IRQs off; returns with the lock dropped
 * (IRQs still off). A dead prev loses its running reference here, on
 * another stack than its own.
 */
static void finish_task_switch(struct task *prev)
{
	struct cpu *c = this_cpu();

	WRITE_ONCE(prev->on_cpu, 0);
	raw_spin_unlock(&c->rq.lock);
	/* livepatch switch point: prev's stack is still and can be checked */
	if (unlikely(test_tsk_thread_flag(prev, TIF_PATCH_PENDING)))
		klp_try_switch_prev(prev);
	if (unlikely(prev->state == TASK_DEAD))
		put_task_struct(prev);
}

/* First C code of a new task (from ret_from_fork). Enables IRQs. */
void schedule_tail(struct task *prev)
{
	finish_task_switch(prev);
	preempt_enable_no_resched();
	local_irq_enable();
}

static void context_switch(struct cpu *c, struct task *prev, struct task *next)
{
	c->nr_switches++;
	next->on_cpu = 1;
	if (next->slice <= 0)
		next->slice = SCHED_SLICE_TICKS;
	c->curr = next;
	arch_switch_to(c, next);
	prev = __switch_to_asm(prev, next);
	finish_task_switch(prev);
}

/*
 * The scheduler proper. preempt: the caller is being preempted, so it
 * stays runnable whatever its state says (it may be between
 * set_current_state() and schedule(); its waker will find it running).
 */
static void __schedule(bool preempt)
{
	struct cpu *c = this_cpu();
	struct task *prev = c->curr, *next;
	unsigned long flags = local_irq_save();

	preempt_disable();
	raw_spin_lock(&c->rq.lock);
	clear_tsk_thread_flag(prev, TIF_NEED_RESCHED);
	if (!preempt && prev->state != TASK_RUNNING) {
		prev->nvcsw++;
	} else if (prev != c->idle) {
		if (preempt)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		/* Preempted before its slice ran out (a wake-up): it keeps its place. */
		enqueue(&c->rq, prev, false, preempt && prev->slice > 0);
	}
	next = pick_next(&c->rq, c->idle);
	if (next != prev)
		context_switch(c, prev, next);
	else
		raw_spin_unlock(&c->rq.lock);
	preempt_enable_no_resched();
	local_irq_restore(flags);
}

/* See sched.h. */
void schedule(void)
{
	if (unlikely(preempt_count())) {
		printk(KERN_ERR "BUG: scheduling while atomic: %s/%d/0x%08x\n", current->comm,
		       current->pid, preempt_count());
		dump_stack();
	}
	__schedule(false);
}
EXPORT_SYMBOL(schedule);

/* See preempt.h. Called when the preempt count drops to 0. */
void preempt_check_resched(void)
{
	if (need_resched() && !irqs_disabled())
		__schedule(true);
}
EXPORT_SYMBOL(preempt_check_resched);

/* See sched.h. */
void sched_irq_exit_preempt(unsigned long interrupted_flags)
{
	if (!(interrupted_flags & X86_EFLAGS_IF) || preempt_count() || !need_resched())
		return;
	if (current == this_cpu()->idle)
		return;		/* the idle loop switches right after its hlt */
	__schedule(true);
}

/* See sched.h. */
void yield(void)
{
	current->slice = 0;	/* to the back of the queue */
	__schedule(true);
}
EXPORT_SYMBOL(yield);

/* See sched.h. */
bool cond_resched(void)
{
	/* a safe point for the livepatch consistency model (Linux's klp_sched_try_switch) */
	if (unlikely(test_tsk_thread_flag(current, TIF_PATCH_PENDING)) && !preempt_count())
		klp_try_switch_current();
	if (!need_resched() || preempt_count())
		return false;
	__schedule(true);
	return true;
}
EXPORT_SYMBOL(cond_resched);

/* ---- wake-ups ---- */

/* See sched.h. One CPU: t is queued on the waker's runqueue. */
bool wake_up_state(struct task *t, unsigned int mask)
{
	struct cpu *c = this_cpu();
	unsigned long flags;
	bool woken = false;

	spin_lock_irqsave(&c->rq.lock, flags);
	if (READ_ONCE(t->state) & mask) {
		WRITE_ONCE(t->state, TASK_RUNNING);
		woken = true;
		if (!t->on_rq && !t->on_cpu) {
			t->slice = SCHED_SLICE_TICKS;
			enqueue(&c->rq, t, true, false);
			resched_curr(c);
		}
	}
	spin_unlock_irqrestore(&c->rq.lock, flags);	/* may switch to t at once */
	return woken;
}
EXPORT_SYMBOL(wake_up_state);

/* See sched.h. */
bool wake_up_process(struct task *t)
{
	return wake_up_state(t, TASK_NORMAL | TASK_NEW);
}
EXPORT_SYMBOL(wake_up_process);

/* See sched.h. */
void signal_wake_up(struct task *t)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	wake_up_state(t, TASK_INTERRUPTIBLE);
}
EXPORT_SYMBOL_FOR_KTEST(signal_wake_up);

/* See sched.h. */
void flush_signals(struct task *t)
{
	clear_tsk_thread_flag(t, TIF_SIGPENDING);
}
EXPORT_SYMBOL_FOR_KTEST(flush_signals);

/* See sched.h (private). */
void sched_boost(struct task *t)
{
	struct cpu *c = this_cpu();
	unsigned long flags;

	spin_lock_irqsave(&c->rq.lock, flags);
	if (t->on_rq) {
		list_move_tail(&t->rq_node, &c->rq.woken);
		resched_curr(c);
	}
	spin_unlock_irqrestore(&c->rq.lock, flags);
}

/* ---- exit ---- */

/* See sched.h. */
__noreturn void do_task_dead(void)
{
	struct task *t = current;

	local_irq_disable();
	this_cpu()->preempt_count = 0;
	t->state = TASK_DEAD;
	__schedule(false);
	BUG();	/* a dead task is never picked again */
	for (;;)
		halt();
}

/* ---- tick, hooks, idle ---- */

/* See sched.h. */
void sched_tick(void)
{
	struct cpu *c = this_cpu();
	struct task *t = c->curr;

	if (t == c->idle) {
		if (c->rq.nr_running)
			resched_curr(c);
		return;
	}
	if (--t->slice <= 0 && c->rq.nr_running)
		resched_curr(c);
}

/* See sched.h. The idle task never sleeps; it halts until an interrupt. */
__noreturn void cpu_idle_loop(void)
{
	struct task *t = current;

	for (;;) {
		/* livepatch switch point: the idle loop runs no patched function */
		if (unlikely(test_tsk_thread_flag(t, TIF_PATCH_PENDING)))
			klp_update_patch_state(t);
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			__schedule(false);
		} else {
			cpu_idle_halt();	/* sti; hlt: a wake-up IRQ cannot be lost */
		}
	}
}

/* See sched.h. */
char task_state_char(const struct task *t)
{
	long s = READ_ONCE(t->state);

	if (s == TASK_RUNNING)
		return 'R';
	if (s & TASK_DEAD)
		return 'X';
	if (s & TASK_NEW)
		return 'N';
	if (s & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'S';
}
