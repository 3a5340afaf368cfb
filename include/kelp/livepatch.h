/*
 * Live patching (livepatch/): Linux's data model and API. A patch module
 * fills a struct klp_patch (objects: vmlinux or a module by name; per
 * object the functions to replace and optional callbacks) and calls
 * klp_enable_patch() from its init. The core resolves each old function
 * through kallsyms, redirects it with an IPMODIFY ftrace ops, and moves
 * every task to the new code under the per-task consistency model
 * (docs/livepatch.md). Fields marked "owned by the core" have Linux's
 * meanings and are guarded by klp_mutex unless said otherwise.
 */
#ifndef KELP_LIVEPATCH_H
#define KELP_LIVEPATCH_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/kobject.h>
#include <kelp/completion.h>
#include <kelp/workqueue.h>
#include <kelp/sched.h>

/* Linux >= 6.10 names for the task patch states (sched.h has the old ones). */
#define KLP_TRANSITION_IDLE KLP_UNDEFINED
#define KLP_TRANSITION_UNPATCHED KLP_UNPATCHED
#define KLP_TRANSITION_PATCHED KLP_PATCHED

struct module;
struct klp_object;
struct klp_shadow_type;

/* One function to replace. */
struct klp_func {
	/* set by the patch author */
	const char *old_name;		/* name of the function to patch */
	void *new_func;			/* the replacement */
	unsigned long old_sympos;	/* 0: the name is unique; N: its Nth occurrence */

	/* owned by the core */
	void *old_func;			/* resolved address of the old function */
	struct kobject kobj;		/* <object>/<old_name>,<sympos> */
	struct list_head node;		/* in obj->func_list */
	struct list_head stack_node;	/* in the klp_ops func_stack (newest first) */
	unsigned long old_size, new_size;
	bool nop;			/* a dynamic no-op of an atomic replace: runs the original */
	bool patched;			/* on its func_stack */
	bool transition;		/* the handler must look at the task's patch state */
};

/*
 * Object callbacks (Linux's rules): pre_patch may fail and cancel the
 * patch (or refuse a module load); post_patch runs when the transition to
 * patched completed; pre_unpatch before an unpatching transition starts
 * (not on a reversed transition); post_unpatch after it completed, and
 * only if pre_patch ran and succeeded.
 */
struct klp_callbacks {
	int (*pre_patch)(struct klp_object *obj);
	void (*post_patch)(struct klp_object *obj);
	void (*pre_unpatch)(struct klp_object *obj);
	void (*post_unpatch)(struct klp_object *obj);
	bool post_unpatch_enabled;	/* owned by the core */
};

/* The functions of one object: vmlinux (name NULL) or a module. */
struct klp_object {
	/* set by the patch author */
	const char *name;		/* module name, NULL for vmlinux */
	struct klp_func *funcs;		/* terminated by an entry with old_name NULL */
	struct klp_callbacks callbacks;
	/* shadow types the object's new code uses (NULL-terminated, or NULL): registered
	 * while the object is patched, see klp_shadow.h */
	struct klp_shadow_type **shadow_types;
	/* Kelp: the build ID of the module the patch was built for (modinfo
	 * build_id, set by tools/klp-build), or NULL: another build is refused */
	const char *build_id;

	/* owned by the core */
	struct kobject kobj;		/* <patch>/<object> */
	struct list_head func_list;
	struct list_head node;		/* in patch->obj_list */
	struct module *mod;		/* the loaded module, NULL for vmlinux or not loaded */
	bool dynamic;			/* allocated by the core for the no-ops of an atomic replace */
	bool patched;			/* its functions are on their func_stacks */
};

/* A system state a patch establishes (klp_get_state and friends). */
struct klp_state {
	unsigned long id;
	unsigned int version;
	void *data;
};

struct klp_patch {
	/* set by the patch author */
	struct module *mod;		/* the patch module (its name names the patch) */
	struct klp_object *objs;	/* terminated by an entry with funcs and name NULL */
	struct klp_state *states;	/* terminated by id 0, or NULL */
	bool replace;			/* atomic replace: takes over every installed patch */

	/* owned by the core */
	struct list_head list;		/* in klp_patches */
	struct kobject kobj;		/* /sys/kernel/livepatch/<name> */
	struct list_head obj_list;
	bool enabled;			/* patched or in a transition to patched */
	bool forced;			/* a transition was forced: the module stays forever */
	bool kobj_added;
	struct work_struct free_work;	/* frees the patch once it is disabled */
	struct completion finish;	/* the kobject was released */
};

#define klp_for_each_object_static(patch, obj) \
	for (obj = (patch)->objs; obj->funcs || obj->name; obj++)
#define klp_for_each_object(patch, obj) \
	list_for_each_entry(obj, &(patch)->obj_list, node)
#define klp_for_each_func_static(obj, func) \
	for (func = (obj)->funcs; func && func->old_name; func++)
#define klp_for_each_func(obj, func) \
	list_for_each_entry(func, &(obj)->func_list, node)

/*
 * Registers patch, makes its sysfs directory and starts the transition to
 * patched. Called from the patch module's init. Returns 0 or -errno
 * (-EINVAL bad patch or a replace patch, -EBUSY a transition is running,
 * -ENODEV a module marked neither livepatch, a pre_patch callback's error,
 * the ftrace error). Task context; takes klp_mutex.
 */
int klp_enable_patch(struct klp_patch *patch);

/* patch's state id, or NULL. Any context (patch must stay registered). */
struct klp_state *klp_get_state(struct klp_patch *patch, unsigned long id);
/*
 * During a transition (callbacks): the state id of the newest patch
 * installed before the one in transition, or NULL. klp_mutex held (callbacks run under it).
 */
struct klp_state *klp_get_prev_state(unsigned long id);

/*
 * The livepatch switch points, direct calls guarded by TIF_PATCH_PENDING
 * (as Linux's kernel/entry calls klp_update_patch_state):
 *   if (unlikely(test_tsk_thread_flag(t, TIF_PATCH_PENDING)))
 *           klp_update_patch_state(t);
 * The flag is set only during a transition, so outside one they cost a
 * flag test. The switch that leaves no task pending wakes the transition
 * work at once.
 *
 * klp_update_patch_state: moves task to the target patch state if its
 * TIF_PATCH_PENDING is set. Call only where task provably runs no patched
 * function: its return to user space (exit_to_user_mode), the idle loop
 * (cpu_idle_loop). Any context, IRQs off or not; does not sleep.
 */
void klp_update_patch_state(struct task *task);
/*
 * Linux's klp_copy_process: child, about to join the task list, takes
 * current's patch state and TIF_PATCH_PENDING (and counts as pending).
 * Called with tasklist_lock held, so a transition starting or completing
 * (they walk the list under that lock) sees the child with its state or
 * not at all. Does not sleep.
 */
void klp_copy_process(struct task *child);
/*
 * The scheduler's switch point (finish_task_switch): prev has just been
 * switched out, so its stack is still; it switches if the reliable
 * unwinder finds no function being replaced on it. IRQs off, prev's
 * rq->lock held (prev pinned), must not sleep or wake anyone. Returns
 * true if prev was the last pending task: the caller then calls
 * klp_transition_kick() once it dropped the lock.
 */
bool klp_try_switch_prev(struct task *prev);
/* Wakes the transition work to complete the transition. Any context, no rq lock. */
void klp_transition_kick(void);

/*
 * cond_resched()'s safe point: if current is pending, checks its own
 * stack and switches it when it runs no function being replaced.
 * Task context, preemption on.
 */
void klp_try_switch_current(void);

/*
 * The scheduler's switch point for a task it picked again (next ==
 * prev: preempted with slice left, or alone on its CPU): current, maybe
 * interrupted anywhere, switches if no word of its live stack (the
 * interrupted instruction pointer included) lies inside a function
 * being replaced. IRQs off, no rq lock, must not sleep.
 */
void klp_try_switch_self(void);

/* True while a transition is running (tests, ps). */
bool klp_transition_in_progress(void);

/*
 * The module loader's calls (livepatch/module.c), Linux's order: a COMING
 * module, before the COMING notifiers and its init, gets every patch of
 * it applied (`applying patch 'P' to loading module 'M'`); a failing
 * pre_patch callback refuses the load (returns its -errno, everything
 * undone). A GOING module, after its exit and the GOING notifiers, is
 * unpatched (`reverting patch 'P' on unloading module 'M'`) before its
 * text is freed. Task context, without module_mutex; take klp_mutex.
 */
int klp_module_coming(struct module *mod);
void klp_module_going(struct module *mod);

/*
 * rmmod's wait for a live patch module's own patches: if a transition
 * disabling one of mod's patches still runs (`echo 0 > enabled` handed its
 * completion to the transition work on another CPU), waits up to 2 s for
 * it to end; if patch frees are queued (the free work, on any CPU, drops
 * the module reference; any patch's, mod's may be one), waits until they
 * ran. Returns
 * true if it waited for either, so that rmmod tries again instead of
 * failing "in use" for a reference about to go; false at once if there
 * was nothing to wait for. Task context, takes klp_mutex; the caller
 * holds a reference on mod (no module_mutex).
 */
bool klp_module_wait_frees(struct module *mod);

/*
 * Kelp's spelling of a livepatch symbol reference, for a patch's new code
 * to reach a symbol the target object does not export (a static
 * function or variable of a module, say):
 *   extern int counter KLP_SYM(my_module, counter, 0);
 * names the undefined symbol `.klp.sym.my_module.counter,0` (Linux's
 * module-elf-format: .klp.sym.OBJNAME.SYMNAME,SYMPOS; OBJNAME vmlinux for
 * the kernel, SYMPOS 0 for a unique name). tools/klp-convert.py, run on
 * every built module, turns such symbols into SHN_LIVEPATCH ones and
 * moves their relocations into .klp.rela.OBJNAME.SECTION sections, which
 * livepatch applies when OBJNAME is loaded (docs/livepatch.md).
 */
#define KLP_SYM(obj, sym, pos) __asm__("\".klp.sym." #obj "." #sym "," #pos "\"")

/*
 * Callbacks in a fix tools/klp-build turns into a patch (docs/klp-build.md;
 * kpatch's KPATCH_PRE_PATCH_CALLBACK family): in the patched source,
 *   static int my_pre(struct klp_object *obj) { ... }
 *   KLP_PRE_PATCH_CALLBACK(my_pre);
 * puts a pointer to my_pre in section .klp.callbacks.pre_patch, where
 * klp-build finds it and makes it the callback of the object the file
 * belongs to. Never linked into a kernel: only patched builds use them.
 */
typedef int (*klp_pre_patch_t)(struct klp_object *obj);
typedef void (*klp_post_patch_t)(struct klp_object *obj);
#define __KLP_CALLBACK(kind, type, fn)						\
	static type __klp_callback_##kind##_##fn __attribute__((used))		\
		__attribute__((section(".klp.callbacks." #kind))) = fn
#define KLP_PRE_PATCH_CALLBACK(fn) __KLP_CALLBACK(pre_patch, klp_pre_patch_t, fn)
#define KLP_POST_PATCH_CALLBACK(fn) __KLP_CALLBACK(post_patch, klp_post_patch_t, fn)
#define KLP_PRE_UNPATCH_CALLBACK(fn) __KLP_CALLBACK(pre_unpatch, klp_post_patch_t, fn)
#define KLP_POST_UNPATCH_CALLBACK(fn) __KLP_CALLBACK(post_unpatch, klp_post_patch_t, fn)

/* Creates /sys/kernel/livepatch's internals and the hooks. Boot, after sysfs and workqueues. */
void klp_init(void);

/*
 * Milliseconds after which a stalled transition wakes the interruptible
 * sleepers still pending (Linux's fake signal); 0 disables it.
 * /proc/sys/kernel/livepatch_signal_ms.
 */
extern unsigned int klp_signal_ms;

/*
 * The independent check after each completed transition (livepatch/
 * verify.c): on unless kernel.livepatch_verify is 0; failures counts the
 * tasks found inside a function the transition retired, runs the checks.
 */
extern unsigned int klp_verify_enabled;
extern unsigned long klp_verify_failures, klp_verify_runs;

#endif /* KELP_LIVEPATCH_H */
