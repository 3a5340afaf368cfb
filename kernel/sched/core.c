/*
 * The scheduler: per-CPU run queues, schedule(), wake-ups, preemption,
 * affinity, balancing and the tick. Round-robin with a SCHED_SLICE_TICKS
 * time slice; a task woken from sleep goes on rq->woken and runs before the
 * round-robin queue (it preempts the current task at the next preemption
 * point), which keeps the shell and sleepers responsive under CPU-bound
 * load. A task preempted by such a wake-up keeps its place (head of
 * rq->queue, rest of its slice); one whose slice ran out, or that yields,
 * goes to the back.
 * SMP: a wake-up picks the wakee's CPU (its last one if idle, else an idle
 * CPU it may use, else its last one) and kicks that CPU with a reschedule
 * IPI; an idle CPU pulls a queued task from the busiest other queue.
 * Locking: rq->lock is raw and taken with IRQs off; the running task is
 * never on a queue (on_rq == 0, on_cpu == 1); t->cpu changes only with
 * both the old and the new rq locked, so locking the rq that t->cpu names,
 * then checking it still names it, pins t (task_rq_lock). Two rq locks are
 * taken in ascending CPU order (double_rq_lock). See docs/scheduler.md.
 */
#include <kelp/fpu.h>
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
#include <kelp/smp.h>
#include <kelp/apic.h>
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
	cpu_data[0] = &cpu0;		/* the boot CPU is online from the start */
	cpu_online_mask = 1;
	cpu_possible_mask = 1;
	t->pid = 0;
	strlcpy(t->comm, "swapper/0", sizeof(t->comm));
	t->state = TASK_RUNNING;
	t->on_cpu = 1;
	t->cpu = 0;
	t->cpus_allowed = 1;
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

/* Run queue and per-CPU lists of c (boot CPU, before c runs anything). */
static void sched_init_rq(struct cpu *c)
{
	spin_lock_init(&c->rq.lock);
	INIT_LIST_HEAD(&c->rq.woken);
	INIT_LIST_HEAD(&c->rq.queue);
	spin_lock_init(&c->call_lock);
	INIT_LIST_HEAD(&c->call_queue);
}

/* See sched.h. */
void sched_init_cpu(struct cpu *c, struct task *idle)
{
	sched_init_rq(c);
	idle->pid = 0;
	idle->cpu = c->id;
	idle->cpus_allowed = 1ULL << c->id;
	idle->state = TASK_RUNNING;
	idle->on_cpu = 1;
	idle->patch_state = KLP_UNDEFINED;
	atomic_set(&idle->usage, 1);
	INIT_LIST_HEAD(&idle->rq_node);
	init_waitqueue_head(&idle->exit_wait);
	INIT_LIST_HEAD(&idle->children);
	INIT_LIST_HEAD(&idle->sibling);
	init_waitqueue_head(&idle->child_wait);
	c->curr = idle;
	c->idle = idle;
}

/* See sched.h. */
void sched_init(void)
{

	BUILD_BUG_ON(offsetof(struct cpu, self) != PERCPU_OFF_SELF);
	BUILD_BUG_ON(offsetof(struct cpu, preempt_count) != PERCPU_OFF_PREEMPT_COUNT);
	BUILD_BUG_ON(offsetof(struct cpu, curr) != PERCPU_OFF_CURRENT);
	BUILD_BUG_ON(offsetof(struct task, sp) != 0);
	BUILD_BUG_ON(offsetof(struct cpu, kernel_sp) != 24);	/* entry_64.asm */
	BUILD_BUG_ON(offsetof(struct cpu, user_sp) != 32);
	sched_init_rq(&cpu0);
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

/* ---- run queues (rq->lock held, IRQs off) ---- */

static __always_inline struct rq *cpu_rq(int cpu)
{
	return &cpu_data[cpu]->rq;
}

static __always_inline struct cpu *rq_cpu(struct rq *rq)
{
	return container_of(rq, struct cpu, rq);
}

static __always_inline bool task_allowed_on(const struct task *t, int cpu)
{
	return (t->cpus_allowed >> cpu) & 1;
}

/* Locks the rq t is on (see file comment). IRQs off. */
static notrace struct rq *task_rq_lock(struct task *t)
{
	for (;;) {
		struct rq *rq = cpu_rq(READ_ONCE(t->cpu));

		raw_spin_lock(&rq->lock);
		if (rq == cpu_rq(READ_ONCE(t->cpu)))
			return rq;
		raw_spin_unlock(&rq->lock);
	}
}

/* Locks two run queues in ascending CPU order (one if the same). IRQs off. */
static void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		raw_spin_lock(&a->lock);
	} else if (rq_cpu(a)->id < rq_cpu(b)->id) {
		raw_spin_lock(&a->lock);
		raw_spin_lock(&b->lock);
	} else {
		raw_spin_lock(&b->lock);
		raw_spin_lock(&a->lock);
	}
}

static void double_rq_unlock(struct rq *a, struct rq *b)
{
	raw_spin_unlock(&a->lock);
	if (a != b)
		raw_spin_unlock(&b->lock);
}

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

static void dequeue(struct rq *rq, struct task *t)
{
	list_del_init(&t->rq_node);
	t->on_rq = 0;
	rq->nr_running--;
}

static struct task *pick_next(struct rq *rq, struct task *idle)
{
	struct list_head *h = !list_empty(&rq->woken) ? &rq->woken : &rq->queue;
	struct task *t;

	if (list_empty(h))
		return idle;
	t = list_first_entry(h, struct task, rq_node);
	dequeue(rq, t);
	return t;
}

/*
 * Asks rq's CPU to reschedule: its current task gets TIF_NEED_RESCHED, and
 * another CPU also gets a reschedule IPI (which wakes it from hlt; its
 * interrupt exit then preempts). rq->lock held.
 */
static void resched_curr(struct rq *rq)
{
	struct cpu *c = rq_cpu(rq);

	if (test_and_set_bit(TIF_NEED_RESCHED, &c->curr->flags))
		return;		/* already asked */
	if (c != this_cpu())
		smp_send_reschedule(c->id);
}

/* Moves t (queued, or not running and not queued) from src to dst; both locked. */
static void move_task(struct task *t, struct rq *src, struct rq *dst, bool woken)
{
	bool queued = t->on_rq;

	if (queued)
		dequeue(src, t);
	WRITE_ONCE(t->cpu, rq_cpu(dst)->id);
	if (queued || woken) {
		enqueue(dst, t, woken, false);
		resched_curr(dst);
	}
}

/* An idle CPU: running its idle task with nothing queued (a racy hint). */
static bool cpu_is_idle(int cpu)
{
	struct cpu *c = cpu_data[cpu];

	return READ_ONCE(c->curr) == c->idle && !READ_ONCE(c->rq.nr_running);
}

/*
 * The CPU a waking t should run on (a hint: the caller checks it under
 * the locks): its last CPU if that is idle, else an idle CPU it may use,
 * else its last CPU, else any online CPU it may use.
 */
static int select_task_cpu(struct task *t)
{
	int prev = READ_ONCE(t->cpu), cpu, fallback = -1;
	u64 allowed = READ_ONCE(t->cpus_allowed);

	if (((allowed >> prev) & 1) && cpu_online(prev) && cpu_is_idle(prev))
		return prev;
	for_each_online_cpu(cpu) {
		if (!((allowed >> cpu) & 1))
			continue;
		if (cpu_is_idle(cpu))
			return cpu;
		if (fallback < 0)
			fallback = cpu;
	}
	if (((allowed >> prev) & 1) && cpu_online(prev))
		return prev;
	return fallback >= 0 ? fallback : prev;
}

/* ---- switching ---- */

/* Puts a task that may no longer run on this CPU on one it may use. IRQs off, no rq lock. */
static void migrate_off(struct task *t)
{
	struct rq *src, *dst;

	for (;;) {
		int target = select_task_cpu(t);

		src = cpu_rq(READ_ONCE(t->cpu));
		dst = cpu_rq(target);
		double_rq_lock(src, dst);
		if (cpu_rq(READ_ONCE(t->cpu)) == src)
			break;
		double_rq_unlock(src, dst);
	}
	/* Nobody else queues t: its state says running, so wakers leave it alone. */
	if (!t->on_rq && !t->on_cpu)
		move_task(t, src, dst, true);
	double_rq_unlock(src, dst);
}

/*
 * Second half of a switch, in the new task's context: prev is off the CPU.
 * Called with rq->lock held and IRQs off; returns with the lock dropped
 * (IRQs still off). A dead prev loses its running reference here, on
 * another stack than its own.
 */
static void finish_task_switch(struct task *prev)
{
	struct cpu *c = this_cpu();
	bool migrate = prev->migrate;
	/*
	 * Read before on_cpu = 0: after the unlock below another CPU may run
	 * prev (pulled, or woken), and prev may exit there, so a DEAD read
	 * afterwards could be that other switch's, and the running reference
	 * was dropped twice (regression ktest
	 * sched_regression_dead_prev_put_twice).
	 */
	bool dead = prev->state == TASK_DEAD;
	bool klp_kick = false;

	prev->migrate = false;
	/*
	 * Release: prev's saved registers and stack are written before another
	 * CPU can see on_cpu == 0 and run or walk it (it needs this rq lock
	 * too, so the unlock below is the barrier that matters; this store is
	 * ordered by it).
	 */
	WRITE_ONCE(prev->on_cpu, 0);
	/*
	 * livepatch switch point: prev's stack is still, and with this rq lock
	 * still held no other CPU can pick, move or free prev meanwhile.
	 */
	if (unlikely(test_tsk_thread_flag(prev, TIF_PATCH_PENDING)))
		klp_kick = klp_try_switch_prev(prev);
	raw_spin_unlock(&c->rq.lock);
	/* prev must not be touched from here unless it is dead or waits for migrate_off() */
	if (unlikely(migrate))
		migrate_off(prev);
	if (unlikely(klp_kick))
		klp_transition_kick();
	sched_report_qs(c);	/* a quiescent state (grace.c), after the switch point */
	if (unlikely(dead))
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
	WRITE_ONCE(c->curr, next);
	arch_switch_to(c, next);
	fpu_switch(prev, next);	/* user FPU/SSE registers and FS base (kernel/x86_64/fpu.c) */
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
	unsigned long flags = local_irq_save();
	/*
	 * Only now: with IRQs on the caller may still be preempted and moved
	 * to another CPU, and a struct cpu read before would be the old CPU's
	 * (a migration storm on 4 CPUs deadlocked on exactly that).
	 */
	struct cpu *c = this_cpu();
	struct task *prev = c->curr, *next;

	preempt_disable();
	raw_spin_lock(&c->rq.lock);
	clear_tsk_thread_flag(prev, TIF_NEED_RESCHED);
	/*
	 * A kthread being stopped does not sleep interruptibly: Linux's
	 * kthread_stop() sets TIF_NOTIFY_SIGNAL, which makes such a sleep
	 * return at once. Without it the common loop "while
	 * (!kthread_should_stop()) schedule_timeout_interruptible(...)" loses
	 * a stop that lands between its test and its sleep, and kthread_stop()
	 * waits for ever (workload stop in livepatch_replace.t on 4 CPUs;
	 * regression ktest sched_regression_kthread_stop_between_test_and_sleep).
	 * Pairs with kthread_stop(): should_stop is stored before its wake-up
	 * takes this run queue's lock.
	 */
	if (!preempt && prev->state == TASK_INTERRUPTIBLE && READ_ONCE(prev->should_stop))
		prev->state = TASK_RUNNING;
	if (!preempt && prev->state != TASK_RUNNING) {
		prev->nvcsw++;
	} else if (prev != c->idle) {
		if (preempt)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		if (likely(task_allowed_on(prev, c->id)))
			/* Preempted before its slice ran out (a wake-up): it keeps its place. */
			enqueue(&c->rq, prev, false, preempt && prev->slice > 0);
		else
			prev->migrate = true;	/* finish_task_switch() moves it */
	}
	next = pick_next(&c->rq, c->idle);
	if (next != prev) {
		context_switch(c, prev, next);
	} else {
		raw_spin_unlock(&c->rq.lock);
		/*
		 * Picked again (a nudge, or nothing else to run): its livepatch
		 * switch point all the same, or a task running alone on its
		 * CPU, or preempted there while it had slice left, would never
		 * pass one, and a nudge would not help (issue 15's busy
		 * transition waited a whole round of its CPU for this).
		 */
		if (unlikely(test_tsk_thread_flag(prev, TIF_PATCH_PENDING)) && prev != c->idle)
			klp_try_switch_self();
		sched_report_qs(c);	/* a quiescent state (grace.c), after the switch point */
	}
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

/*
 * See sched.h. t's rq and the chosen CPU's rq are locked together, so
 * neither t's switch-out on its CPU nor another waker can interleave: a
 * task still on_cpu (between set_current_state() and schedule()) only
 * needs its state set back to running; one fully switched out is queued
 * on the chosen CPU, which gets a reschedule IPI.
 */
bool wake_up_state(struct task *t, unsigned int mask)
{
	struct rq *src, *dst;
	unsigned long flags;
	bool woken = false;

	preempt_disable();
	flags = local_irq_save();
	for (;;) {
		int target = select_task_cpu(t);

		src = cpu_rq(READ_ONCE(t->cpu));
		dst = cpu_rq(target);
		double_rq_lock(src, dst);
		if (cpu_rq(READ_ONCE(t->cpu)) == src)
			break;
		double_rq_unlock(src, dst);
	}
	if (READ_ONCE(t->state) & mask) {
		WRITE_ONCE(t->state, TASK_RUNNING);
		woken = true;
		if (!t->on_rq && !t->on_cpu) {
			/* both stay locked: the unlock below must see the pair it locked */
			struct rq *to = dst;

			t->slice = SCHED_SLICE_TICKS;
			if (!task_allowed_on(t, rq_cpu(to)->id) || !cpu_online(rq_cpu(to)->id))
				to = src;	/* affinity changed under the hint */
			move_task(t, src, to, true);
		}
	}
	double_rq_unlock(src, dst);
	local_irq_restore(flags);
	preempt_enable();	/* may switch to t at once */
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
	unsigned long flags;
	struct rq *rq;

	flags = local_irq_save();
	rq = task_rq_lock(t);
	if (t->on_rq) {
		list_move_tail(&t->rq_node, &rq->woken);
		resched_curr(rq);
	}
	raw_spin_unlock(&rq->lock);
	local_irq_restore(flags);
}

/* ---- affinity ---- */

/* See sched.h. */
int set_cpus_allowed(struct task *t, u64 mask)
{
	unsigned long flags;
	struct rq *src, *dst;
	int cpu = -1, i;

	mask &= cpu_possible_mask;
	for_each_online_cpu(i)
		if ((mask >> i) & 1) {
			cpu = i;
			break;
		}
	if (cpu < 0)
		return -EINVAL;
	preempt_disable();
	flags = local_irq_save();
	for (;;) {
		src = cpu_rq(READ_ONCE(t->cpu));
		dst = cpu_rq(cpu);
		double_rq_lock(src, dst);
		if (cpu_rq(READ_ONCE(t->cpu)) == src)
			break;
		double_rq_unlock(src, dst);
	}
	t->cpus_allowed = mask;
	if (!task_allowed_on(t, rq_cpu(src)->id)) {
		if (t->on_cpu)
			resched_curr(src);	/* __schedule() sees it is not allowed and moves it */
		else if (!t->migrate)
			move_task(t, src, dst, false);
	}
	double_rq_unlock(src, dst);
	local_irq_restore(flags);
	preempt_enable();	/* current, if it moved itself, switches here */
	return 0;
}
EXPORT_SYMBOL(set_cpus_allowed);

/* See sched.h. */
void kthread_bind(struct task *t, unsigned int cpu)
{
	if (WARN_ON(READ_ONCE(t->state) != TASK_NEW) || WARN_ON(!cpu_online(cpu)))
		return;
	set_cpus_allowed(t, 1ULL << cpu);
}
EXPORT_SYMBOL(kthread_bind);

/* See sched.h. */
notrace int sched_task_call(struct task *t, int (*fn)(struct task *t, void *arg), void *arg)
{
	unsigned long flags;
	struct rq *rq;
	int ret;

	if (t == current)
		return fn(t, arg);
	flags = local_irq_save();
	rq = task_rq_lock(t);
	ret = READ_ONCE(t->on_cpu) ? -EBUSY : fn(t, arg);
	raw_spin_unlock(&rq->lock);
	local_irq_restore(flags);
	return ret;
}

/* ---- balancing ---- */

/*
 * An idle CPU takes the first queued task it may run from the busiest
 * other run queue. Returns true if it took one (and set its own
 * TIF_NEED_RESCHED). IRQs off, no rq lock held.
 */
static bool idle_pull(struct cpu *c)
{
	struct rq *busiest = NULL, *mine = &c->rq;
	unsigned int most = 0;
	struct task *t, *found = NULL;
	int cpu;

	for_each_online_cpu(cpu) {
		unsigned int n = READ_ONCE(cpu_data[cpu]->rq.nr_running);

		if (cpu != c->id && n > most) {
			most = n;
			busiest = cpu_rq(cpu);
		}
	}
	if (!busiest)
		return false;
	double_rq_lock(mine, busiest);
	list_for_each_entry(t, &busiest->queue, rq_node)
		if (task_allowed_on(t, c->id) && !t->on_cpu) {
			found = t;
			break;
		}
	if (!found)
		list_for_each_entry(t, &busiest->woken, rq_node)
			if (task_allowed_on(t, c->id) && !t->on_cpu) {
				found = t;
				break;
			}
	if (found)
		move_task(found, busiest, mine, false);
	double_rq_unlock(mine, busiest);
	return found != NULL;
}

/* See sched.h. */
u64 sched_nr_switches(void)
{
	u64 n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n += READ_ONCE(cpu_data[cpu]->nr_switches);
	return n;
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

	c->nr_ticks++;
	if (t == c->idle) {
		if (c->rq.nr_running)
			set_tsk_thread_flag(t, TIF_NEED_RESCHED);
		return;
	}
	if (--t->slice <= 0 && c->rq.nr_running)
		set_tsk_thread_flag(t, TIF_NEED_RESCHED);
}

/* See sched.h. The idle task never sleeps; it halts until an interrupt. */
__noreturn void cpu_idle_loop(void)
{
	struct task *t = current;

	for (;;) {
		struct cpu *c = this_cpu();

		/* livepatch switch point: the idle loop runs no patched function */
		if (unlikely(test_tsk_thread_flag(t, TIF_PATCH_PENDING)))
			klp_update_patch_state(t);
		sched_report_qs(c);	/* a quiescent state (grace.c) */
		local_irq_disable();
		if (!need_resched() && num_online_cpus() > 1 && idle_pull(c))
			set_tsk_thread_flag(t, TIF_NEED_RESCHED);
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
