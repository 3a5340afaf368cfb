/*
 * The safety net of the consistency model, independent of transition.c:
 * after every completed (and not forced) transition, stop every CPU
 * (stop_machine_all) and walk every stack with the debugging unwinder:
 * each CPU walks its own, from the stop callback through the IPI's
 * interrupt frame into the task it interrupted (running tasks included),
 * and the calling CPU walks every switched-out task. Each return address
 * (and each interrupted RIP) is looked up in kallsyms (modules' too); no
 * task may be inside a function that the transition took out of service
 * (patching: the old functions and the older patches' versions of them,
 * all of a replaced patch's; unpatching: the patch's new ones). A failure
 * is logged with pr_err and counted; the tests require the count to stay
 * 0 (tests/qemu/run.py fails a run whose log has a report). A test that
 * provokes reports on purpose announces them in klp_verify_expected.
 * kernel.livepatch_verify turns the check off.
 */
#include "core.h"
#include "verify.h"
#include <kelp/arch.h>
#include <kelp/export.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/sysctl.h>
#include <kelp/kstrto.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/traps.h>

#define KLP_VERIFY_MAX_STACK 64

unsigned int klp_verify_enabled = 1;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_enabled);
unsigned long klp_verify_failures;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_failures);
unsigned long klp_verify_runs;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_runs);
unsigned long klp_verify_expected;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_expected);
unsigned long klp_verify_running_found;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_running_found);

/*
 * True for the return address of the fentry call of the function at
 * start: the task is in the ftrace trampoline, before any of the body
 * ran. After patching that is not "inside the old function": a task can
 * only have got there after it switched (the transition's own check sees
 * that address and keeps a task that has it unswitched), so the handler
 * sends it to the new function. Preempted there, getpid loops made the
 * livepatch_syscall scenario flaky.
 */
static bool klp_verify_in_fentry_call(unsigned long start, unsigned long addr)
{
	unsigned long site = addr - MCOUNT_INSN_SIZE;

	return site >= start && ftrace_location(site) == site;
}

/* The function of patch replacing old_func, or NULL (no-ops do not count). */
static struct klp_func *klp_verify_patch_func(struct klp_patch *patch, void *old_func)
{
	struct klp_object *obj;
	struct klp_func *func;

	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			if (!func->nop && func->old_func == old_func)
				return func;
	return NULL;
}

/*
 * After patch completed patching, the older versions of what it patches
 * are out of service too: the function of another installed patch for
 * the same old function (patch is on top of it), and every function of
 * a patch it replaced (the original is back where patch has no function).
 */
static struct klp_func *klp_verify_older(struct klp_patch *patch, unsigned long start)
{
	struct klp_patch *other;
	struct klp_object *obj;
	struct klp_func *func;

	klp_for_each_patch(other) {
		if (other == patch)
			continue;
		klp_for_each_object(other, obj)
			klp_for_each_func(obj, func)
				if (!func->nop && start == (unsigned long)func->new_func &&
				    (patch->replace || klp_verify_patch_func(patch, func->old_func)))
					return func;
	}
	return NULL;
}

/*
 * klp_verify_lookup, and for exact (an interrupted RIP, not a return
 * address) the same without the fentry exception: a RIP right after the
 * fentry call means the call returned into the old body.
 */
static struct klp_func *klp_verify_find(struct klp_patch *patch, int state, unsigned long addr,
					bool exact)
{
	struct klp_object *obj;
	struct klp_func *func;
	unsigned long size, off, start;

	if (!kallsyms_lookup(addr, &size, &off) && !module_address_lookup(addr, &size, &off, NULL))
		return NULL;
	start = addr - off;
	/*
	 * A return address cannot be a function's first byte. A RIP there
	 * has not run it yet: for an original function that is its fentry
	 * call, which sends a switched task elsewhere, but a patch's function
	 * (an older patch's after patching, the patch's own after unpatching)
	 * has no handler in front of it: a task there was sent there and will
	 * run it (transition.c, klp_addr_in_ranges).
	 */
	if (!off && !exact)
		return NULL;
	if (state == KLP_UNPATCHED) {
		klp_for_each_object(patch, obj)
			klp_for_each_func(obj, func)
				if (!func->nop && start == (unsigned long)func->new_func)
					return func;
		return NULL;
	}
	func = NULL;
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			if (!func->nop && start == (unsigned long)func->old_func)
				goto found;
	func = klp_verify_older(patch, start);
	if (!func)
		return NULL;
	if (!off)
		return func;	/* exact: about to run an older patch's function */
	return !exact && klp_verify_in_fentry_call(start, addr) ? NULL : func;
found:
	if (!off)
		return NULL;	/* exact, on the site: the handler follows the task's state */
	/* only now: the site lookup is dearer than the compares, per stack entry */
	return !exact && klp_verify_in_fentry_call(start, addr) ? NULL : func;
}

/* See verify.h. */
struct klp_func *klp_verify_lookup(struct klp_patch *patch, int state, unsigned long addr)
{
	return klp_verify_find(patch, state, addr, false);
}
EXPORT_SYMBOL_FOR_KTEST(klp_verify_lookup);

/* One run of the check, shared by the stopped CPUs. */
struct klp_verify_run {
	struct klp_patch *patch;
	int state;
	struct task *caller;		/* its CPU walks the switched-out tasks */
	int cpus;			/* CPUs that walked their running task */
	int skipped;			/* 1 if tasklist_lock was busy (never expected) */
};

/*
 * Checks one task's trace: 1 (and a report) if an entry lies inside a
 * retired function, else 0. An entry after isr_return_to_entry is the RIP
 * of the code that interrupt or exception stopped. cpu >= 0: the task was
 * running there. IRQs off, every other CPU stopped.
 */
static int klp_verify_trace(struct klp_verify_run *v, struct task *t, int cpu,
			    const unsigned long *entries, unsigned int n)
{
	struct klp_patch *patch = v->patch;
	struct klp_func *func;
	bool exact = false;
	char where[24] = "";

	for (unsigned int i = 0; i < n; i++) {
		if ((char *)entries[i] == isr_return_to_entry) {
			exact = true;
			continue;
		}
		func = klp_verify_find(patch, v->state, entries[i], exact);
		exact = false;
		if (!func)
			continue;
		if (cpu >= 0) {
			snprintf(where, sizeof(where), " (running on CPU %d)", cpu);
			__atomic_fetch_add(&klp_verify_running_found, 1, __ATOMIC_RELAXED);
		}
		pr_err("verify: %s%s/%d is inside %s after '%s' completed %s%s\n",
		       READ_ONCE(klp_verify_expected) ? "expected: " : "", t->comm, t->pid,
		       v->state == KLP_PATCHED ? func->old_name : "the new function",
		       patch->mod->name, v->state == KLP_PATCHED ? "patching" : "unpatching", where);
		return 1;
	}
	return 0;
}

/*
 * The stop callback, on every CPU with IRQs off once all have stopped:
 * the task this CPU was running (here current: the IPI runs on its
 * stack, so the walk goes from this frame through the interrupt frame
 * into it), and on the caller's CPU every task that runs nowhere. Their
 * stacks cannot change meanwhile: every CPU is here. Returns the number
 * of tasks inside a retired function.
 */
static int klp_verify_cpu(void *data)
{
	unsigned long entries[KLP_VERIFY_MAX_STACK];
	struct klp_verify_run *v = data;
	int cpu = smp_processor_id(), bad;
	unsigned int n;
	struct task *t;

	n = stack_walk_fp((unsigned long)__builtin_frame_address(0), entries, KLP_VERIFY_MAX_STACK);
	bad = klp_verify_trace(v, current, cpu, entries, n);
	__atomic_fetch_add(&v->cpus, 1, __ATOMIC_RELAXED);
	if (current != v->caller)	/* elsewhere current is the task the IPI stopped */
		return bad;
	/*
	 * Every other CPU took the stop IPI with IRQs on, and tasklist_lock
	 * is only taken with IRQs off: no stopped CPU holds it, and the
	 * caller holds no spinlock (stop_machine). A trylock all the same:
	 * a stopped machine must never spin on a lock.
	 */
	if (!spin_trylock(&tasklist_lock)) {
		v->skipped = 1;
		return bad;
	}
	for_each_task(t) {
		if (READ_ONCE(t->on_cpu))
			continue;	/* walked by its CPU above */
		n = stack_walk_fp(arch_task_frame(t), entries, KLP_VERIFY_MAX_STACK);
		bad += klp_verify_trace(v, t, -1, entries, n);
	}
	spin_unlock(&tasklist_lock);
	return bad;
}

/* See verify.h. */
int klp_verify_stacks(struct klp_patch *patch, int state)
{
	struct klp_verify_run v = { .patch = patch, .state = state, .caller = current };
	int bad;

	bad = stop_machine_all(klp_verify_cpu, &v);
	if (v.skipped || v.cpus != num_online_cpus()) {
		pr_err("verify: could not walk every stack after '%s' (%d of %d CPUs, tasks %s)\n",
		       patch->mod->name, v.cpus, num_online_cpus(), v.skipped ? "skipped" : "walked");
		bad++;
	}
	klp_verify_runs++;
	if (READ_ONCE(klp_verify_expected))
		return bad;
	klp_verify_failures += bad;
	return bad;
}
EXPORT_SYMBOL_FOR_KTEST(klp_verify_stacks);

/* kernel.livepatch_verify: 1 runs the stack check after each transition. */
static int klp_verify_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%u", klp_verify_enabled);
}

static int klp_verify_store(const char *val)
{
	unsigned int v;

	if (kstrtouint(val, 10, &v) || v > 1)
		return -EINVAL;
	klp_verify_enabled = v;
	return 0;
}

static const struct ctl_table klp_verify_sysctls[] = {
	{ "kernel.livepatch_verify", klp_verify_show, klp_verify_store },
};
SYSCTL_TABLE(klp_verify_sysctls);
