/*
 * sysfs: kobjects as directories and attributes as files, on kernfs. A
 * file's node points at its struct attribute and its parent directory's
 * node at the kobject; show/store go through the kobject type's sysfs_ops
 * (kobj_sysfs_ops for kobj_attribute), while kernfs holds the active
 * reference that keeps the kobject's data valid during the call.
 * Symbolic links (sysfs_create_link) are kernfs link nodes to the target
 * kobject's directory (kernfs.h says what they hold). Warnings and error
 * codes are Linux 6.12's (fs/sysfs/file.c, group.c, symlink.c).
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

/*
 * Every file gets both calls; the mode decides what an open may do (the
 * VFS checks it at each open: sysfs_chmod_file takes effect at once), and
 * a kobject type without the method answers -EIO.
 */
static const struct kernfs_ops sysfs_file_ops = { .show = sysfs_kf_show, .store = sysfs_kf_store };

/*
 * Linux's warning for a name already taken in parent, with the directory's
 * path ("sysfs: cannot create duplicate filename '/kernel/x/name'").
 * Linux then dumps the stack at the default level; Kelp's dump_stack
 * prints at emergency level (it is the oops printer), so it is left out.
 */
void sysfs_warn_dup(struct kernfs_node *parent, const char *name)
{
	char *buf = kzalloc(PATH_MAX, GFP_KERNEL);

	if (buf)
		kernfs_path(parent, buf, PATH_MAX);
	pr_warn("sysfs: cannot create duplicate filename '%s/%s'\n", buf, name);
	kfree(buf);
}

static int add_file_mode(struct kernfs_node *dir, const struct attribute *attr, u16 mode)
{
	struct kernfs_node *kn;

	if (!attr->name)
		return -EINVAL;
	/*
	 * The validator's class of its active references is the attribute
	 * (Linux's per-attribute key): one class for, say, every patch's
	 * `enabled`. A heap attribute is not a stable key: not validated.
	 */
	kn = kernfs_create_file(dir, attr->name, mode, &sysfs_file_ops, (void *)attr,
				lockdep_static_obj(attr) ? (const struct lock_class_key *)attr : NULL);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(dir, attr->name);
		return PTR_ERR(kn);
	}
	return 0;
}

static int add_file(struct kernfs_node *dir, const struct attribute *attr)
{
	return add_file_mode(dir, attr, attr->mode);
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

/* Removes the files of grp's attributes from dir (quiet for missing ones). */
static void remove_files(struct kernfs_node *dir, const struct attribute_group *grp)
{
	for (struct attribute **a = grp->attrs; a && *a; a++)
		if ((*a)->name)
			kernfs_remove_by_name(dir, (*a)->name);
}

/*
 * Makes grp's visible files in dir; with update, each is first removed
 * (its visibility or mode may have changed). On failure none stays.
 */
static int create_files(struct kernfs_node *dir, struct kobject *kobj,
			const struct attribute_group *grp, bool update)
{
	int err = 0, i = 0;

	for (struct attribute **a = grp->attrs; a && *a && !err; a++, i++) {
		u16 mode = (*a)->mode;

		if (update && (*a)->name)
			kernfs_remove_by_name(dir, (*a)->name);
		if (grp->is_visible) {
			mode = grp->is_visible(kobj, *a, i) & ~SYSFS_GROUP_INVISIBLE;
			if (!mode)
				continue;
		}
		err = add_file_mode(dir, *a, mode);
	}
	if (err)
		remove_files(dir, grp);
	return err;
}

/* Linux's internal_create_group: a new group, or an update of one. */
static int create_group(struct kobject *kobj, const struct attribute_group *grp, bool update)
{
	struct kernfs_node *dir;
	int err;

	if (!kobj || !kobj->sd || !grp)
		return -EINVAL;
	if (!grp->attrs)
		return 0;	/* Linux: nothing to make (pr_debug) */
	if (!grp->name)
		return create_files(kobj->sd, kobj, grp, update);
	/* the group's directory is hidden if its first attribute says so */
	if (grp->is_visible && grp->attrs[0] &&
	    (grp->is_visible(kobj, grp->attrs[0], 0) & SYSFS_GROUP_INVISIBLE)) {
		if (update)
			kernfs_remove_by_name(kobj->sd, grp->name);
		return 0;
	}
	dir = update ? kernfs_find_and_get(kobj->sd, grp->name) : NULL;
	if (!dir) {
		update = false;	/* it may have been invisible until now */
		dir = kernfs_create_dir(kobj->sd, grp->name, 0755, NULL);
		if (IS_ERR(dir)) {
			if (PTR_ERR(dir) == -EEXIST)
				sysfs_warn_dup(kobj->sd, grp->name);
			return PTR_ERR(dir);
		}
		kernfs_get(dir);	/* as the lookup's: dropped below */
	}
	err = create_files(dir, kobj, grp, update);
	if (err && !update)
		kernfs_remove(dir);
	kernfs_put(dir);
	return err;
}

/* See kobject.h. */
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	return create_group(kobj, grp, false);
}
EXPORT_SYMBOL(sysfs_create_group);

/* See kobject.h. */
int sysfs_update_group(struct kobject *kobj, const struct attribute_group *grp)
{
	return create_group(kobj, grp, true);
}
EXPORT_SYMBOL_GPL(sysfs_update_group);

/* See kobject.h. */
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
	if (!kobj || !kobj->sd || !grp)
		return;
	if (grp->name) {
		kernfs_remove_by_name(kobj->sd, grp->name);
		return;
	}
	remove_files(kobj->sd, grp);
}
EXPORT_SYMBOL(sysfs_remove_group);

static int create_groups(struct kobject *kobj, const struct attribute_group **groups, bool update)
{
	for (int i = 0; groups && groups[i]; i++) {
		int err = create_group(kobj, groups[i], update);

		if (err) {
			while (--i >= 0)
				sysfs_remove_group(kobj, groups[i]);
			return err;
		}
	}
	return 0;
}

/* See kobject.h. */
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	return create_groups(kobj, groups, false);
}
EXPORT_SYMBOL(sysfs_create_groups);

/* See kobject.h. */
int sysfs_update_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	return create_groups(kobj, groups, true);
}
EXPORT_SYMBOL_GPL(sysfs_update_groups);

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

/* kobj's directory, or its group directory group (NULL: its own), with a node reference. */
static struct kernfs_node *group_dir(struct kobject *kobj, const char *group)
{
	if (!kobj || !kobj->sd)
		return NULL;
	if (group)
		return kernfs_find_and_get(kobj->sd, group);
	kernfs_get(kobj->sd);
	return kobj->sd;
}

/* See kobject.h. */
int sysfs_add_file_to_group(struct kobject *kobj, const struct attribute *attr, const char *group)
{
	struct kernfs_node *dir;
	int err;

	if (!kobj || !kobj->sd || !attr)
		return -EINVAL;
	dir = group_dir(kobj, group);
	if (!dir)
		return -ENOENT;
	err = add_file(dir, attr);
	kernfs_put(dir);
	return err;
}
EXPORT_SYMBOL_GPL(sysfs_add_file_to_group);

/* See kobject.h. */
void sysfs_remove_file_from_group(struct kobject *kobj, const struct attribute *attr,
				  const char *group)
{
	struct kernfs_node *dir = attr && attr->name ? group_dir(kobj, group) : NULL;

	if (dir) {
		kernfs_remove_by_name(dir, attr->name);
		kernfs_put(dir);
	}
}
EXPORT_SYMBOL_GPL(sysfs_remove_file_from_group);

/* See kobject.h. */
int sysfs_chmod_file(struct kobject *kobj, const struct attribute *attr, u16 mode)
{
	struct kernfs_node *kn;

	if (!kobj || !kobj->sd || !attr || !attr->name)
		return -EINVAL;
	kn = kernfs_find_and_get(kobj->sd, attr->name);
	if (!kn)
		return -ENOENT;
	kernfs_chmod(kn, mode);
	kernfs_put(kn);
	return 0;
}
EXPORT_SYMBOL_GPL(sysfs_chmod_file);

/* See kobject.h. */
int sysfs_merge_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *dir;
	int err = 0, i;

	if (!kobj || !grp || !grp->name)
		return -EINVAL;
	dir = group_dir(kobj, grp->name);
	if (!dir)
		return -ENOENT;
	for (i = 0; grp->attrs && grp->attrs[i] && !err; i++)
		err = add_file(dir, grp->attrs[i]);
	/*
	 * Takes back the ones added. Linux's loop also removes the file
	 * that was there under the failing name; Kelp leaves that one.
	 */
	if (err)
		for (i -= 2; i >= 0; i--)
			kernfs_remove_by_name(dir, grp->attrs[i]->name);
	kernfs_put(dir);
	return err;
}
EXPORT_SYMBOL_GPL(sysfs_merge_group);

/* See kobject.h. */
void sysfs_unmerge_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *dir = grp && grp->name ? group_dir(kobj, grp->name) : NULL;

	if (dir) {
		remove_files(dir, grp);
		kernfs_put(dir);
	}
}
EXPORT_SYMBOL_GPL(sysfs_unmerge_group);

/* A link name in dir to target's directory; warn: Linux's duplicate warning. */
static int create_link_in(struct kernfs_node *dir, struct kobject *target, const char *name,
			  bool warn)
{
	struct kernfs_node *kn;

	if (!target || !name || !*name)
		return -EINVAL;
	/*
	 * target->sd is the owner's to clear (kobject_del); as in Linux the
	 * caller keeps target from going away during the call. The link's
	 * node reference then keeps the node's memory, not the kobject.
	 */
	if (!target->sd)
		return -ENOENT;
	kn = kernfs_create_link(dir, name, target->sd);
	if (!IS_ERR(kn))
		return 0;
	if (warn && PTR_ERR(kn) == -EEXIST)
		sysfs_warn_dup(dir, name);
	return PTR_ERR(kn);
}

/* kobj's directory for a link: NULL kobj is the sysfs root (Linux's rule). */
static struct kernfs_node *link_dir(struct kobject *kobj)
{
	return kobj ? kobj->sd : kernfs_root;
}

/* See kobject.h. */
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name)
{
	struct kernfs_node *dir = link_dir(kobj);

	return dir ? create_link_in(dir, target, name, true) : -EFAULT;
}
EXPORT_SYMBOL_GPL(sysfs_create_link);

/* See kobject.h. */
int sysfs_create_link_nowarn(struct kobject *kobj, struct kobject *target, const char *name)
{
	struct kernfs_node *dir = link_dir(kobj);

	return dir ? create_link_in(dir, target, name, false) : -EFAULT;
}
EXPORT_SYMBOL_GPL(sysfs_create_link_nowarn);

/* See kobject.h. */
void sysfs_remove_link(struct kobject *kobj, const char *name)
{
	struct kernfs_node *dir = link_dir(kobj);

	if (dir && name)
		kernfs_remove_by_name(dir, name);
}
EXPORT_SYMBOL_GPL(sysfs_remove_link);

/* See kobject.h. */
int sysfs_rename_link_ns(struct kobject *kobj, struct kobject *targ, const char *old,
			 const char *new, const void *new_ns)
{
	struct kernfs_node *dir = link_dir(kobj), *kn;
	int err;

	if (!dir || !old || !new || new_ns)
		return -EINVAL;
	kn = kernfs_find_and_get(dir, old);
	if (!kn)
		return -ENOENT;
	/* target->priv: the kobject the target directory was made for (compared, not used) */
	if (!kernfs_is_link(kn) || kn->target->priv != targ)
		err = -EINVAL;
	else
		err = kernfs_rename(kn, NULL, new);
	kernfs_put(kn);
	return err;
}
EXPORT_SYMBOL_GPL(sysfs_rename_link_ns);

/* See kobject.h. */
int sysfs_add_link_to_group(struct kobject *kobj, const char *group_name,
			    struct kobject *target, const char *link_name)
{
	struct kernfs_node *dir;
	int err;

	if (!group_name)
		return -EINVAL;
	dir = group_dir(kobj, group_name);
	if (!dir)
		return -ENOENT;
	err = create_link_in(dir, target, link_name, true);
	kernfs_put(dir);
	return err;
}
EXPORT_SYMBOL_GPL(sysfs_add_link_to_group);

/* See kobject.h. */
void sysfs_remove_link_from_group(struct kobject *kobj, const char *group_name,
				  const char *link_name)
{
	struct kernfs_node *dir = group_name && link_name ? group_dir(kobj, group_name) : NULL;

	if (dir) {
		kernfs_remove_by_name(dir, link_name);
		kernfs_put(dir);
	}
}
EXPORT_SYMBOL_GPL(sysfs_remove_link_from_group);

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
