/*
 * sysfs: kobjects as directories and attributes as files, on kernfs. A
 * file's node points at its struct attribute and its parent directory's
 * node at the kobject; show/store go through the kobject type's sysfs_ops
 * (kobj_sysfs_ops for kobj_attribute), while kernfs holds the active
 * reference that keeps the kobject's data valid during the call.
 */
#include <kelp/kobject.h>
#include <kelp/kernfs.h>
#include <kelp/lockdep.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/export.h>


static ssize_t kobj_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct kobj_attribute *ka = container_of(attr, struct kobj_attribute, attr);

	return ka->show ? ka->show(kobj, ka, buf) : -EIO;
}

static ssize_t kobj_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			       size_t count)
{
	struct kobj_attribute *ka = container_of(attr, struct kobj_attribute, attr);

	return ka->store ? ka->store(kobj, ka, buf, count) : -EIO;
}

const struct sysfs_ops kobj_sysfs_ops = {
	.show = kobj_attr_show,
	.store = kobj_attr_store,
};
EXPORT_SYMBOL(kobj_sysfs_ops);

/* The kobject of an attribute node: its directory's (or group's parent's). */
static struct kobject *attr_kobj(struct kernfs_node *kn)
{
	struct kernfs_node *dir = kn->parent;

	return dir->priv ? dir->priv : dir->parent->priv;	/* a group subdir has no priv */
}

static ssize_t sysfs_kf_show(struct kernfs_node *kn, char *buf)
{
	struct kobject *kobj = attr_kobj(kn);
	const struct sysfs_ops *ops = kobj->ktype ? kobj->ktype->sysfs_ops : NULL;
	ssize_t n;

	if (!ops || !ops->show)
		return -EIO;
	memset(buf, 0, PAGE_SIZE);
	n = ops->show(kobj, kn->priv, buf);
	if (n > (ssize_t)PAGE_SIZE) {
		pr_warn("fill_read_buffer: %pS returned bad count\n", (void *)ops->show);
		n = PAGE_SIZE;
	}
	return n;
}

static ssize_t sysfs_kf_store(struct kernfs_node *kn, const char *buf, size_t len)
{
	struct kobject *kobj = attr_kobj(kn);
	const struct sysfs_ops *ops = kobj->ktype ? kobj->ktype->sysfs_ops : NULL;

	if (!ops || !ops->store)
		return -EIO;
	return ops->store(kobj, kn->priv, buf, len);
}

static const struct kernfs_ops sysfs_file_ops_rw = { .show = sysfs_kf_show, .store = sysfs_kf_store };
static const struct kernfs_ops sysfs_file_ops_ro = { .show = sysfs_kf_show };
static const struct kernfs_ops sysfs_file_ops_wo = { .store = sysfs_kf_store };

static const struct kernfs_ops *ops_for_mode(u16 mode)
{
	bool r = mode & S_IRUGO, w = mode & S_IWUGO;

	return r && w ? &sysfs_file_ops_rw : w ? &sysfs_file_ops_wo : &sysfs_file_ops_ro;
}

static int add_file(struct kernfs_node *dir, const struct attribute *attr)
{
	struct kernfs_node *kn;

	/*
	 * The validator's class of its active references is the attribute
	 * (Linux's per-attribute key): one class for, say, every patch's
	 * `enabled`. A heap attribute is not a stable key: not validated.
	 */
	kn = kernfs_create_file(dir, attr->name, attr->mode, ops_for_mode(attr->mode),
				(void *)attr,
				lockdep_static_obj(attr) ? (const struct lock_class_key *)attr : NULL);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			pr_warn("sysfs: cannot create duplicate filename '%s'\n", attr->name);
		return PTR_ERR(kn);
	}
	return 0;
}

/* See kobject.h. */
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	if (!kobj || !kobj->sd || !attr)
		return -EINVAL;
	return add_file(kobj->sd, attr);
}
EXPORT_SYMBOL(sysfs_create_file);

/* See kobject.h. Waits for the attribute's callbacks in flight. */
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
	if (kobj && kobj->sd)
		kernfs_remove_by_name(kobj->sd, attr->name);
}
EXPORT_SYMBOL(sysfs_remove_file);

/* See kobject.h. */
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *dir;
	int err = 0;

	if (!kobj || !kobj->sd)
		return -EINVAL;
	dir = kobj->sd;
	if (grp->name) {
		dir = kernfs_create_dir(kobj->sd, grp->name, 0755, NULL);
		if (IS_ERR(dir))
			return PTR_ERR(dir);
	}
	for (struct attribute **a = grp->attrs; a && *a && !err; a++)
		err = add_file(dir, *a);
	if (err)
		sysfs_remove_group(kobj, grp);
	return err;
}
EXPORT_SYMBOL(sysfs_create_group);

/* See kobject.h. */
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
	if (!kobj || !kobj->sd)
		return;
	if (grp->name) {
		kernfs_remove_by_name(kobj->sd, grp->name);
		return;
	}
	for (struct attribute **a = grp->attrs; a && *a; a++)
		kernfs_remove_by_name(kobj->sd, (*a)->name);
}
EXPORT_SYMBOL(sysfs_remove_group);

/* See kobject.h. */
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	for (int i = 0; groups && groups[i]; i++) {
		int err = sysfs_create_group(kobj, groups[i]);

		if (err) {
			while (--i >= 0)
				sysfs_remove_group(kobj, groups[i]);
			return err;
		}
	}
	return 0;
}
EXPORT_SYMBOL(sysfs_create_groups);

/* See kobject.h. */
void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	for (int i = 0; groups && groups[i]; i++)
		sysfs_remove_group(kobj, groups[i]);
}
EXPORT_SYMBOL(sysfs_remove_groups);

/* See kobject.h. Returns the node to pass to unbreak, or NULL. */
struct kernfs_node *sysfs_break_active_protection(struct kobject *kobj,
						  const struct attribute *attr)
{
	struct kernfs_node *kn;

	if (!kobj->sd)
		return NULL;
	kobject_get(kobj);
	kn = kernfs_find_and_get(kobj->sd, attr->name);
	if (kn)
		kernfs_break_active_protection(kn);
	else
		kobject_put(kobj);
	return kn;
}
EXPORT_SYMBOL(sysfs_break_active_protection);

/* See kobject.h. */
void sysfs_unbreak_active_protection(struct kernfs_node *kn)
{
	struct kobject *kobj = attr_kobj(kn);	/* still linked to its parent node */

	kernfs_unbreak_active_protection(kn);
	kernfs_put(kn);
	kobject_put(kobj);
}
EXPORT_SYMBOL(sysfs_unbreak_active_protection);

/* See kobject.h. */
bool sysfs_remove_file_self(struct kobject *kobj, const struct attribute *attr)
{
	struct kernfs_node *kn = kobj->sd ? kernfs_find_and_get(kobj->sd, attr->name) : NULL;
	bool ret;

	if (!kn)
		return false;
	ret = kernfs_remove_self(kn);
	kernfs_put(kn);
	return ret;
}
EXPORT_SYMBOL(sysfs_remove_file_self);

/* See kobject.h. */
int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(sysfs_emit);

/* See kobject.h. */
int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at < 0 || at >= (int)PAGE_SIZE)
		return 0;
	va_start(ap, fmt);
	n = vscnprintf(buf + at, PAGE_SIZE - at, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(sysfs_emit_at);

/*
 * See kobject.h. Linux's out-of-line names for sysfs_create_file and
 * sysfs_remove_file (the namespace tag is for network namespaces, which
 * Kelp has not: it must be NULL).
 */
int sysfs_create_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns)
{
	return ns ? -EINVAL : sysfs_create_file(kobj, attr);
}
EXPORT_SYMBOL(sysfs_create_file_ns);

/* See sysfs_create_file_ns. */
void sysfs_remove_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns)
{
	if (!ns)
		sysfs_remove_file(kobj, attr);
}
EXPORT_SYMBOL(sysfs_remove_file_ns);

/* See kobject.h. Each attribute of the NULL-ended attrs; on failure none stays. */
int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attrs)
{
	int err = 0, i;

	for (i = 0; attrs[i] && !err; i++)
		err = sysfs_create_file(kobj, attrs[i]);
	if (err)
		while (--i > 0)
			sysfs_remove_file(kobj, attrs[i - 1]);
	return err;
}
EXPORT_SYMBOL(sysfs_create_files);

/* See kobject.h. */
void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attrs)
{
	for (int i = 0; attrs[i]; i++)
		sysfs_remove_file(kobj, attrs[i]);
}
EXPORT_SYMBOL(sysfs_remove_files);

struct kobject *livepatch_kobj;
struct kobject *debug_kobj;
EXPORT_SYMBOL(debug_kobj);

/* See kobject.h. */
void sysfs_init(void)
{
	struct inode *root = kernfs_init();

	if (vfs_mount("/sys", root))
		panic("sysfs: cannot mount /sys");
	kernel_kobj = kobject_create_and_add("kernel", NULL);
	module_kset = kset_create_and_add("module", NULL, NULL);
	livepatch_kobj = kobject_create_and_add("livepatch", kernel_kobj);
	debug_kobj = kobject_create_and_add("debug", kernel_kobj);
	if (!kernel_kobj || !module_kset || !livepatch_kobj || !debug_kobj)
		panic("sysfs: cannot create /sys/kernel, /sys/module, /sys/kernel/livepatch or /sys/kernel/debug");
}
