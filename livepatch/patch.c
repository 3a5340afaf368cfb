/*
 * Redirection of patched functions (Linux's kernel/livepatch/patch.c).
 * Every patched address has one klp_ops: an IPMODIFY ftrace_ops whose
 * handler sends the call to the newest klp_func on the address's
 * func_stack, or, while that function is in a transition and the current
 * task has not switched yet, to the one below it (or the original). Once
 * no transition runs, a site goes to ftrace's direct mode (`jmp new_func`),
 * which Linux does not have: one instruction instead of the handler.
 * The func_stack is changed under klp_mutex and read locklessly by the
 * handler, so entries are published with a store barrier first.
 * Sites change in batches: each entry point below wraps its ftrace calls
 * in ftrace_update_begin/commit, so enabling n functions patches code
 * once (one set of int3/sync rounds), not n times; the ops are found by
 * a hash, so the rest of the work is linear too.
 */
#include "core.h"
#include "patch.h"
#include <kelp/export.h>
#include <kelp/errno.h>
#include <kelp/klp_shadow.h>
#include <kelp/mm.h>
#include <kelp/panic.h>

static LIST_HEAD(klp_ops_list);

#define KLP_OPS_HASH_BITS 9
static struct klp_ops *klp_ops_hash[1 << KLP_OPS_HASH_BITS];

static unsigned int klp_ops_hashfn(unsigned long addr)
{
	return (addr * 0x9e3779b97f4a7c15ull) >> (64 - KLP_OPS_HASH_BITS);
}

static void klp_ops_link(struct klp_ops *ops)
{
	struct klp_ops **head = &klp_ops_hash[klp_ops_hashfn(ops->old_addr)];

	ops->hash_next = *head;
	*head = ops;
	list_add(&ops->node, &klp_ops_list);
}

static void klp_ops_unlink(struct klp_ops *ops)
{
	struct klp_ops **p = &klp_ops_hash[klp_ops_hashfn(ops->old_addr)];

	while (*p != ops)
		p = &(*p)->hash_next;
	*p = ops->hash_next;
	list_del(&ops->node);
}

/* list_add with the entry complete before it becomes reachable (handler reads). */
static void klp_stack_push(struct list_head *new, struct list_head *head)
{
	struct list_head *next = head->next;

	new->next = next;
	new->prev = head;
	smp_wmb();	/* pairs with klp_ftrace_handler()'s first smp_rmb() */
	WRITE_ONCE(head->next, new);
	next->prev = new;
}

/* list_del keeping entry->next valid for a handler that still reads it. */
static void klp_stack_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	WRITE_ONCE(entry->prev->next, entry->next);
}

/* See patch.h. */
struct klp_ops *klp_find_ops(void *old_func)
{
	struct klp_ops *ops = klp_ops_hash[klp_ops_hashfn((unsigned long)old_func)];

	while (ops && ops->old_addr != (unsigned long)old_func)
		ops = ops->hash_next;
	return ops;
}

/*
 * The ftrace handler: picks the function for the current task (in IRQ
 * context the interrupted task). notrace, preemption off, no locks.
 */
static notrace void klp_ftrace_handler(unsigned long ip, unsigned long parent_ip,
				       struct ftrace_ops *fops, struct ftrace_regs *fregs)
{
	struct klp_ops *ops = container_of(fops, struct klp_ops, fops);
	struct list_head *first = READ_ONCE(ops->func_stack.next);
	struct klp_func *func;

	if (unlikely(first == &ops->func_stack))
		return;
	func = list_entry(first, struct klp_func, stack_node);
	/*
	 * The stack read before func->transition. Partners: the release in
	 * klp_stack_push() and the fence after klp_init_transition() in
	 * __klp_enable_patch(): a function newly on the stack is seen in
	 * transition, so an unswitched task still gets the one below it.
	 */
	smp_rmb();
	if (unlikely(READ_ONCE(func->transition))) {
		/*
		 * func->transition read before current->patch_state. Partners:
		 * the fence between the task states and func->transition in
		 * klp_init_transition(), and the grace period between clearing
		 * func->transition and resetting the states in
		 * klp_complete_transition().
		 */
		smp_rmb();
		if (READ_ONCE(current->patch_state) == KLP_UNPATCHED) {
			struct list_head *next = READ_ONCE(func->stack_node.next);

			if (next == &ops->func_stack)
				return;		/* the original function */
			func = list_entry(next, struct klp_func, stack_node);
		}
	}
	if (func->nop)
		return;
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)func->new_func);
}

static void klp_ops_set_direct(struct klp_ops *ops, void *target)
{
	if (ops->direct == target)
		return;
	if (ops->direct)
		ftrace_site_clear_direct(&ops->fops, ops->old_addr);
	ops->direct = NULL;
	if (target && !ftrace_site_set_direct(&ops->fops, ops->old_addr, (unsigned long)target))
		ops->direct = target;
}

static void klp_unpatch_func(struct klp_func *func)
{
	struct klp_ops *ops = klp_find_ops(func->old_func);

	if (WARN_ON(!func->patched) || WARN_ON(!ops))
		return;
	if (ops->func_stack.next == &func->stack_node && func->stack_node.next == &ops->func_stack) {
		/* the last one: back to the NOP; no handler runs after this */
		unregister_ftrace_function(&ops->fops);
		ftrace_set_filter_ip(&ops->fops, 0, 0, 1);
		klp_stack_del(&func->stack_node);
		klp_ops_unlink(ops);
		kfree(ops);
	} else {
		klp_ops_set_direct(ops, NULL);
		klp_stack_del(&func->stack_node);
	}
	func->patched = false;
}

static int klp_patch_func(struct klp_func *func)
{
	struct klp_ops *ops;
	unsigned long loc;
	int ret;

	if (WARN_ON(func->patched))
		return -EINVAL;
	ops = klp_find_ops(func->old_func);
	if (ops) {
		klp_ops_set_direct(ops, NULL);	/* the handler must choose again */
		klp_stack_push(&func->stack_node, &ops->func_stack);
		func->patched = true;
		return 0;
	}
	loc = ftrace_location((unsigned long)func->old_func);
	if (!loc) {
		pr_err("failed to find location for function '%s'\n", func->old_name);
		return -EINVAL;
	}
	ops = kzalloc(sizeof(*ops), GFP_KERNEL);
	if (!ops)
		return -ENOMEM;
	ops->fops.func = klp_ftrace_handler;
	/* PERMANENT, as Linux: kernel.ftrace_enabled=0 would silently unpatch (EBUSY). */
	ops->fops.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_DYNAMIC | FTRACE_OPS_FL_IPMODIFY |
			  FTRACE_OPS_FL_PERMANENT;
	ops->old_addr = loc;
	INIT_LIST_HEAD(&ops->func_stack);
	klp_stack_push(&func->stack_node, &ops->func_stack);
	ret = ftrace_set_filter_ip(&ops->fops, loc, 0, 0);
	if (ret) {
		pr_err("failed to set ftrace filter for function '%s' (%d)\n", func->old_name, ret);
		goto err;
	}
	ret = register_ftrace_function(&ops->fops);
	if (ret) {
		pr_err("failed to register ftrace handler for function '%s' (%d)\n",
		       func->old_name, ret);
		ftrace_set_filter_ip(&ops->fops, 0, 0, 1);
		goto err;
	}
	klp_ops_link(ops);
	func->patched = true;
	return 0;
err:
	kfree(ops);
	return ret;
}

/* Drops the first n shadow type uses of obj (n < 0: all). */
static void klp_unregister_shadow_types(struct klp_object *obj, int n)
{
	for (int i = 0; obj->shadow_types && obj->shadow_types[i] && i != n; i++)
		klp_shadow_unregister(obj->shadow_types[i]);
}

/* One use of each shadow type obj declares; all or none. */
static int klp_register_shadow_types(struct klp_object *obj)
{
	int ret;

	for (int i = 0; obj->shadow_types && obj->shadow_types[i]; i++) {
		ret = klp_shadow_register(obj->shadow_types[i]);
		if (ret) {
			klp_unregister_shadow_types(obj, i);
			return ret;
		}
	}
	return 0;
}

/*
 * Commits a transaction whose changes cannot be undone (unpatching, mode
 * switches): the records are right, and a failure (a text_poke_bp bug)
 * has been logged by ftrace.
 */
static void klp_update_commit(void)
{
	WARN_ON(ftrace_update_commit());
}

static void klp_unpatch_funcs(struct klp_object *obj)
{
	struct klp_func *func;

	klp_for_each_func(obj, func)
		if (func->patched)
			klp_unpatch_func(func);
}

/* See patch.h. */
void klp_unpatch_object(struct klp_object *obj)
{
	ftrace_update_begin();
	klp_unpatch_funcs(obj);
	klp_update_commit();
	if (obj->patched)
		klp_unregister_shadow_types(obj, -1);
	obj->patched = false;
}

/*
 * Puts every function of obj on its stack in one transaction; a failure
 * takes the ones done off again in the same transaction, so no site has
 * changed when it ends.
 */
static int klp_patch_funcs(struct klp_object *obj)
{
	struct klp_func *func;
	int ret = 0, err;

	ftrace_update_begin();
	klp_for_each_func(obj, func)
		if ((ret = klp_patch_func(func)))
			break;
	if (ret)
		klp_unpatch_funcs(obj);
	/*
	 * Done, the sites only start calling the handler (or leave a direct
	 * jmp for it): nothing is freed and no earlier handler needs to have
	 * finished, so no grace period (a round trip to every CPU). A failure
	 * took functions off their stacks: it waits for one.
	 */
	err = ret ? ftrace_update_commit() : ftrace_update_commit_nosync();
	if (err && !ret) {
		ret = err;
		ftrace_update_begin();
		klp_unpatch_funcs(obj);
		klp_update_commit();
	}
	return ret;
}

/* See patch.h. */
int klp_patch_object(struct klp_object *obj)
{
	int ret;

	if (WARN_ON(obj->patched))
		return -EINVAL;
	ret = klp_register_shadow_types(obj);
	if (ret)
		return ret;
	ret = klp_patch_funcs(obj);
	if (ret) {
		klp_unregister_shadow_types(obj, -1);
		return ret;
	}
	obj->patched = true;
	return 0;
}

/* See patch.h. */
void klp_unpatch_objects(struct klp_patch *patch)
{
	struct klp_object *obj;

	ftrace_update_begin();
	klp_for_each_object(patch, obj)
		if (obj->patched)
			klp_unpatch_object(obj);
	klp_update_commit();
}

/* See patch.h. */
void klp_unpatch_nops(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;

	ftrace_update_begin();
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			if (func->nop && func->patched)
				klp_unpatch_func(func);
	klp_update_commit();
}

/* See patch.h. */
void klp_unpatch_replaced_patches(struct klp_patch *patch)
{
	struct klp_patch *old;

	ftrace_update_begin();
	klp_for_each_patch(old) {
		if (old == patch)
			continue;
		old->enabled = false;
		klp_unpatch_objects(old);
	}
	klp_update_commit();
}

/* See patch.h. */
void klp_clear_direct(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;
	struct klp_ops *ops;
	bool any = false;

	/*
	 * Nothing in direct mode (an enable: patch's functions are not on
	 * their stacks yet): no batch, whose commit would wait a grace
	 * period over every CPU for nothing.
	 */
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			if (func->patched && (ops = klp_find_ops(func->old_func)) && ops->direct)
				any = true;
	if (!any)
		return;
	ftrace_update_begin();
	klp_for_each_object(patch, obj)
		klp_for_each_func(obj, func)
			if (func->patched && (ops = klp_find_ops(func->old_func)))
				klp_ops_set_direct(ops, NULL);
	klp_update_commit();
}
EXPORT_SYMBOL_FOR_KTEST(klp_clear_direct);

/* See patch.h. */
void klp_set_direct_all(void)
{
	struct klp_ops *ops;
	struct klp_func *top;

	ftrace_update_begin();
	list_for_each_entry(ops, &klp_ops_list, node) {
		top = list_first_entry(&ops->func_stack, struct klp_func, stack_node);
		if (top->transition)
			continue;
		klp_ops_set_direct(ops, top->nop ? NULL : top->new_func);
	}
	/*
	 * A handler entered before the jmp went in picks the jmp's target
	 * too (top is out of transition) and nothing is freed: no grace
	 * period.
	 */
	WARN_ON(ftrace_update_commit_nosync());
}
