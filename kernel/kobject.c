/*
 * kobjects and ksets: naming, parenting, reference counting and the sysfs
 * directory that comes with kobject_add. The release order follows Linux:
 * kobject_put's last reference removes the sysfs directory if the owner
 * has not (kobject_del), drops the parent, and calls ktype->release.
 * kobject_del removes the directory first, which waits until no show/store
 * of the kobject runs (kernfs active references).
 */
#include <kelp/kobject.h>
#include <kelp/kernfs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/export.h>
#include <kelp/panic.h>

struct kobject *kernel_kobj;
EXPORT_SYMBOL(kernel_kobj);
struct kset *module_kset;

/* See kobject.h. */
const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}
EXPORT_SYMBOL(kobject_name);

/*
 * See kobject.h. The kset survives: Linux's documented way to make a kset
 * member is to set kobj->kset, then kobject_init_and_add() (Linux's
 * kobject_init clears nothing; the caller zeroed the object).
 */
void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	struct kset *kset = kobj->kset;

	WARN(kobj->state_initialized, "kobject (%p): tried to init an initialized object\n", kobj);
	memset(kobj, 0, sizeof(*kobj));
	kobj->kset = kset;
	kref_init(&kobj->kref);
	INIT_LIST_HEAD(&kobj->entry);
	kobj->ktype = ktype;
	kobj->state_initialized = true;
}
EXPORT_SYMBOL(kobject_init);

/* Linux's sysfs_warn_dup (kernel/fs/sysfs.c). */
void sysfs_warn_dup(struct kernfs_node *parent, const char *name);

/*
 * Adds the named kobj under kobj->parent (or its kset's kobject, or the
 * sysfs root), taking a reference on the parent, and makes its directory
 * and default groups. On failure kobj is as before, without a parent.
 */
static int kobject_add_internal(struct kobject *kobj)
{
	struct kobject *parent;
	struct kernfs_node *psd;
	int err;

	if (!kobj->name || !kobj->name[0]) {
		WARN(1, "kobject: (%p): attempted to be registered with empty name!\n", kobj);
		return -EINVAL;
	}
	parent = kobject_get(kobj->parent);
	if (!parent && kobj->kset)
		parent = kobject_get(&kobj->kset->kobj);
	kobj->parent = parent;
	psd = parent ? parent->sd : kernfs_root;
	kobj->sd = psd ? kernfs_create_dir(psd, kobj->name, 0755, kobj) : ERR_PTR(-ENOENT);
	if (IS_ERR(kobj->sd)) {
		err = PTR_ERR(kobj->sd);
		kobj->sd = NULL;
		if (err == -EEXIST)
			sysfs_warn_dup(psd, kobj->name);
		goto err_parent;
	}
	kobj->state_in_sysfs = true;
	if (kobj->ktype && kobj->ktype->default_groups) {
		err = sysfs_create_groups(kobj, kobj->ktype->default_groups);
		if (err)
			goto err_dir;
	}
	if (kobj->kset)
		list_add_tail(&kobj->entry, &kobj->kset->list);
	return 0;

err_dir:
	kernfs_remove(kobj->sd);
	kobj->sd = NULL;
	kobj->state_in_sysfs = false;
err_parent:
	if (err == -EEXIST)
		pr_err("kobject: kobject_add_internal failed for %s with -EEXIST, don't try to register things with the same name in the same directory.\n",
		       kobj->name);
	else
		pr_err("kobject: kobject_add_internal failed for %s (error: %d parent: %s)\n", kobj->name,
		       err, parent ? kobject_name(parent) : "'none'");
	kobject_put(parent);
	kobj->parent = NULL;
	return err;
}

static int kobject_add_varg(struct kobject *kobj, struct kobject *parent, const char *fmt,
			    va_list ap)
{
	if (!kobj->state_initialized || !fmt)
		return -EINVAL;
	kfree(kobj->name);
	kobj->name = kvasprintf(GFP_KERNEL, fmt, ap);
	if (!kobj->name)
		return -ENOMEM;
	kobj->parent = parent;
	return kobject_add_internal(kobj);
}

/* See kobject.h. */
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = kobject_add_varg(kobj, parent, fmt, ap);
	va_end(ap);
	return err;
}
EXPORT_SYMBOL(kobject_add);

/* See kobject.h. On failure the caller still owns the reference (kobject_put). */
int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	int err;

	kobject_init(kobj, ktype);
	va_start(ap, fmt);
	err = kobject_add_varg(kobj, parent, fmt, ap);
	va_end(ap);
	return err;
}
EXPORT_SYMBOL(kobject_init_and_add);

/* See kobject.h. Task context (may wait for callbacks in flight). */
void kobject_del(struct kobject *kobj)
{
	if (!kobj || !kobj->state_in_sysfs)
		return;
	kernfs_remove(kobj->sd);	/* the node may be freed here */
	kobj->sd = NULL;
	kobj->state_in_sysfs = false;
	if (kobj->kset)
		list_del_init(&kobj->entry);
	kobject_put(kobj->parent);
	kobj->parent = NULL;
}
EXPORT_SYMBOL(kobject_del);

/* See kobject.h. */
struct kobject *kobject_get_unless_zero(struct kobject *kobj)
{
	if (kobj && !kref_get_unless_zero(&kobj->kref))
		return NULL;
	return kobj;
}
EXPORT_SYMBOL(kobject_get_unless_zero);

/* See kobject.h. */
int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
	va_list ap;
	char *name;

	va_start(ap, fmt);
	name = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!name)
		return -ENOMEM;
	kfree(kobj->name);
	kobj->name = name;
	return 0;
}
EXPORT_SYMBOL(kobject_set_name);

/* See kobject.h. Two passes: the length, then the names from the leaf up. */
char *kobject_get_path(const struct kobject *kobj, gfp_t gfp)
{
	size_t len = 0;
	char *path;

	for (const struct kobject *k = kobj; k; k = k->parent) {
		if (!k->name)
			return NULL;
		len += strlen(k->name) + 1;
	}
	if (!len)
		return NULL;
	path = kmalloc(len + 1, gfp);
	if (!path)
		return NULL;
	path[len] = '\0';
	for (const struct kobject *k = kobj; k; k = k->parent) {
		size_t n = strlen(k->name);

		len -= n;
		memcpy(path + len, k->name, n);
		path[--len] = '/';
	}
	return path;
}
EXPORT_SYMBOL(kobject_get_path);

/* See kobject.h. */
int kobject_rename(struct kobject *kobj, const char *new_name)
{
	const char *old;
	char *name;
	int err;

	if (!kobj || !new_name || !*new_name)
		return -EINVAL;
	kobject_get(kobj);
	err = -EINVAL;
	if (!kobj->parent)
		goto out;	/* Linux renames no top-level kobject */
	err = -ENOMEM;
	name = kstrdup(new_name, GFP_KERNEL);
	if (!name)
		goto out;
	err = kobj->sd ? kernfs_rename(kobj->sd, NULL, name) : -ENOENT;
	if (err) {
		kfree(name);
		goto out;
	}
	old = kobj->name;
	kobj->name = name;
	kfree(old);
out:
	kobject_put(kobj);
	return err;
}
EXPORT_SYMBOL_GPL(kobject_rename);

/* See kobject.h. */
int kobject_move(struct kobject *kobj, struct kobject *new_parent)
{
	struct kobject *old_parent;
	struct kernfs_node *psd;
	int err;

	if (!kobj)
		return -EINVAL;
	kobject_get(kobj);
	new_parent = kobject_get(new_parent);
	if (!new_parent && kobj->kset)
		new_parent = kobject_get(&kobj->kset->kobj);
	/*
	 * Linux moves under the sysfs root when new_parent has no directory;
	 * Kelp refuses, so that the kobject's parent and its directory's
	 * parent stay the same (kobject_get_path names the directory).
	 */
	psd = new_parent ? new_parent->sd : kernfs_root;
	err = kobj->sd && psd ? kernfs_rename(kobj->sd, psd, NULL) : -ENOENT;
	if (!err) {
		old_parent = kobj->parent;
		kobj->parent = new_parent;	/* takes the reference over */
		new_parent = NULL;
		kobject_put(old_parent);
	}
	kobject_put(new_parent);
	kobject_put(kobj);
	return err;
}
EXPORT_SYMBOL_GPL(kobject_move);

/* See kobject.h. */
void sysfs_notify(struct kobject *kobj, const char *dir, const char *attr)
{
	(void)kobj;
	(void)dir;
	(void)attr;
}
EXPORT_SYMBOL(sysfs_notify);

/* See kobject.h. */
struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj)
		kref_get(&kobj->kref);
	return kobj;
}
EXPORT_SYMBOL(kobject_get);

static void kobject_release(struct kref *kref)
{
	struct kobject *kobj = container_of(kref, struct kobject, kref);
	const char *name = kobj->name;

	if (kobj->state_in_sysfs)
		kobject_del(kobj);
	if (kobj->ktype && kobj->ktype->release)
		kobj->ktype->release(kobj);
	else
		pr_err("kobject: '%s' (%p): does not have a release() function, it is broken and must be fixed.\n",
		       name, kobj);
	kfree(name);
}

/* See kobject.h. */
void kobject_put(struct kobject *kobj)
{
	if (!kobj)
		return;
	WARN(!kobj->state_initialized, "kobject: '%s' (%p): is not initialized, yet kobject_put() is being called.\n",
	     kobj->name, kobj);
	kref_put(&kobj->kref, kobject_release);
}
EXPORT_SYMBOL(kobject_put);

static void dynamic_kobj_release(struct kobject *kobj)
{
	kfree(kobj);
}

static const struct kobj_type dynamic_kobj_ktype = {
	.release = dynamic_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

/* See kobject.h. */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);

	if (!kobj)
		return NULL;
	if (kobject_init_and_add(kobj, &dynamic_kobj_ktype, parent, "%s", name)) {
		kobject_put(kobj);
		return NULL;
	}
	return kobj;
}
EXPORT_SYMBOL(kobject_create_and_add);

static void kset_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct kset, kobj));
}

static const struct kobj_type kset_ktype = {
	.release = kset_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

/* See kobject.h. */
struct kset *kset_create_and_add(const char *name, const void *uevent_ops, struct kobject *parent)
{
	struct kset *kset = kzalloc(sizeof(*kset), GFP_KERNEL);

	if (!kset)
		return NULL;
	INIT_LIST_HEAD(&kset->list);
	if (kobject_init_and_add(&kset->kobj, &kset_ktype, parent, "%s", name)) {
		kobject_put(&kset->kobj);
		return NULL;
	}
	return kset;
}
EXPORT_SYMBOL(kset_create_and_add);

/*
 * See kobject.h. The members list changes only in kobject_add and
 * kobject_del, which run in the kset owner's own (serialized) code paths,
 * as the rest of this file assumes.
 */
struct kobject *kset_find_obj(struct kset *kset, const char *name)
{
	struct kobject *k;

	list_for_each_entry(k, &kset->list, entry)
		if (k->name && !strcmp(k->name, name))
			return kobject_get_unless_zero(k);
	return NULL;
}
EXPORT_SYMBOL(kset_find_obj);

/* See kobject.h. Linux's kset_init: the rest of kset->kobj is the caller's. */
int kset_register(struct kset *kset)
{
	struct kobject *kobj;
	int err;

	if (!kset)
		return -EINVAL;
	kobj = &kset->kobj;
	if (!kobj->ktype) {
		pr_err("kobject: must have a ktype to be initialized properly!\n");
		return -EINVAL;
	}
	kref_init(&kobj->kref);
	INIT_LIST_HEAD(&kobj->entry);
	kobj->state_in_sysfs = false;
	kobj->state_initialized = true;
	INIT_LIST_HEAD(&kset->list);
	err = kobject_add_internal(kobj);
	if (err) {
		kfree(kobj->name);
		kobj->name = NULL;	/* the caller may look at it: not a freed pointer */
	}
	return err;
}
EXPORT_SYMBOL(kset_register);

/* See kobject.h. */
void kset_unregister(struct kset *kset)
{
	if (!kset)
		return;
	kobject_del(&kset->kobj);
	kobject_put(&kset->kobj);
}
EXPORT_SYMBOL(kset_unregister);
