/*
 * Private to livepatch/: the per-address redirection. One klp_ops per
 * patched address holds the stack of klp_funcs replacing it, newest
 * first, and the IPMODIFY ftrace_ops whose handler picks one of them.
 * Every function below that changes sites does it in one ftrace update
 * transaction: one text_poke_bp batch however many sites it touches.
 */
#ifndef LIVEPATCH_PATCH_H
#define LIVEPATCH_PATCH_H

#include <kelp/livepatch.h>
#include <kelp/ftrace.h>

struct klp_ops {
	struct list_head node;		/* in klp_ops_list (klp_mutex) */
	struct klp_ops *hash_next;	/* in klp_ops_hash[] by old_addr (klp_mutex) */
	struct list_head func_stack;	/* klp_func.stack_node; read by the handler */
	struct ftrace_ops fops;
	unsigned long old_addr;
	void *direct;			/* jmp target while in direct mode, else NULL */
};

/* The ops of address old_func, or NULL. O(1) (a hash). klp_mutex. */
struct klp_ops *klp_find_ops(void *old_func);
/* Puts obj's functions on their stacks (registering ops). 0 or -errno, undone on error. klp_mutex. */
int klp_patch_object(struct klp_object *obj);
/* Takes them off again (unregistering emptied ops). klp_mutex. */
void klp_unpatch_object(struct klp_object *obj);
void klp_unpatch_objects(struct klp_patch *patch);
/* Takes a replace patch's no-op functions off their stacks. klp_mutex. */
void klp_unpatch_nops(struct klp_patch *patch);
/* Atomic replace completed: every other patch leaves the stacks (no callbacks). klp_mutex. */
void klp_unpatch_replaced_patches(struct klp_patch *patch);
/* Handler mode for every site patch touches (a transition is starting). klp_mutex. */
void klp_clear_direct(struct klp_patch *patch);
/* Direct mode (jmp to the top function) for every site without a transition. klp_mutex. */
void klp_set_direct_all(void);

#endif /* LIVEPATCH_PATCH_H */
