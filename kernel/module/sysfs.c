/*
 * /sys/module/NAME: refcnt, initstate, taint, holders/ (one entry per
 * module using this one), parameters/ (module_param()s with a mode) and
 * sections/ (the address of each loaded section), as Linux's.
 * The zram rule (reference/seeds/003): a store on a module's attribute
 * runs holding a module reference taken with try_module_get(), so it
 * fails with -ENODEV once rmmod has begun and rmmod fails with -EBUSY
 * while a store runs: a store never runs module code that is going away,
 * and a store that takes a lock the module's exit also takes cannot
 * deadlock rmmod. module_sysfs_remove() drains callbacks (kernfs active
 * references) before the module's memory is freed.
 */
#include <kelp/module.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/mutex.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/string.h>

struct param_attr {
	struct kobj_attribute ka;
	const struct kernel_param *kp;
};

struct module_param_attrs {
	unsigned int n;
	struct param_attr attrs[];
};

struct sect_attr {
	struct kobj_attribute ka;
	unsigned long addr;
};

struct module_sect_attrs {
	struct kobject *dir;
	unsigned int n;
	struct sect_attr attrs[];
};

static struct module *kobj_module(struct kobject *kobj)
{
	return container_of(kobj, struct module, kobj);
}

static ssize_t refcnt_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", module_refcount(kobj_module(kobj)));
}

static ssize_t initstate_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	static const char *const names[] = { "live", "coming", "going", "unformed" };

	return sysfs_emit(buf, "%s\n", names[kobj_module(kobj)->state & 3]);
}

static ssize_t taint_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	struct module *mod = kobj_module(kobj);
	char flags[8];
	int n = 0;

	if (mod->taints & (1UL << TAINT_PROPRIETARY_MODULE))
		flags[n++] = 'P';
	if (mod->taints & (1UL << TAINT_OOT_MODULE))
		flags[n++] = 'O';
	if (mod->taints & (1UL << TAINT_UNSIGNED_MODULE))
		flags[n++] = 'E';
	if (mod->taints & (1UL << TAINT_LIVEPATCH))
		flags[n++] = 'K';
	flags[n] = '\0';
	return sysfs_emit(buf, "%s\n", flags);
}

static struct kobj_attribute refcnt_attr = __ATTR_RO(refcnt);
static struct kobj_attribute initstate_attr = __ATTR_RO(initstate);
static struct kobj_attribute taint_attr = __ATTR_RO(taint);
static struct attribute *module_attrs[] = {
	&refcnt_attr.attr, &initstate_attr.attr, &taint_attr.attr, NULL,
};
static const struct attribute_group module_attr_group = { .attrs = module_attrs };
static const struct attribute_group *module_attr_groups[] = { &module_attr_group, NULL };

/* The kobject is inside the module: its memory goes with the module's. */
static void module_kobj_release(struct kobject *kobj)
{
}

static const struct kobj_type module_ktype = {
	.release = module_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = module_attr_groups,
};

/*
 * Held by sysfs around a parameter's get and set (kernel_param_lock).
 * Order: taken with no other Kelp lock held (outside module_mutex and
 * the kernfs locks' critical sections); a parameter's own set/get must
 * not take it again.
 */
static DEFINE_MUTEX(param_lock);

/* See module.h. */
void kernel_param_lock(struct module *mod)
{
	(void)mod;
	mutex_lock(&param_lock);
}
EXPORT_SYMBOL(kernel_param_lock);

/* See module.h. */
void kernel_param_unlock(struct module *mod)
{
	(void)mod;
	mutex_unlock(&param_lock);
}
EXPORT_SYMBOL(kernel_param_unlock);

static ssize_t param_attr_show(struct kobject *kobj, struct kobj_attribute *ka, char *buf)
{
	const struct kernel_param *kp = container_of(ka, struct param_attr, ka)->kp;
	ssize_t n;

	if (!kp->ops->get)
		return -EPERM;
	kernel_param_lock(kp->mod);
	n = kp->ops->get(buf, kp);
	kernel_param_unlock(kp->mod);
	return n;
}

/* The zram rule: hold the module, or fail if it is going away. */
static ssize_t param_attr_store(struct kobject *kobj, struct kobj_attribute *ka, const char *buf,
				size_t count)
{
	const struct kernel_param *kp = container_of(ka, struct param_attr, ka)->kp;
	char *val = kstrdup(buf, GFP_KERNEL);	/* a page at most, NUL-terminated */
	size_t n;
	int err;

	if (!val)
		return -ENOMEM;
	n = strlen(val);
	if (n && val[n - 1] == '\n')
		val[n - 1] = '\0';
	if (!try_module_get(kp->mod)) {
		kfree(val);
		return -ENODEV;
	}
	kernel_param_lock(kp->mod);
	err = kp->ops->set(val, kp);
	kernel_param_unlock(kp->mod);
	module_put(kp->mod);
	kfree(val);
	return err ? err : (ssize_t)count;
}

static int module_param_sysfs_add(struct module *mod)
{
	unsigned int i, n = 0;

	for (i = 0; i < mod->num_kp; i++)
		n += mod->kp[i].perm != 0;
	if (!n)
		return 0;
	mod->params_kobj = kobject_create_and_add("parameters", &mod->kobj);
	mod->param_attrs = kzalloc(sizeof(*mod->param_attrs) + n * sizeof(struct param_attr),
				   GFP_KERNEL);
	if (!mod->params_kobj || !mod->param_attrs)
		return -ENOMEM;
	for (i = 0; i < mod->num_kp; i++) {
		struct param_attr *pa = &mod->param_attrs->attrs[mod->param_attrs->n];
		int err;

		if (!mod->kp[i].perm)
			continue;
		pa->kp = &mod->kp[i];
		pa->ka.attr.name = mod->kp[i].name;
		pa->ka.attr.mode = mod->kp[i].perm & 0666;
		pa->ka.show = param_attr_show;
		pa->ka.store = param_attr_store;
		err = sysfs_create_file(mod->params_kobj, &pa->ka.attr);
		if (err)
			return err;
		mod->param_attrs->n++;
	}
	return 0;
}

static ssize_t sect_attr_show(struct kobject *kobj, struct kobj_attribute *ka, char *buf)
{
	return sysfs_emit(buf, "0x%016lx\n", container_of(ka, struct sect_attr, ka)->addr);
}

static int module_sect_sysfs_add(struct module *mod, const struct elf_info *info)
{
	struct module_sect_attrs *sa;
	unsigned int i, n = 0;

	for (i = 1; i < info->shnum; i++)
		n += elf_section_addr(info, i) != 0;
	sa = kzalloc(sizeof(*sa) + n * sizeof(struct sect_attr), GFP_KERNEL);
	if (!sa)
		return -ENOMEM;
	mod->sect_attrs = sa;
	sa->dir = kobject_create_and_add("sections", &mod->kobj);
	if (!sa->dir)
		return -ENOMEM;
	for (i = 1; i < info->shnum; i++) {
		struct sect_attr *a = &sa->attrs[sa->n];

		if (!elf_section_addr(info, i))
			continue;
		a->addr = elf_section_addr(info, i);
		a->ka.attr.name = kstrdup(info->secstrings + info->sechdrs[i].sh_name, GFP_KERNEL);
		a->ka.attr.mode = 0400;
		a->ka.show = sect_attr_show;
		if (!a->ka.attr.name)
			return -ENOMEM;
		sa->n++;
		if (sysfs_create_file(sa->dir, &a->ka.attr))
			return -ENOMEM;
	}
	return 0;
}

/* See module.h. On error the caller calls module_sysfs_remove(). module_mutex held. */
int module_sysfs_add(struct module *mod, const struct elf_info *info)
{
	int err;

	err = kobject_init_and_add(&mod->kobj, &module_ktype, &module_kset->kobj, "%s", mod->name);
	if (err)
		return err;
	mod->holders_dir = kobject_create_and_add("holders", &mod->kobj);
	if (!mod->holders_dir)
		return -ENOMEM;
	err = module_param_sysfs_add(mod);
	if (!err)
		err = module_sect_sysfs_add(mod, info);
	return err;
}

static void module_sect_sysfs_remove(struct module *mod)
{
	struct module_sect_attrs *sa = mod->sect_attrs;

	if (!sa)
		return;
	if (sa->dir) {
		kobject_del(sa->dir);
		kobject_put(sa->dir);
	}
	for (unsigned int i = 0; i < sa->n; i++)
		kfree(sa->attrs[i].ka.attr.name);
	kfree(sa);
	mod->sect_attrs = NULL;
}

static void kobject_remove(struct kobject **kobj)
{
	if (!*kobj)
		return;
	kobject_del(*kobj);
	kobject_put(*kobj);
	*kobj = NULL;
}

/*
 * See module.h. Returns once no show/store of mod runs (kernfs drains them).
 * module_mutex held; a store of mod never waits for module_mutex.
 */
void module_sysfs_remove(struct module *mod)
{
	module_sect_sysfs_remove(mod);
	kobject_remove(&mod->params_kobj);
	kfree(mod->param_attrs);
	mod->param_attrs = NULL;
	kobject_remove(&mod->holders_dir);
	if (mod->kobj.state_in_sysfs)
		kobject_del(&mod->kobj);
	if (mod->kobj.state_initialized)
		kobject_put(&mod->kobj);
}

/* See module.h. module_mutex held. */
int module_sysfs_add_holder(struct module_use *use)
{
	use->holder_kobj = kobject_create_and_add(use->source->name, use->target->holders_dir);
	return use->holder_kobj ? 0 : -ENOMEM;
}

/* See module.h. module_mutex held. */
void module_sysfs_remove_holder(struct module_use *use)
{
	kobject_remove(&use->holder_kobj);
}
