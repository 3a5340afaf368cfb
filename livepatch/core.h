/*
 * Private to livepatch/: the global patch list and its lock, and the
 * callback helpers with Linux's rules. klp_mutex is the
 * outermost lock of the kernel (before module_mutex, ftrace_lock,
 * text_mutex, tasklist_lock).
 */
#ifndef LIVEPATCH_CORE_H
#define LIVEPATCH_CORE_H

#include <kelp/livepatch.h>
#include <kelp/mutex.h>
#include <kelp/workqueue.h>
#include <kelp/printk.h>

#undef pr_fmt
#define pr_fmt(fmt) "livepatch: " fmt

#include <kelp/module.h>

extern struct mutex klp_mutex;
extern struct list_head klp_patches;	/* enabled or in-transition patches, in load order */
/*
 * Livepatch's own worker for the transition retries and the free work.
 * Linux uses system_wq, whose worker pool grows when an item blocks;
 * Kelp's system_wq has one worker, so a module's work item sleeping there
 * (test_klp_callbacks_busy does, by design) would stall every transition.
 */
extern struct workqueue_struct *klp_wq;

#define klp_for_each_patch(patch) list_for_each_entry(patch, &klp_patches, list)

static inline const char *klp_obj_name(const struct klp_object *obj)
{
	return obj->name ? obj->name : "vmlinux";
}

static inline bool klp_is_object_loaded(const struct klp_object *obj)
{
	return !obj->name || obj->mod;
}

static inline int klp_pre_patch_callback(struct klp_object *obj)
{
	int ret = 0;

	if (obj->callbacks.pre_patch)
		ret = obj->callbacks.pre_patch(obj);
	obj->callbacks.post_unpatch_enabled = !ret;
	return ret;
}

static inline void klp_post_patch_callback(struct klp_object *obj)
{
	if (obj->callbacks.post_patch)
		obj->callbacks.post_patch(obj);
}

static inline void klp_pre_unpatch_callback(struct klp_object *obj)
{
	if (obj->callbacks.pre_unpatch)
		obj->callbacks.pre_unpatch(obj);
}

static inline void klp_post_unpatch_callback(struct klp_object *obj)
{
	if (obj->callbacks.post_unpatch_enabled && obj->callbacks.post_unpatch)
		obj->callbacks.post_unpatch(obj);
	obj->callbacks.post_unpatch_enabled = false;
}

/*
 * Resolves the functions of an object that is loaded (vmlinux, or a
 * module in obj->mod) after applying the patch module's .klp.rela
 * sections for it. 0 or -errno, relocations cleared again. klp_mutex.
 */
int klp_init_object_loaded(struct klp_patch *patch, struct klp_object *obj);
/* Sets obj->mod to the module obj names if it is loaded and klp-alive, else NULL. klp_mutex. */
void klp_find_object_module(struct klp_object *obj);
/*
 * A klp-build patch names the build of each module it patches
 * (obj->build_id): 0 if mod is that build (or the object names none),
 * else -EINVAL, printed ("'P' was built for module M build id X, running Y").
 */
int klp_check_object_build_id(struct klp_patch *patch, struct klp_object *obj,
			      struct module *mod);
/*
 * Linux's klp_find_object_symbol: name's sympos-th occurrence (0: must be
 * unique) in objname (NULL: vmlinux). 0 and *addr, or -EINVAL after
 * Linux's message. Takes module_mutex for a module.
 */
int klp_find_object_symbol(const char *objname, const char *name, unsigned long sympos,
			   unsigned long *addr);

/* ---- .klp.rela relocations (livepatch/reloc.c) ---- */

/*
 * Applies the .klp.rela.OBJ.* sections of patch's module for obj,
 * resolving their .klp.sym.* symbols. 0 or -EINVAL (a malformed name, an
 * unknown symbol or position: Linux's messages) or -ENOEXEC (a bad
 * relocation); on error nothing stays applied. klp_mutex.
 */
int klp_apply_object_relocs(struct klp_patch *patch, struct klp_object *obj);
/* Zeroes what klp_apply_object_relocs wrote, so the object can be applied again. klp_mutex. */
void klp_clear_object_relocs(struct klp_patch *patch, struct klp_object *obj);

/* Disables patch like `echo 0 > enabled` (reversing its transition). 0 or -errno. Takes klp_mutex. */
int klp_disable_patch(struct klp_patch *patch);

/* Frees the dynamic no-op functions and objects of a replace patch. klp_mutex. */
void klp_free_nops(struct klp_patch *patch);

/* Unlinks a disabled patch from klp_patches and queues its freeing (sysfs directory, module reference). klp_mutex. */
void klp_free_patch_async(struct klp_patch *patch);

#endif /* LIVEPATCH_CORE_H */
