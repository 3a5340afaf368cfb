/*
 * The safety net of the consistency model, independent of transition.c:
 * after every completed (and not forced) transition, walk every task's
 * stack with the debugging unwinder and look each return address up in
 * kallsyms (modules' too); no task may be inside a function that the
 * transition took out of service (patching: the old functions and the
 * older patches' versions of them, all of a replaced patch's; unpatching:
 * the patch's new ones). A failure is logged with pr_err and counted; the tests
 * require the count to stay 0. kernel.livepatch_verify turns it off.
 */
#include "core.h"
#include "verify.h"
#include <kelp/export.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/sysctl.h>
#include <kelp/kstrto.h>

#define KLP_VERIFY_MAX_STACK 64

unsigned int klp_verify_enabled = 1;
unsigned long klp_verify_failures;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_failures);
unsigned long klp_verify_runs;
EXPORT_SYMBOL_FOR_KTEST(klp_verify_runs);

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

/* See verify.h. */
struct klp_func *klp_verify_lookup(struct klp_patch *patch, int state, unsigned long addr)
{
	struct klp_object *obj;
	struct klp_func *func;
	unsigned long size, off, start;

	if (!kallsyms_lookup(addr, &size, &off) && !module_address_lookup(addr, &size, &off, NULL))
		return NULL;
	start = addr - off;
	if (!off)
		return NULL;	/* a function pointer, not a return address inside it */
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
found:
	/* only now: the site lookup is dearer than the compares, per stack entry */
	return klp_verify_in_fentry_call(start, addr) ? NULL : func;
}
EXPORT_SYMBOL_FOR_KTEST(klp_verify_lookup);

/* See verify.h. */
int klp_verify_stacks(struct klp_patch *patch, int state)
{
	unsigned long entries[KLP_VERIFY_MAX_STACK];
	struct klp_func *func;
	unsigned long flags;
	struct task *t;
	int bad = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		unsigned int n;

		if (t == current)
			continue;
		n = stack_trace_save_tsk(t, entries, KLP_VERIFY_MAX_STACK);
		for (unsigned int i = 0; i < n; i++) {
			func = klp_verify_lookup(patch, state, entries[i]);
			if (!func)
				continue;
			pr_err("verify: %s/%d is inside %s after '%s' completed %s\n", t->comm, t->pid,
			       state == KLP_PATCHED ? func->old_name : "the new function",
			       patch->mod->name, state == KLP_PATCHED ? "patching" : "unpatching");
			bad++;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	klp_verify_runs++;
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
