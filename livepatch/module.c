/*
 * Patches of modules (Linux's klp_module_coming/klp_module_going and
 * klp_find_object_module in kernel/livepatch/core.c). An object naming a
 * module is "loaded" while obj->mod is set: at enable if the module is
 * already there and klp-alive, else when the loader calls
 * klp_module_coming() for it (COMING, before its init). At GOING
 * (after its exit) its functions leave the ftrace sites and its
 * .klp.rela relocations are cleared, before the loader frees its text.
 * A patch never holds a reference on a target module, as in Linux.
 * Called by the loader without module_mutex; klp_mutex comes first.
 */
#include "core.h"
#include "patch.h"
#include "transition.h"
#include <kelp/errno.h>
#include <kelp/string.h>

static bool klp_is_module(const struct klp_object *obj)
{
	return obj->name != NULL;
}

/*
 * See core.h. The loaded module obj names, if livepatch may patch it
 * already: klp_alive is set by klp_module_coming() and cleared by
 * klp_module_going(), both under klp_mutex, so a module on its way in
 * or out is left to them (a GOING module's functions may still run
 * until its exit returned, so its patch stays until klp_module_going).
 */
void klp_find_object_module(struct klp_object *obj)
{
	struct module *mod;

	obj->mod = NULL;
	if (!klp_is_module(obj))
		return;
	module_mutex_lock();
	mod = find_module(obj->name);
	if (mod && mod->klp_alive)
		obj->mod = mod;
	module_mutex_unlock();
}

/* Forgets what was resolved against a module that goes (Linux's klp_free_object_loaded). */
static void klp_free_object_loaded(struct klp_object *obj)
{
	struct klp_func *func;

	obj->mod = NULL;
	klp_for_each_func(obj, func) {
		func->old_func = NULL;
		if (func->nop)
			func->new_func = NULL;
	}
}

/* A patch that is gone but for its free work must not touch a new module. */
static bool klp_patch_is_live(struct klp_patch *patch)
{
	return patch->enabled || patch == klp_transition_patch;
}

/*
 * Reverts every patch of mod installed before limit (NULL: all), newest
 * last, as Linux's klp_cleanup_module_patches_limited: pre_unpatch only
 * when the patch is not in transition (its post_patch did not run
 * either), post_unpatch only if pre_patch succeeded. klp_mutex.
 */
static void klp_cleanup_module_patches_limited(struct module *mod, struct klp_patch *limit)
{
	struct klp_patch *patch;
	struct klp_object *obj;

	klp_for_each_patch(patch) {
		if (patch == limit)
			break;
		klp_for_each_object(patch, obj) {
			if (!klp_is_module(obj) || strcmp(obj->name, mod->name) || !obj->mod)
				continue;
			if (!klp_patch_is_live(patch)) {
				/* unpatched already, waiting for its free work: forget the module */
				klp_clear_object_relocs(patch, obj);
				klp_free_object_loaded(obj);
				break;
			}
			if (patch != klp_transition_patch)
				klp_pre_unpatch_callback(obj);
			pr_notice("reverting patch '%s' on unloading module '%s'\n",
				  patch->mod->name, obj->mod->name);
			klp_unpatch_object(obj);
			klp_post_unpatch_callback(obj);
			klp_clear_object_relocs(patch, obj);
			klp_free_object_loaded(obj);
			if (patch == klp_transition_patch)
				klp_update_transition_ranges();	/* -ENOMEM: stricter until a retry */
			break;
		}
	}
}

/* See core.h. */
int klp_check_object_build_id(struct klp_patch *patch, struct klp_object *obj,
			      struct module *mod)
{
	if (!obj->build_id || !strcmp(obj->build_id, mod->build_id))
		return 0;
	pr_err("'%s' was built for module %s build id %s, running %s\n", patch->mod->name,
	       mod->name, obj->build_id, mod->build_id[0] ? mod->build_id : "(none)");
	return -EINVAL;
}

/* Applies patch's object obj to the loading mod. 0 or -errno (obj->mod cleared). klp_mutex. */
static int klp_apply_to_coming(struct klp_patch *patch, struct klp_object *obj, struct module *mod)
{
	int ret;

	ret = klp_check_object_build_id(patch, obj, mod);
	if (ret)
		return ret;
	obj->mod = mod;
	ret = klp_init_object_loaded(patch, obj);
	if (ret) {
		pr_warn("failed to initialize patch '%s' for module '%s' (%d)\n",
			patch->mod->name, mod->name, ret);
		return ret;
	}
	pr_notice("applying patch '%s' to loading module '%s'\n", patch->mod->name, mod->name);
	ret = klp_pre_patch_callback(obj);
	if (ret) {
		pr_warn("pre-patch callback failed for object '%s'\n", obj->name);
		klp_clear_object_relocs(patch, obj);
		return ret;
	}
	ret = klp_patch_object(obj);
	if (ret) {
		pr_warn("failed to apply patch '%s' to module '%s' (%d)\n",
			patch->mod->name, mod->name, ret);
		klp_post_unpatch_callback(obj);	/* as Linux: pre_patch ran, so post_unpatch does */
		klp_clear_object_relocs(patch, obj);
		return ret;
	}
	if (patch == klp_transition_patch)
		klp_update_transition_ranges();	/* tasks are checked against it too (-ENOMEM: stricter) */
	else
		klp_post_patch_callback(obj);	/* in transition: at its completion */
	return 0;
}

/* See livepatch.h. */
int klp_module_coming(struct module *mod)
{
	struct klp_patch *patch;
	struct klp_object *obj;
	int ret = 0;

	if (WARN_ON(mod->state != MODULE_STATE_COMING))
		return -EINVAL;
	if (!strcmp(mod->name, "vmlinux")) {
		pr_err("vmlinux.ko: invalid module name\n");
		return -EINVAL;
	}
	mutex_lock(&klp_mutex);
	mod->klp_alive = true;	/* from now on klp_find_object_module sees it */
	klp_for_each_patch(patch) {
		if (!klp_patch_is_live(patch))
			continue;
		klp_for_each_object(patch, obj) {
			if (!klp_is_module(obj) || strcmp(obj->name, mod->name))
				continue;
			ret = klp_apply_to_coming(patch, obj, mod);
			if (ret)
				goto err;
			break;
		}
	}
	mutex_unlock(&klp_mutex);
	return 0;
err:
	pr_warn("patch '%s' failed for module '%s', refusing to load module '%s'\n",
		patch->mod->name, mod->name, mod->name);
	mod->klp_alive = false;
	klp_free_object_loaded(obj);
	klp_cleanup_module_patches_limited(mod, patch);
	mutex_unlock(&klp_mutex);
	return ret;
}

/* See livepatch.h. */
void klp_module_going(struct module *mod)
{
	if (WARN_ON(mod->state != MODULE_STATE_GOING && mod->state != MODULE_STATE_COMING))
		return;
	mutex_lock(&klp_mutex);
	mod->klp_alive = false;
	klp_cleanup_module_patches_limited(mod, NULL);
	mutex_unlock(&klp_mutex);
}
