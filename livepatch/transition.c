/*
 * The consistency model (Linux's kernel/livepatch/transition.c, Kelp's
 * timing). A transition moves every task from the initial patch state to
 * the target one; a task switches when it provably runs no function being
 * replaced: (1) its stack, checked while it is switched out, holds no
 * return address inside one (the reliable unwinder; a preempted task's
 * whole stack is scanned instead, see klp_scan_stack); (2) right after it
 * switches out, (3) in the idle loop and at cond_resched(), (4) on return
 * to user space. (2)-(4) are switch points: direct calls guarded by
 * TIF_PATCH_PENDING in the scheduler, the idle loop and the exit to user
 * mode (klp_try_switch_prev, klp_update_patch_state, klp_try_switch_current),
 * so they cost one flag test when no transition runs. Kelp does not poll
 * once a second: a switch point completes the transition as soon as the
 * last pending task switched, the rest is retried on a short back-off
 * (1 ms doubling to 64 ms), and after klp_signal_ms pending interruptible
 * sleepers are woken (Linux's fake signal). klp_mutex guards everything
 * here but the switch points, which run with IRQs off and read the check
 * ranges; old ranges are freed only after a grace period over every CPU.
 */
#include "core.h"
#include "patch.h"
#include "transition.h"
#include "verify.h"
#include <kelp/export.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/x86.h>
#include <kelp/time.h>
#include <kelp/kallsyms.h>
#include <kelp/stacktrace.h>
#include <kelp/arch.h>
#include <kelp/syscall.h>
#include <kelp/string.h>
#include <kelp/sysctl.h>
#include <kelp/kstrto.h>
#include <kelp/wait.h>

#define KLP_MAX_STACK 64
#define KLP_BACKOFF_MAX 64	/* jiffies */

struct klp_range {
	unsigned long start, end;	/* a function's [start, end) */
	/*
	 * start is the patched site itself (the original function's fentry
	 * call): a task about to execute it goes through the handler, which
	 * follows its state, so start is not "inside". Any other function's
	 * first byte (a patch's new function) is: see klp_addr_in_ranges().
	 */
	bool entry_is_site;
};

struct klp_patch *klp_transition_patch;
static int klp_target_state = KLP_UNDEFINED;
unsigned int klp_signal_ms = 1000;
EXPORT_SYMBOL_FOR_KTEST(klp_signal_ms);

/* Read by the switch points with IRQs off; replaced with IRQs off. */
static struct klp_range *klp_ranges;
static unsigned int klp_nr_ranges;
/*
 * The ranges could not be built (no memory): no stack check passes until
 * a retry builds them. Tasks still switch where no kernel function can be
 * on their stack (return to user space, the idle loop), so an allocation
 * failure can slow a transition down but never let a task switch early.
 */
static bool klp_ranges_stale;
static atomic_t klp_nr_pending;

static unsigned long klp_backoff;	/* jiffies before the next retry */
static bool klp_nudged;		/* this transition's running tasks were nudged once */
static bool klp_in_work;	/* klp_transition_work_fn() runs (klp_mutex) */
static bool klp_handed_off;	/* the caller nudged, the work completes: the caller waits */
#define KLP_NUDGE_MS 20		/* how long a nudge may wait for the nudged CPUs */
static u64 klp_start_jiffies, klp_signal_jiffies;

static void klp_transition_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(klp_transition_work, klp_transition_work_fn);
/* The caller of a nudged transition waits here for its completion (klp_wait_handed_off). */
static DECLARE_WAIT_QUEUE_HEAD(klp_handoff_wait);

/* The nudged transition ended or was started again: its caller stops waiting. */
static void klp_handoff_done(void)
{
	if (READ_ONCE(klp_handed_off)) {
		WRITE_ONCE(klp_handed_off, false);
		wake_up_all(&klp_handoff_wait);
	}
}

static const char *klp_state_name(int state)
{
	return state == KLP_PATCHED ? "patching" : "unpatching";
}

/*
 * Grace period before transition flags are cleared and before anything a
 * handler reads is freed. Handlers run with preemption off and tasks are
 * preempted only at preempt_count 0, so a caller in task context with
 * preemption on knows that no handler is running on its own CPU, and
 * synchronize_rcu() waits until every other CPU passed a quiescent state
 * (nudging idle and busy CPUs with an IPI: a few microseconds, not a
 * tick). On one CPU it is a full fence and returns at once.
 */
static void klp_synchronize_transition(void)
{
	synchronize_rcu();
}

/* ---- the stack check ---- */

/*
 * Is addr inside one of the n sorted ranges? A range's first byte counts
 * unless it is the patched site. It used to count for no range ("a
 * function pointer, not a return address"), and that switched tasks that
 * were committed to the old function: the handler had already sent the
 * call to an older patch's function (or, unpatching, to the patch's own),
 * and the task was preempted before that function's first instruction ran,
 * in the ftrace trampoline's return path (the target in its pt_regs ip
 * and return slot) or on the target's first byte after a direct-mode
 * `jmp`. klp_scan_stack() saw only that first byte on the stack and let
 * the task switch; the transition completed, rmmod freed the module and
 * the task resumed into unmapped text (seed 001's ktest on 2 CPUs:
 * instruction fetch #PF at the replaced module's lp_klp_bench_f105;
 * regression klp_smp_entry_address_on_preempted_stack_keeps_task). A
 * pointer to such a function that is only data on a stack now delays the
 * task's switch to its next switch point: never unsafe.
 */
static notrace bool klp_addr_in_ranges(unsigned long addr, const struct klp_range *r,
				       unsigned int n)
{
	unsigned int lo = 0, hi = n;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (addr < r[mid].start)
			hi = mid;
		else if (addr >= r[mid].end)
			lo = mid + 1;
		else
			return addr != r[mid].start || !r[mid].entry_is_site;
	}
	return false;
}

static bool klp_check_entries(const unsigned long *entries, int n)
{
	if (READ_ONCE(klp_ranges_stale))
		return false;
	for (int i = 0; i < n; i++)
		if (klp_addr_in_ranges(entries[i], klp_ranges, klp_nr_ranges))
			return false;
	return true;
}

/*
 * Conservative check of a task whose stack the reliable unwinder refused
 * (preempted: an interrupt frame): every word of the live stack, the
 * saved instruction pointers of interrupt frames included, must lie
 * outside the checked functions. A return address into one of them must
 * be somewhere on the live stack, and so must the target of a call the
 * handler already redirected (the ftrace trampoline's saved ip: a
 * function's first byte, which counts), so this never switches a task
 * that is still inside one or on its way in; stale data can only delay a
 * switch. IRQs off.
 */
static bool klp_scan_stack(struct task *t, unsigned long sp)
{
	if (READ_ONCE(klp_ranges_stale) || sp < t->stack_lo || sp >= t->stack_hi)
		return false;
	for (unsigned long p = sp; p + 8 <= t->stack_hi; p += 8)
		if (klp_addr_in_ranges(*(unsigned long *)p, klp_ranges, klp_nr_ranges))
			return false;
	return true;
}

/*
 * Ends a fake signal klp_send_signals() gave t. A real one stays: a kill
 * that came after it shares TIF_SIGPENDING, so the flag is set again when
 * a kill is pending (process_kill sets pending_kill before the flag, so a
 * kill racing with the flush sets it itself).
 */
static void klp_clear_fake_signal(struct task *t)
{
	if (!test_and_clear_bit(TIF_NOTIFY_SIGNAL, &t->flags))
		return;
	flush_signals(t);
	if (READ_ONCE(t->pending_kill))
		set_tsk_thread_flag(t, TIF_SIGPENDING);
}

/*
 * Barrier pairs of the task state (Linux's klp_update_patch_state and
 * klp_init_transition, with Kelp's counter):
 * - the caller read TIF_PATCH_PENDING set before this reads
 *   klp_target_state (x86 keeps loads in order; the compiler is held by
 *   barrier() here). Partner: klp_init_transition() and
 *   klp_reverse_transition() write klp_target_state, then a full fence,
 *   then klp_start_transition() sets the flags: a task that sees its flag
 *   sees the target it was set for.
 * - patch_state is written before the locked test_and_clear (a full
 *   barrier) that clears the flag and drops klp_nr_pending. Partner:
 *   klp_try_complete_transition() on another CPU, which completes only
 *   when it finds no flag set: every switched task's patch_state is
 *   written by then.
 * - A switch point that read the flag before a reversal or a completion
 *   cleared it runs with IRQs off; both wait for a grace period
 *   (klp_synchronize_transition) before they use patch_state or the
 *   target again, so it cannot write a stale target after them.
 */
static void klp_switch_task(struct task *t)
{
	/*
	 * Only while the flag is still set (Linux writes the state only when
	 * its test_and_clear succeeds): a switch point that read the flag with
	 * IRQs on (cond_resched) and was preempted before its IRQs-off
	 * section may come here after a force switched it and the completion
	 * reset every state to UNDEFINED, or even after the next
	 * klp_init_transition(): it then wrote a target no flag was set for
	 * (PATCHED while the enable's sites were still NOPs: seed 004's wrong
	 * results; regression ktest klp_switch_after_force_keeps_state_undefined).
	 */
	if (!test_tsk_thread_flag(t, TIF_PATCH_PENDING))
		return;
	barrier();
	t->patch_state = READ_ONCE(klp_target_state);
	if (test_and_clear_bit(TIF_PATCH_PENDING, &t->flags))
		atomic_dec(&klp_nr_pending);
	klp_clear_fake_signal(t);
}

/*
 * The check and the switch of a switched-out task, with t pinned by
 * sched_task_call() (its run queue locked, IRQs off): t can start running
 * on another CPU neither during the walk nor between the walk's verdict
 * and the new patch_state. Returns 1 if switched, 0 if not.
 */
static int klp_check_switch_pinned(struct task *t, void *arg)
{
	unsigned long *entries = arg;
	const char *why;
	int n = arch_stack_walk_reliable(t, entries, KLP_MAX_STACK, &why);
	bool ok = n >= 0 ? klp_check_entries(entries, n) : klp_scan_stack(t, t->sp);

	if (ok)
		klp_switch_task(t);
	return ok;
}

/*
 * Tries to switch t; returns true if it is in the target state. A task
 * running on another CPU is never checked: it switches itself at its next
 * switch point.
 */
static bool klp_try_switch_task(struct task *t)
{
	unsigned long entries[KLP_MAX_STACK];
	unsigned long flags;
	bool ok;
	int n;

	if (t->patch_state == klp_target_state)
		return true;
	if (t != current)
		return sched_task_call(t, klp_check_switch_pinned, entries) == 1;
	flags = local_irq_save();
	n = stack_trace_save_tsk(t, entries, KLP_MAX_STACK);
	ok = n < KLP_MAX_STACK && klp_check_entries(entries, n);
	if (ok)
		klp_switch_task(t);
	local_irq_restore(flags);
	return ok;
}

/*
 * See livepatch.h: the scheduler's switch point, prev just switched out
 * (IRQs off, its rq lock held, must not sleep). The last pending task
 * switched has the caller wake the transition work at once, after the
 * lock: no polling. Checked under the lock because after it prev may run
 * (and exit, and be freed) on another CPU.
 */
bool klp_try_switch_prev(struct task *prev)
{
	unsigned long entries[KLP_MAX_STACK];

	if (!test_tsk_thread_flag(prev, TIF_PATCH_PENDING))
		return false;
	/* pinned by the caller's rq lock, as sched_task_call() would pin it */
	if (prev->patch_state != klp_target_state && !klp_check_switch_pinned(prev, entries))
		return false;
	return atomic_read(&klp_nr_pending) <= 0;
}

/* See livepatch.h. */
void klp_transition_kick(void)
{
	mod_delayed_work(klp_wq, &klp_transition_work, 0);
}

/* See livepatch.h. */
void klp_try_switch_current(void)
{
	if (klp_try_switch_task(current) && atomic_read(&klp_nr_pending) <= 0)
		mod_delayed_work(klp_wq, &klp_transition_work, 0);
}
EXPORT_SYMBOL_FOR_KTEST(klp_try_switch_current);

/*
 * See livepatch.h. The scheduler picked current again (IRQs off): it may
 * have been interrupted anywhere, so its stack is scanned whole from here
 * up, interrupt frames included, as a preempted task's is (klp_scan_stack).
 * Kelp's interrupts run on the task's stack, so this covers the
 * interrupted code; a stack pointer elsewhere fails the check.
 */
void klp_try_switch_self(void)
{
	struct task *t = current;
	unsigned long sp;

	if (!test_tsk_thread_flag(t, TIF_PATCH_PENDING))
		return;
	__asm__ __volatile__("mov %%rsp, %0" : "=r"(sp));
	if (!klp_scan_stack(t, sp))
		return;
	klp_switch_task(t);
	if (atomic_read(&klp_nr_pending) <= 0)
		mod_delayed_work(klp_wq, &klp_transition_work, 0);
}

/*
 * See livepatch.h: the switch point of the idle loop and of the return to
 * user space. As at the switch-out, the last pending task wakes the
 * transition work.
 */
void klp_update_patch_state(struct task *task)
{
	unsigned long flags;
	bool pending;

	flags = local_irq_save();
	pending = test_tsk_thread_flag(task, TIF_PATCH_PENDING);
	if (pending)
		klp_switch_task(task);
	local_irq_restore(flags);
	if (pending && atomic_read(&klp_nr_pending) <= 0)
		mod_delayed_work(klp_wq, &klp_transition_work, 0);
}

/*
 * See livepatch.h. The copy used to happen when the task was allocated,
 * before it joined the list: on SMP a transition could start or complete
 * on another CPU in between, and the child joined with a state from
 * another transition (UNDEFINED during one: it ran the new function while
 * unswitched; pending after one: a stale flag and a WARN at the next).
 * Idle tasks and init join at boot, outside any transition.
 */
void klp_copy_process(struct task *child)
{
	child->patch_state = current->patch_state;
	if (test_tsk_thread_flag(current, TIF_PATCH_PENDING) && child != current) {
		set_tsk_thread_flag(child, TIF_PATCH_PENDING);
		atomic_inc(&klp_nr_pending);
	} else {
		clear_tsk_thread_flag(child, TIF_PATCH_PENDING);
	}
}

/* See livepatch.h. */
bool klp_transition_in_progress(void)
{
	/* acquire: pairs with the release in klp_transition_end() */
	return smp_load_acquire(&klp_transition_patch) != NULL;
}
EXPORT_SYMBOL_FOR_KTEST(klp_transition_in_progress);

/* ---- the ranges a transition checks ---- */

static int klp_range_cmp(const struct klp_range *a, const struct klp_range *b)
{
	return a->start < b->start ? -1 : a->start > b->start;
}

static void klp_sort_ranges(struct klp_range *r, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		struct klp_range x = r[i];
		unsigned int j = i;

		while (j > 0 && klp_range_cmp(&r[j - 1], &x) > 0) {
			r[j] = r[j - 1];
			j--;
		}
		r[j] = x;
	}
}

/*
 * The function a task must not be in for func: when patching, what the
 * task runs now (the original, or the function of the patch below);
 * when unpatching, func's new function.
 */
static void klp_func_range(struct klp_func *func, struct klp_range *r)
{
	struct klp_ops *ops;
	struct klp_func *prev;

	if (klp_target_state == KLP_UNPATCHED) {
		r->start = (unsigned long)func->new_func;
		r->end = r->start + func->new_size;
	} else {
		ops = klp_find_ops(func->old_func);
		if (!ops || func->stack_node.next == &ops->func_stack) {
			r->start = (unsigned long)func->old_func;
			r->end = r->start + func->old_size;
		} else {
			prev = list_entry(func->stack_node.next, struct klp_func, stack_node);
			r->start = (unsigned long)prev->new_func;
			r->end = r->start + prev->new_size;
		}
	}
	/* a no-op's new_func is the original: its first byte is the site too */
	r->entry_is_site = r->start == (unsigned long)func->old_func;
}

/*
 * Frees ranges that were just unpublished. A switch point on another CPU
 * (IRQs off) may still be reading them: wait until every CPU passed a
 * quiescent state first.
 */
static void klp_free_old_ranges(struct klp_range *old)
{
	if (!old)
		return;
	synchronize_rcu();
	kfree(old);
}

/*
 * Builds and publishes the ranges of klp_transition_patch. -ENOMEM marks
 * them stale (every stack check fails) until a later call succeeds.
 */
static int klp_build_ranges(void)
{
	struct klp_range *r, *old;
	struct klp_object *obj;
	struct klp_func *func;
	unsigned int n = 0, i = 0;
	unsigned long flags;

	klp_for_each_object(klp_transition_patch, obj)
		klp_for_each_func(obj, func)
			n += func->patched;
	r = kcalloc(n ? n : 1, sizeof(*r), GFP_KERNEL);
	if (!r) {
		pr_warn("no memory for the transition's check, retrying\n");
		WRITE_ONCE(klp_ranges_stale, true);
		return -ENOMEM;
	}
	klp_for_each_object(klp_transition_patch, obj)
		klp_for_each_func(obj, func)
			if (func->patched)
				klp_func_range(func, &r[i++]);
	klp_sort_ranges(r, n);
	flags = local_irq_save();
	old = klp_ranges;
	klp_ranges = r;
	klp_nr_ranges = n;
	klp_ranges_stale = false;
	local_irq_restore(flags);
	klp_free_old_ranges(old);
	return 0;
}

/*
 * The transition completed: no task has TIF_PATCH_PENDING any more, and
 * the caller waited a grace period over every CPU after the last one was
 * cleared (after the post callbacks in klp_complete_transition, or after
 * klp_unpatch_objects unpatching), so no switch point can still read
 * the ranges (they read them only for a pending task, with IRQs off): they
 * are freed without a grace period of their own, unless a stray flag was
 * just cleared (a bug, warned about): then after one.
 */
static void klp_free_ranges(bool stray)
{
	unsigned long flags;
	struct klp_range *old;

	flags = local_irq_save();
	old = klp_ranges;
	klp_ranges = NULL;
	klp_nr_ranges = 0;
	klp_ranges_stale = false;
	local_irq_restore(flags);
	if (stray)
		klp_free_old_ranges(old);
	else
		kfree(old);
}

/* See transition.h. */
bool klp_transition_disables(struct module *mod)
{
	return klp_transition_patch && klp_transition_patch->mod == mod &&
	       klp_target_state == KLP_UNPATCHED;
}

/* See transition.h. A module object came or went during the transition. */
int klp_update_transition_ranges(void)
{
	return klp_transition_patch ? klp_build_ranges() : 0;
}

/* ---- the transition ---- */

/* See transition.h. Tasks start in the opposite state; funcs go into transition. */
void klp_init_transition(struct klp_patch *patch, int state)
{
	struct klp_object *obj;
	struct klp_func *func;
	struct task *t;
	unsigned long flags;

	WARN_ON_ONCE(klp_target_state != KLP_UNDEFINED);
	pr_debug("'%s': initializing %s transition\n", patch->mod->name, klp_state_name(state));
	klp_transition_patch = patch;
	WRITE_ONCE(klp_target_state, state);
	/*
	 * The target is written before any TIF_PATCH_PENDING of this
	 * transition (klp_start_transition, after the fences below). Partner:
	 * klp_switch_task() reads the flag, then the target.
	 */
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		WARN_ON_ONCE(t->patch_state != KLP_UNDEFINED);
		t->patch_state = !state;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/*
	 * The task states are written before func->transition. Partner: the
	 * second acquire in klp_ftrace_handler() (func->transition read
	 * before current->patch_state): a handler that sees the function in
	 * transition sees the caller's initial state, never an old one.
	 */
	smp_mb();
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			WRITE_ONCE(func->transition, true);
	/*
	 * func->transition is written before the functions go on their
	 * stacks (__klp_enable_patch, which fences again) and before any
	 * TIF_PATCH_PENDING (__klp_disable_patch). Partners: the first
	 * acquire in klp_ftrace_handler() (the stack read before
	 * func->transition), and klp_switch_task().
	 */
	smp_mb();
	klp_clear_direct(patch);	/* unpatching: the sites leave direct mode */
}

/* See transition.h. Marks the tasks still to switch: the switch points take over. */
void klp_start_transition(void)
{
	struct task *t;
	unsigned long flags;
	int pending = 0;

	pr_debug("'%s': starting %s transition\n", klp_transition_patch->mod->name,
		  klp_state_name(klp_target_state));
	klp_build_ranges();	/* -ENOMEM: stale, the retries build them */
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (t->patch_state != klp_target_state) {
			set_tsk_thread_flag(t, TIF_PATCH_PENDING);
			pending++;
		}
	}
	atomic_set(&klp_nr_pending, pending);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	klp_start_jiffies = jiffies;
	klp_signal_jiffies = klp_start_jiffies + msecs_to_jiffies(klp_signal_ms);
	klp_backoff = 1;
	klp_nudged = false;
	klp_handoff_done();	/* a reversal: its store waits for the new direction */
}

/*
 * The switch pass below, first called from the enable's code batch
 * (klp_start_transition_live); defined with the completion.
 */
static bool klp_switch_all(u64 *running);

/*
 * See transition.h. The patch's sites are live on every CPU: any CPU
 * entering a patched function reaches klp_ftrace_handler(), through the
 * new call or the #BP handler's emulation of it (text_poke_bp_batch_live),
 * so a task switched from here on never runs an old function it should
 * not. The batch's last sync round has not begun. The transition starts,
 * the tasks that are not running are switched, and the CPUs running
 * pending tasks are marked to pass their scheduler at their next
 * interrupt exit: the sync round's IPI, which every CPU answers, is their
 * nudge (the flag is set before the IPI is sent; sched_irq_exit_preempt()
 * reads it after the IPI came). That saves the nudge's own IPI round trip
 * (issue 15's busy transition). klp_try_complete_transition() after the
 * commit finds them switched, or nudges once more (a CPU that answered
 * the sync but had not reached its scheduler yet).
 */
void klp_start_transition_live(void *unused)
{
	u64 running;

	klp_start_transition();
	if (!klp_switch_all(&running))
		sched_mark_cpus_resched(running);
}

/* All tasks are in the target state: clean up, run the post callbacks. */
static void klp_complete_transition(void)
{
	struct klp_patch *patch = klp_transition_patch;
	struct klp_object *obj;
	struct klp_func *func;
	struct task *t;
	unsigned long flags;
	bool stray = false;

	pr_debug("'%s': completing %s transition\n", patch->mod->name,
		  klp_state_name(klp_target_state));
	cancel_delayed_work(&klp_transition_work);
	if (patch->replace && klp_target_state == KLP_PATCHED) {
		/* the replaced patches leave the stacks, then the nops: sites back to NOP */
		klp_unpatch_replaced_patches(patch);
		klp_unpatch_nops(patch);
		klp_synchronize_transition();
		klp_free_nops(patch);
	}
	if (klp_target_state == KLP_UNPATCHED) {
		klp_unpatch_objects(patch);
		klp_synchronize_transition();
	}
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			WRITE_ONCE(func->transition, false);
	/*
	 * Linux waits a grace period here, before the states are reset, so
	 * that klp_ftrace_handler() never reads KLP_TRANSITION_IDLE after it
	 * saw func->transition (it warns). Kelp's handler sends every state
	 * but UNPATCHED to the function on top of the stack, the right one
	 * once patching completed, so a handler that read the flag before
	 * the clear and reads KLP_UNDEFINED below still calls the new
	 * function. The grace period moves after the post_patch callbacks
	 * (below): it still ends before the transition does, so no handler
	 * that read this transition's flag can read the states the next
	 * transition writes (that would send it to the function under this
	 * patch's), and the stack check's ranges are freed behind it. With
	 * every CPU busy it costs a vCPU turn under icount (issue 15).
	 * Partner: klp_ftrace_handler() reads func->transition before
	 * current->patch_state. Unpatching waited above: its functions left
	 * the stacks before the flags were cleared. A forced transition still
	 * waits before the reset: force cleared the flags of running tasks,
	 * whose switch points (IRQs off) may have read their flag before and
	 * would write the target after the reset (klp_switch_task()).
	 */
	if (klp_target_state == KLP_PATCHED && patch->forced)
		klp_synchronize_transition();
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (WARN_ON_ONCE(test_and_clear_bit(TIF_PATCH_PENDING, &t->flags)))
			stray = true;
		klp_clear_fake_signal(t);
		t->patch_state = KLP_UNDEFINED;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	klp_for_each_object(patch, obj) {
		if (!klp_is_object_loaded(obj))
			continue;
		if (klp_target_state == KLP_PATCHED)
			klp_post_patch_callback(obj);
		else
			klp_post_unpatch_callback(obj);
	}
	if (klp_target_state == KLP_PATCHED && !patch->forced)
		klp_synchronize_transition();
	klp_free_ranges(stray);
	/*
	 * The transition is complete before this: every task runs the
	 * target functions, through the handler. Direct mode only shortens
	 * the path to the same functions (Linux has none), so it comes after
	 * the post callbacks: it is a text_poke_bp batch, three round trips to
	 * every other CPU, and with every CPU busy each costs up to a
	 * scheduler tick (issue 15). The caller of the enable or the store
	 * still waits for it (klp_wait_handed_off).
	 */
	klp_set_direct_all();
	pr_debug("'%s': %s complete\n", patch->mod->name, klp_state_name(klp_target_state));
	if (klp_verify_enabled && !patch->forced)
		klp_verify_stacks(patch, klp_target_state);
}

/*
 * The transition is over. Last, after the free work of the patches it
 * disabled is queued: whoever sees klp_transition_in_progress() false
 * (without klp_mutex, a test or the soak on another CPU) can flush that
 * work and find it queued. When the clear came first, a ktest on one CPU
 * flushed nothing while the worker on the other had not queued the free
 * yet, reused the patch, and registered its kobject twice
 * (klp_shadow_eight_threads_while_replacing on 2 CPUs; regression ktest
 * klp_smp_idle_implies_free_queued).
 */
static void klp_transition_end(void)
{
	klp_target_state = KLP_UNDEFINED;
	/* release: pairs with the acquire in klp_transition_in_progress() */
	smp_store_release(&klp_transition_patch, NULL);
	klp_handoff_done();
}

/* Wakes the pending interruptible sleepers so they pass a switch point. */
static void klp_send_signals(void)
{
	struct task *t;
	unsigned long flags;

	pr_debug("signaling remaining tasks\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (!test_tsk_thread_flag(t, TIF_PATCH_PENDING) || is_idle_task(t))
			continue;
		/*
		 * A fake signal: interruptible waits return, the task leaves
		 * the function and passes a switch point (cond_resched, its
		 * switch-out, later the return to user space), where the
		 * signal is taken back. Tasks already signalled are left alone.
		 */
		if (signal_pending(t))
			continue;
		set_tsk_thread_flag(t, TIF_NOTIFY_SIGNAL);
		signal_wake_up(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * One pass over the tasks: switches those that can be. Returns true if
 * all are switched; *running gets the CPUs of pending tasks that are
 * running there (they are never checked from here).
 */
static bool klp_switch_all(u64 *running)
{
	bool complete = true;
	unsigned long flags;
	struct task *t;

	*running = 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (klp_try_switch_task(t))
			continue;
		complete = false;
		if (READ_ONCE(t->on_cpu) && t != current)
			*running |= 1ULL << task_cpu(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return complete;
}

/* See transition.h. */
bool klp_try_complete_transition(void)
{
	struct klp_patch *patch = klp_transition_patch;
	bool complete;
	u64 running;

	if (WARN_ON_ONCE(klp_target_state == KLP_UNDEFINED))
		return false;
	complete = klp_switch_all(&running);
	if (!complete && running && !klp_nudged) {
		/*
		 * Tasks running on other CPUs (their idle tasks at least) switch
		 * only at their own switch points: rather than wait for those
		 * to come by, make them come now (an IPI each), once per
		 * transition. An idle or preemptible CPU answers in
		 * microseconds.
		 */
		klp_nudged = true;
		if (klp_in_work) {
			sched_nudge_cpus(running, KLP_NUDGE_MS);
			complete = klp_switch_all(&running);
		} else {
			/*
			 * The caller does not wait for the nudged CPUs while it
			 * holds klp_mutex: the last task to switch wakes the
			 * transition work (klp_try_switch_prev), which completes
			 * the transition (grace period, post callbacks, direct
			 * mode) with a fresh time slice, woken at the front of
			 * its CPU's queue. The caller waited for the nudge, then
			 * looked again and handed the completion to the work: two
			 * tasks taking turns at klp_mutex behind every busy
			 * thread, one more round of cross-CPU waits (issue 15's
			 * busy transition), and klp_mutex held across a wait of
			 * up to KLP_NUDGE_MS. The caller still waits for the
			 * completion that long, asleep and without klp_mutex
			 * (klp_wait_handed_off): to user space the transition
			 * completes in the store or the enable, as on one CPU.
			 */
			WRITE_ONCE(klp_handed_off, true);
			sched_nudge_cpus_async(running);
			/*
			 * The retry below is a fallback: queue_delayed_work
			 * leaves a work the last switch already queued to run at
			 * once as it is (mod_delayed_work would postpone it).
			 */
			queue_delayed_work(klp_wq, &klp_transition_work, klp_backoff);
			if (klp_backoff < KLP_BACKOFF_MAX)
				klp_backoff *= 2;
			return false;
		}
	}
	if (!complete) {
		if (klp_signal_ms && jiffies >= klp_signal_jiffies) {
			klp_send_signals();
			klp_signal_jiffies = jiffies + msecs_to_jiffies(klp_signal_ms);
		}
		mod_delayed_work(klp_wq, &klp_transition_work, klp_backoff);
		if (klp_backoff < KLP_BACKOFF_MAX)
			klp_backoff *= 2;
		return false;
	}
	klp_complete_transition();
	if (!patch->enabled) {
		klp_free_patch_async(patch);
	} else if (patch->replace) {
		struct klp_patch *old, *tmp;

		/* _safe: klp_free_patch_async() unlinks old */
		list_for_each_entry_safe(old, tmp, &klp_patches, list)
			if (old != patch && !old->enabled)
				klp_free_patch_async(old);
	}
	klp_transition_end();
	return true;
}

static void klp_transition_work_fn(struct work_struct *work)
{
	mutex_lock(&klp_mutex);
	klp_in_work = true;
	if (klp_transition_patch && klp_ranges_stale)
		klp_build_ranges();
	if (klp_transition_patch)
		klp_try_complete_transition();
	klp_in_work = false;
	mutex_unlock(&klp_mutex);
}

/*
 * See transition.h. After KLP_NUDGE_MS, a transition whose tasks all
 * switched is still waited for, up to KLP_HANDOFF_MAX_MS: its completion
 * is only waiting for the work to run (on a loaded host, for its vCPU),
 * and a store that returned before it let `rmmod` or the next command race
 * the completion's log lines and free (livepatch_state.t, at 2 CPUs under
 * make test). A transition still pending is stalled on a task: return.
 */
#define KLP_HANDOFF_MAX_MS 2000

void klp_wait_handed_off(void)
{
	if (!READ_ONCE(klp_handed_off))
		return;
	if (wait_event_timeout(klp_handoff_wait, !READ_ONCE(klp_handed_off),
			       msecs_to_jiffies(KLP_NUDGE_MS)))
		return;
	if (atomic_read(&klp_nr_pending) <= 0)
		wait_event_timeout(klp_handoff_wait, !READ_ONCE(klp_handed_off),
				   msecs_to_jiffies(KLP_HANDOFF_MAX_MS));
}

/* See transition.h. An enable failed before the transition started. */
void klp_cancel_transition(void)
{
	if (WARN_ON_ONCE(klp_target_state != KLP_PATCHED))
		return;
	pr_debug("'%s': canceling patching transition, going to unpatch\n",
		  klp_transition_patch->mod->name);
	klp_target_state = KLP_UNPATCHED;
	klp_complete_transition();
	klp_transition_end();	/* the enable's error path frees the patch itself */
}

/* See transition.h. enabled was toggled during the transition. */
void klp_reverse_transition(void)
{
	struct task *t;
	unsigned long flags;

	pr_debug("'%s': reversing transition from %s\n", klp_transition_patch->mod->name,
		  klp_target_state == KLP_PATCHED ? "patching to unpatching" :
						    "unpatching to patching");
	klp_transition_patch->enabled = !klp_transition_patch->enabled;
	/* no task switches while the direction changes */
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t)
		clear_tsk_thread_flag(t, TIF_PATCH_PENDING);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* switch points that read a flag before it was cleared are done (IRQs off) */
	klp_synchronize_transition();
	WRITE_ONCE(klp_target_state, !klp_target_state);
	/*
	 * The new target before the new flags. Partner: klp_switch_task()
	 * reads its flag, then the target: it never switches a task to the
	 * direction that was just abandoned.
	 */
	smp_mb();
	klp_start_transition();
}

/*
 * See transition.h. The operator's override: every pending task is
 * declared switched. Called under klp_mutex from force_store: Kelp
 * serialises forcing with every other livepatch operation (seed 004:
 * Petr Mladek's position), so a forced transition can only race with the
 * tasks themselves, never with a reversal or a completion; speed does not
 * matter here, debuggability does.
 */
void klp_force_transition(void)
{
	struct klp_patch *patch;
	struct task *t;
	unsigned long flags;

	pr_warn("forcing remaining tasks to the patched state\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t)
		if (test_tsk_thread_flag(t, TIF_PATCH_PENDING))
			klp_switch_task(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	klp_for_each_patch(patch)
		patch->forced = true;
	klp_transition_patch->forced = true;
	add_taint(TAINT_LIVEPATCH);
}

/* kernel.livepatch_signal_ms: when a stalled transition wakes its sleepers. */
static int klp_signal_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%u", klp_signal_ms);
}

static int klp_signal_store(const char *val)
{
	return kstrtouint(val, 10, &klp_signal_ms) ? -EINVAL : 0;
}

static const struct ctl_table klp_transition_sysctls[] = {
	{ "kernel.livepatch_signal_ms", klp_signal_show, klp_signal_store },
};
SYSCTL_TABLE(klp_transition_sysctls);
