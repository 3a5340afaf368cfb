/*
 * Livepatch core (Linux's kernel/livepatch/core.c): registering a patch,
 * resolving its functions through kallsyms (vmlinux's, or a loaded
 * module's own symbols; modules coming and going: module.c, .klp.rela
 * relocations: reloc.c), its sysfs directory
 * /sys/kernel/livepatch/<patch>/ and the enable/disable requests that
 * start transitions (transition.c). klp_mutex serialises all of it. A
 * disabled patch is freed from a work item (klp_free_patch_async): its
 * directory disappears, its module reference is dropped (never for a
 * forced patch), and the module may then be removed.
 */
#include "core.h"
#include "patch.h"
#include "transition.h"
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/kallsyms.h>
#include <kelp/kstrto.h>
#include <kelp/panic.h>
#include <kelp/string.h>
#include <kelp/mm.h>
#include <kelp/time.h>

DEFINE_MUTEX(klp_mutex);
EXPORT_SYMBOL_FOR_KTEST(klp_mutex);
LIST_HEAD(klp_patches);
EXPORT_SYMBOL_FOR_KTEST(klp_patches);
struct workqueue_struct *klp_wq;
EXPORT_SYMBOL_FOR_KTEST(klp_wq);

#define KSYM_NAME_LEN 512

/* ---- sysfs ---- */

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj);

	return sysfs_emit(buf, "%d\n", patch->enabled);
}

static int __klp_disable_patch(struct klp_patch *patch);

/*
 * 0 disables; writing the current value is -EINVAL; the opposite value
 * during this patch's transition reverses it; a disabled patch cannot be
 * enabled again (load it again).
 */
static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj);
	bool enabled;
	int ret;

	ret = kstrtobool(buf, &enabled);
	if (ret)
		return ret;
	mutex_lock(&klp_mutex);
	if (patch->enabled == enabled)
		ret = -EINVAL;
	else if (patch == klp_transition_patch) {
		klp_reverse_transition();
		klp_try_complete_transition();	/* Kelp tries at once, then backs off */
	}
	else if (!enabled)
		ret = __klp_disable_patch(patch);
	else
		ret = -EINVAL;
	mutex_unlock(&klp_mutex);
	klp_wait_handed_off();
	return ret ? ret : (ssize_t)count;
}

static ssize_t transition_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj);

	return sysfs_emit(buf, "%d\n", READ_ONCE(klp_transition_patch) == patch);
}

/* 1 forces this patch's transition (-EINVAL if it is not in one); 0 does nothing. */
static ssize_t force_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj);
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;
	if (!val)
		return count;
	mutex_lock(&klp_mutex);
	if (patch != klp_transition_patch) {
		mutex_unlock(&klp_mutex);
		return -EINVAL;
	}
	klp_force_transition();
	klp_try_complete_transition();
	mutex_unlock(&klp_mutex);
	return count;
}

static ssize_t replace_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj);

	return sysfs_emit(buf, "%d\n", patch->replace);
}

static ssize_t stack_order_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj), *p;
	int order = 0;

	mutex_lock(&klp_mutex);
	klp_for_each_patch(p) {
		order++;
		if (p == patch)
			break;
	}
	mutex_unlock(&klp_mutex);
	return sysfs_emit(buf, "%d\n", order);
}

static ssize_t patched_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct klp_object *obj = container_of(kobj, struct klp_object, kobj);

	return sysfs_emit(buf, "%d\n", obj->patched);
}

static struct kobj_attribute enabled_kobj_attr = __ATTR_RW(enabled);
static struct kobj_attribute transition_kobj_attr = __ATTR_RO(transition);
static struct kobj_attribute force_kobj_attr = __ATTR_WO(force);
static struct kobj_attribute replace_kobj_attr = __ATTR_RO(replace);
static struct kobj_attribute stack_order_kobj_attr = __ATTR_RO(stack_order);
static struct attribute *klp_patch_attrs[] = {
	&enabled_kobj_attr.attr, &transition_kobj_attr.attr, &force_kobj_attr.attr,
	&replace_kobj_attr.attr, &stack_order_kobj_attr.attr, NULL
};
static const struct attribute_group klp_patch_group = { .attrs = klp_patch_attrs };
static const struct attribute_group *klp_patch_groups[] = { &klp_patch_group, NULL };

static struct kobj_attribute patched_kobj_attr = __ATTR_RO(patched);
static struct attribute *klp_object_attrs[] = { &patched_kobj_attr.attr, NULL };
static const struct attribute_group klp_object_group = { .attrs = klp_object_attrs };
static const struct attribute_group *klp_object_groups[] = { &klp_object_group, NULL };

static void klp_kobj_release_patch(struct kobject *kobj)
{
	struct klp_patch *patch = container_of(kobj, struct klp_patch, kobj);

	complete(&patch->finish);
}

/* A patch's objects and functions are its module's data, but for the dynamic ones. */
static void klp_kobj_release_object(struct kobject *kobj)
{
	struct klp_object *obj = container_of(kobj, struct klp_object, kobj);

	if (obj->dynamic) {
		kfree((char *)obj->name);
		kfree(obj);
	}
}

static void klp_kobj_release_func(struct kobject *kobj)
{
	struct klp_func *func = container_of(kobj, struct klp_func, kobj);

	if (func->nop) {
		kfree((char *)func->old_name);
		kfree(func);
	}
}

static const struct kobj_type klp_ktype_patch = {
	.release = klp_kobj_release_patch,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = klp_patch_groups,
};
static const struct kobj_type klp_ktype_object = {
	.release = klp_kobj_release_object,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = klp_object_groups,
};
static const struct kobj_type klp_ktype_func = {
	.release = klp_kobj_release_func,
	.sysfs_ops = &kobj_sysfs_ops,
};

/* ---- freeing ---- */

/* Unlinks the patch. klp_mutex. */
static void klp_free_patch_start(struct klp_patch *patch)
{
	if (!list_empty(&patch->list))
		list_del_init(&patch->list);
}

/*
 * Removes the sysfs directories (waiting for callbacks in flight, so
 * never under klp_mutex: a store may be waiting for it) and drops the
 * module reference unless the patch was forced. Sleeps.
 */
static void klp_free_objects(struct klp_patch *patch, bool nops_only)
{
	struct klp_object *obj, *tmp_obj;
	struct klp_func *func, *tmp_func;

	list_for_each_entry_safe(obj, tmp_obj, &patch->obj_list, node) {
		list_for_each_entry_safe(func, tmp_func, &obj->func_list, node) {
			if (nops_only && !func->nop)
				continue;
			list_del(&func->node);
			if (func->kobj.state_initialized)
				kobject_put(&func->kobj);
			else if (func->nop)
				klp_kobj_release_func(&func->kobj);
		}
		if (nops_only && !obj->dynamic)
			continue;
		list_del(&obj->node);
		if (obj->kobj.state_initialized)
			kobject_put(&obj->kobj);
		else if (obj->dynamic)
			klp_kobj_release_object(&obj->kobj);
	}
}

/* See core.h. The nops of a replace patch whose transition completed. klp_mutex. */
void klp_free_nops(struct klp_patch *patch)
{
	klp_free_objects(patch, true);
}

/*
 * Queued patch frees not finished yet, and rmmod waiting for them
 * (klp_module_wait_frees). A global count, not one in struct module: the
 * free work must not touch the module after its module_put(), which lets
 * another rmmod free it.
 */
static atomic_t klp_frees_pending;
static DECLARE_WAIT_QUEUE_HEAD(klp_frees_wq);

static void klp_free_patch_finish(struct klp_patch *patch)
{
	klp_free_objects(patch, false);
	kobject_put(&patch->kobj);
	wait_for_completion(&patch->finish);
	if (!patch->forced)
		module_put(patch->mod);
}

/* Whether a transition disabling one of mod's patches runs (takes klp_mutex). */
static bool klp_module_disabling(struct module *mod)
{
	bool ret;

	mutex_lock(&klp_mutex);
	ret = klp_transition_disables(mod);
	mutex_unlock(&klp_mutex);
	return ret;
}

/*
 * See livepatch.h. A disable the store handed to the transition work
 * (other CPUs nudged: klp_wait_handed_off waits for it only so long) may
 * still be completing: up to KLP_RMMOD_WAIT_MS for it to end (a short
 * poll: rmmod is rare, and a transition that stalls on a task keeps its
 * module "in use", as in Linux), then for the free it queued.
 */
#define KLP_RMMOD_WAIT_MS 2000

bool klp_module_wait_frees(struct module *mod)
{
	u64 end = jiffies + msecs_to_jiffies(KLP_RMMOD_WAIT_MS);
	bool waited = false;

	while (klp_module_disabling(mod) && jiffies < end) {
		msleep(2);
		waited = true;
	}
	/* every queued free, whoever's: they finish quickly, and mod's may be one */
	if (!atomic_read(&klp_frees_pending))
		return waited;
	wait_event(klp_frees_wq, !atomic_read(&klp_frees_pending));
	return true;
}

/*
 * The free path. The patch is disabled from enabled_store(), which runs
 * holding an active reference on the `enabled` node of the directory
 * being removed. Linux's answer (and Kelp's) is this work item: it
 * removes the directory after the store returned, with nothing to
 * reason about. The alternative from seed 000, sysfs_break_active_
 * protection() in the store, works on Kelp's kernfs too but makes the
 * store responsible for touching nothing it frees, and the transition
 * may complete later anyway, from the retry work, where no store runs.
 */
static void klp_free_patch_work_fn(struct work_struct *work)
{
	struct klp_patch *patch = container_of(work, struct klp_patch, free_work);

	mutex_lock(&klp_mutex);
	klp_free_patch_start(patch);
	mutex_unlock(&klp_mutex);
	klp_free_patch_finish(patch);
	/*
	 * After the module_put: a waiter that sees the count drop finds the
	 * reference gone when it retries. Counted here, not in the finish,
	 * which the enable's error path calls directly with nothing queued.
	 * atomic_dec_and_test is a full barrier; partner: the wait_event's
	 * read in klp_module_wait_frees().
	 */
	if (atomic_dec_and_test(&klp_frees_pending))
		wake_up_all(&klp_frees_wq);
}

/* See core.h. */
void klp_free_patch_async(struct klp_patch *patch)
{
	/*
	 * Unlinked now, under the caller's klp_mutex, as Linux does: left on
	 * klp_patches until the work ran, a replace completing meanwhile
	 * found it again and queued the work a second time while it was
	 * running (blocked on klp_mutex): a double free (the soak found it).
	 */
	klp_free_patch_start(patch);
	/* counted before the store or the transition returns: rmmod waits for it */
	atomic_inc(&klp_frees_pending);
	queue_work(klp_wq, &patch->free_work);
}

/* ---- init ---- */

static int klp_init_func(struct klp_object *obj, struct klp_func *func)
{
	if (!func->old_name || (!func->new_func && !func->nop) ||
	    strlen(func->old_name) >= KSYM_NAME_LEN)
		return -EINVAL;
	INIT_LIST_HEAD(&func->stack_node);
	func->patched = false;
	func->transition = false;
	return kobject_add(&func->kobj, &obj->kobj, "%s,%lu", func->old_name,
			   func->old_sympos ? func->old_sympos : 1);
}

/* Size of the function at addr, in the kernel or in a module; false if unknown. */
static bool klp_func_size(unsigned long addr, unsigned long *size)
{
	unsigned long off;

	return kallsyms_lookup(addr, size, &off) || module_address_lookup(addr, size, &off, NULL);
}

/* See core.h. Linux's messages, with the livepatch prefix as in Linux. */
int klp_find_object_symbol(const char *objname, const char *name, unsigned long sympos,
			   unsigned long *addr)
{
	unsigned long count = 0, a = 0;
	struct module *mod;

	if (!objname) {
		count = kallsyms_count_name(name, sympos, &a);
	} else {
		module_mutex_lock();
		mod = find_module(objname);
		if (mod)
			a = module_kallsyms_lookup_name(mod, name, sympos, &count);
		module_mutex_unlock();
	}
	*addr = 0;
	if (!count)
		pr_err("symbol '%s' not found in symbol table\n", name);
	else if (count > 1 && sympos == 0)
		pr_err("unresolvable ambiguity for symbol '%s' in object '%s'\n", name,
		       objname ? objname : "vmlinux");
	else if (sympos > count)
		pr_err("symbol position %lu for symbol '%s' in object '%s' not found\n",
		       sympos, name, objname ? objname : "vmlinux");
	else {
		*addr = a;
		return 0;
	}
	return -EINVAL;
}

/* Resolves each function of a loaded object: address and sizes. */
static int klp_resolve_funcs(struct klp_object *obj)
{
	struct klp_func *func;
	unsigned long addr;
	int ret;

	klp_for_each_func(obj, func) {
		ret = klp_find_object_symbol(obj->name, func->old_name, func->old_sympos, &addr);
		if (ret)
			return ret;
		func->old_func = (void *)addr;
		if (!klp_func_size(addr, &func->old_size)) {
			pr_err("kallsyms size lookup failed for '%s'\n", func->old_name);
			return -ENOENT;
		}
		if (func->nop)
			func->new_func = func->old_func;
		if (!klp_func_size((unsigned long)func->new_func, &func->new_size)) {
			pr_err("kallsyms size lookup failed for '%s' replacement\n", func->old_name);
			return -ENOENT;
		}
	}
	return 0;
}

/* See core.h. */
int klp_init_object_loaded(struct klp_patch *patch, struct klp_object *obj)
{
	int ret = klp_apply_object_relocs(patch, obj);

	if (ret)
		return ret;
	ret = klp_resolve_funcs(obj);
	if (ret)
		klp_clear_object_relocs(patch, obj);
	return ret;
}

static int klp_init_object(struct klp_patch *patch, struct klp_object *obj)
{
	struct klp_func *func;
	int ret;

	if (obj->name && strlen(obj->name) >= 56)
		return -EINVAL;
	obj->patched = false;
	klp_find_object_module(obj);	/* else it waits for klp_module_coming() */
	if (obj->mod && klp_check_object_build_id(patch, obj, obj->mod)) {
		obj->mod = NULL;
		return -EINVAL;
	}
	ret = kobject_add(&obj->kobj, &patch->kobj, "%s", klp_obj_name(obj));
	if (ret)
		return ret;
	klp_for_each_func(obj, func) {
		ret = klp_init_func(obj, func);
		if (ret)
			return ret;
	}
	if (klp_is_object_loaded(obj))
		ret = klp_init_object_loaded(patch, obj);
	return ret;
}

static void klp_init_patch_early(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;

	INIT_LIST_HEAD(&patch->list);
	INIT_LIST_HEAD(&patch->obj_list);
	kobject_init(&patch->kobj, &klp_ktype_patch);
	patch->enabled = false;
	patch->forced = false;
	INIT_WORK(&patch->free_work, klp_free_patch_work_fn);
	init_completion(&patch->finish);
	klp_for_each_object_static(patch, obj) {
		INIT_LIST_HEAD(&obj->func_list);
		kobject_init(&obj->kobj, &klp_ktype_object);
		list_add_tail(&obj->node, &patch->obj_list);
		klp_for_each_func_static(obj, func) {
			kobject_init(&func->kobj, &klp_ktype_func);
			list_add_tail(&func->node, &obj->func_list);
		}
	}
}

static struct klp_object *klp_find_object(struct klp_patch *patch, struct klp_object *old)
{
	struct klp_object *obj;

	klp_for_each_object(patch, obj) {
		if (!obj->name && !old->name)
			return obj;
		if (obj->name && old->name && !strcmp(obj->name, old->name))
			return obj;
	}
	return NULL;
}

static unsigned long klp_func_sympos(const struct klp_func *func)
{
	return func->old_sympos ? func->old_sympos : 1;
}

/*
 * klp_add_nops() looks every function of every installed patch up in the
 * new patch's object: through this open-addressing index of (name,
 * sympos), not a list search per function, which made replacing a
 * 1000-function patch quadratic.
 */
struct klp_func_index {
	struct klp_func **slot;
	unsigned int mask;
};

static unsigned int klp_func_hash(const struct klp_func *func)
{
	u64 h = 0xcbf29ce484222325ull ^ klp_func_sympos(func);	/* FNV-1a */

	for (const char *p = func->old_name; *p; p++)
		h = (h ^ (u8)*p) * 0x100000001b3ull;
	return (unsigned int)((h * 0x9e3779b97f4a7c15ull) >> 32);
}

static void klp_func_index_add(struct klp_func_index *ix, struct klp_func *func)
{
	unsigned int i = klp_func_hash(func) & ix->mask;

	while (ix->slot[i])
		i = (i + 1) & ix->mask;
	ix->slot[i] = func;
}

/* Indexes obj's functions, with room for extra more (the no-ops to come). 0 or -ENOMEM. */
static int klp_func_index_build(struct klp_func_index *ix, struct klp_object *obj,
				unsigned int extra)
{
	unsigned int n = extra, size = 16;
	struct klp_func *func;

	klp_for_each_func(obj, func)
		n++;
	while (size < 2 * n)
		size *= 2;
	ix->slot = kcalloc(size, sizeof(*ix->slot), GFP_KERNEL);
	if (!ix->slot)
		return -ENOMEM;
	ix->mask = size - 1;
	klp_for_each_func(obj, func)
		klp_func_index_add(ix, func);
	return 0;
}

static struct klp_func *klp_func_index_find(const struct klp_func_index *ix,
					    const struct klp_func *old)
{
	for (unsigned int i = klp_func_hash(old) & ix->mask; ix->slot[i]; i = (i + 1) & ix->mask)
		if (!strcmp(ix->slot[i]->old_name, old->old_name) &&
		    klp_func_sympos(ix->slot[i]) == klp_func_sympos(old))
			return ix->slot[i];
	return NULL;
}

static struct klp_object *klp_alloc_object_dynamic(struct klp_patch *patch, const char *name)
{
	struct klp_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	if (name) {
		obj->name = kstrdup(name, GFP_KERNEL);
		if (!obj->name) {
			kfree(obj);
			return NULL;
		}
	}
	INIT_LIST_HEAD(&obj->func_list);
	obj->dynamic = true;
	kobject_init(&obj->kobj, &klp_ktype_object);
	list_add_tail(&obj->node, &patch->obj_list);
	return obj;
}

static struct klp_func *klp_alloc_func_nop(struct klp_object *obj, struct klp_func *old)
{
	struct klp_func *func = kzalloc(sizeof(*func), GFP_KERNEL);

	if (!func)
		return NULL;
	func->old_name = kstrdup(old->old_name, GFP_KERNEL);
	if (!func->old_name) {
		kfree(func);
		return NULL;
	}
	func->old_sympos = old->old_sympos;
	func->nop = true;	/* new_func is set to old_func once resolved */
	kobject_init(&func->kobj, &klp_ktype_func);
	list_add_tail(&func->node, &obj->func_list);
	return func;
}

/*
 * Atomic replace: every function an installed patch changes and this one
 * does not gets a dynamic no-op entry, so the transition takes the
 * system back to the original for it (Linux's klp_add_nops).
 */
static int klp_add_nops(struct klp_patch *patch)
{
	struct klp_patch *old_patch;
	struct klp_object *old_obj, *obj;
	struct klp_func *old_func, *nop;
	struct klp_func_index ix;
	unsigned int n;

	klp_for_each_patch(old_patch) {
		klp_for_each_object(old_patch, old_obj) {
			obj = klp_find_object(patch, old_obj);
			if (!obj && !(obj = klp_alloc_object_dynamic(patch, old_obj->name)))
				return -ENOMEM;
			n = 0;
			klp_for_each_func(old_obj, old_func)
				n++;
			if (klp_func_index_build(&ix, obj, n))
				return -ENOMEM;
			klp_for_each_func(old_obj, old_func) {
				if (klp_func_index_find(&ix, old_func))
					continue;
				nop = klp_alloc_func_nop(obj, old_func);
				if (!nop) {
					kfree(ix.slot);
					return -ENOMEM;
				}
				klp_func_index_add(&ix, nop);
			}
			kfree(ix.slot);
		}
	}
	return 0;
}

static int klp_init_patch(struct klp_patch *patch)
{
	struct klp_object *obj;
	int ret;

	ret = kobject_add(&patch->kobj, livepatch_kobj, "%s", patch->mod->name);
	if (ret)
		return ret;
	if (patch->replace) {
		ret = klp_add_nops(patch);
		if (ret)
			return ret;
	}
	klp_for_each_object(patch, obj) {
		ret = klp_init_object(patch, obj);
		if (ret)
			return ret;
	}
	list_add_tail(&patch->list, &klp_patches);
	return 0;
}

/* ---- enable / disable ---- */

static int __klp_disable_patch(struct klp_patch *patch)
{
	struct klp_object *obj;

	if (WARN_ON(!patch->enabled))
		return -EINVAL;
	if (klp_transition_patch)
		return -EBUSY;
	klp_init_transition(patch, KLP_UNPATCHED);
	klp_for_each_object(patch, obj)
		if (obj->patched)
			klp_pre_unpatch_callback(obj);
	/*
	 * func->transition (klp_init_transition) before the flags
	 * (klp_start_transition). Partner: klp_switch_task(), via the
	 * handler: a task switched to UNPATCHED calls through a function
	 * already seen in transition, so it gets the one below it.
	 */
	smp_mb();
	klp_start_transition();
	patch->enabled = false;
	klp_try_complete_transition();
	return 0;
}

static int __klp_enable_patch(struct klp_patch *patch)
{
	struct klp_object *obj;
	int ret;

	if (klp_transition_patch)
		return -EBUSY;
	if (WARN_ON(patch->enabled))
		return -EINVAL;
	pr_notice("enabling patch '%s'\n", patch->mod->name);
	klp_init_transition(patch, KLP_PATCHED);
	/*
	 * func->transition before the functions go on their stacks
	 * (klp_patch_object). Partner: the first acquire in
	 * klp_ftrace_handler(): it never sees a new function that is not in
	 * transition yet and gives it to an unswitched task.
	 */
	smp_mb();
	klp_for_each_object(patch, obj) {
		if (!klp_is_object_loaded(obj))
			continue;
		ret = klp_pre_patch_callback(obj);
		if (ret) {
			pr_warn("pre-patch callback failed for object '%s'\n", klp_obj_name(obj));
			goto err;
		}
	}
	/*
	 * Every object's sites in one code batch. The callbacks above all
	 * ran first, outside ftrace_lock: no new function runs before the
	 * transition starts (every task is unswitched until then), so none
	 * can tell. The transition starts from inside the commit, once the
	 * sites are live, and the batch's last sync round nudges the CPUs
	 * running pending tasks (klp_start_transition_live).
	 */
	ftrace_update_begin();
	klp_for_each_object(patch, obj) {
		if (!klp_is_object_loaded(obj))
			continue;
		ret = klp_patch_object(obj);
		if (ret) {
			pr_warn("failed to patch object '%s'\n", klp_obj_name(obj));
			/* the objects done go live unswitched; the cancel takes them off */
			ftrace_update_commit();
			goto err;
		}
	}
	ret = ftrace_update_commit_live(klp_start_transition_live, NULL);
	if (ret)
		goto err;	/* the code update failed (logged): no transition started */
	patch->enabled = true;
	klp_try_complete_transition();
	return 0;
err:
	pr_warn("failed to enable patch '%s'\n", patch->mod->name);
	klp_cancel_transition();
	return ret;
}

/* Linux's klp_is_patch_compatible: every installed state must be kept at >= version. */
static bool klp_is_patch_compatible(struct klp_patch *patch)
{
	struct klp_patch *old;
	struct klp_state *s, *n;

	klp_for_each_patch(old) {
		for (s = old->states; s && s->id; s++) {
			n = klp_get_state(patch, s->id);
			if (!n) {
				if (patch->replace)
					return false;
				continue;
			}
			if (n->version < s->version)
				return false;
		}
	}
	return true;
}

/* See livepatch.h. */
int klp_enable_patch(struct klp_patch *patch)
{
	struct klp_object *obj;
	int ret;

	if (!patch || !patch->mod || !patch->objs)
		return -EINVAL;
	klp_for_each_object_static(patch, obj)
		if (!obj->funcs)
			return -EINVAL;
	if (!patch->mod->livepatch) {
		pr_err("module %s is not marked as a livepatch module\n", patch->mod->name);
		return -EINVAL;
	}
	mutex_lock(&klp_mutex);
	if (!klp_is_patch_compatible(patch)) {
		pr_err("Livepatch patch (%s) is not compatible with the already installed livepatches.\n",
		       patch->mod->name);
		mutex_unlock(&klp_mutex);
		return -EINVAL;
	}
	if (!try_module_get(patch->mod)) {
		mutex_unlock(&klp_mutex);
		return -ENODEV;
	}
	klp_init_patch_early(patch);
	ret = klp_init_patch(patch);
	if (ret)
		goto err;
	ret = __klp_enable_patch(patch);
	if (ret)
		goto err;
	mutex_unlock(&klp_mutex);
	klp_wait_handed_off();
	return 0;
err:
	klp_free_patch_start(patch);
	mutex_unlock(&klp_mutex);
	klp_free_patch_finish(patch);
	return ret;
}
EXPORT_SYMBOL_GPL(klp_enable_patch);

/* See core.h. What `echo 0 > enabled` does, for in-kernel callers (tests). */
int klp_disable_patch(struct klp_patch *patch)
{
	int ret = 0;

	mutex_lock(&klp_mutex);
	if (!patch->enabled) {
		ret = -EINVAL;
	} else if (patch == klp_transition_patch) {
		klp_reverse_transition();
		klp_try_complete_transition();
	} else {
		ret = __klp_disable_patch(patch);
	}
	mutex_unlock(&klp_mutex);
	klp_wait_handed_off();
	return ret;
}
EXPORT_SYMBOL_FOR_KTEST(klp_disable_patch);

/* See livepatch.h. */
void klp_init(void)
{
	if (!livepatch_kobj)
		panic("livepatch: no /sys/kernel/livepatch");
	klp_wq = alloc_ordered_workqueue("kworker/klp", 0);
	if (!klp_wq)
		panic("livepatch: cannot start its workqueue");
}
