/*
 * kobjects, ksets and their sysfs attributes (kernel/kobject.c,
 * kernel/fs/sysfs.c), with Linux's API and semantics: a kobject is a
 * reference-counted object with a name, a parent and a type; adding it
 * makes a directory in /sys, its type's default groups become files, and
 * the type's release() runs when the last reference goes, which is never
 * while one of its show/store callbacks runs (kobject_del drains them).
 * Symbolic links between kobject directories (sysfs_create_link) hold no
 * reference on their target kobject (kernfs.h); kobject_rename and
 * kobject_move rename and move the directory with the kobject.
 */
#ifndef KELP_KOBJECT_H
#define KELP_KOBJECT_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/kref.h>
#include <kelp/list.h>

struct kobject;
struct kernfs_node;

struct attribute {
	const char *name;
	u16 mode;
};

struct attribute_group {
	const char *name;		/* a subdirectory, or NULL for the kobject's own */
	/*
	 * Optional: the mode attrs[n] gets (0: the file is left out), asked
	 * at creation and again by sysfs_update_group(); SYSFS_GROUP_INVISIBLE
	 * from attrs[0]'s call leaves a named group's directory out.
	 */
	u16 (*is_visible)(struct kobject *kobj, struct attribute *attr, int n);
	struct attribute **attrs;	/* NULL-terminated */
};

#define SYSFS_GROUP_INVISIBLE 020000

/*
 * Linux's helpers for .is_visible = SYSFS_GROUP_VISIBLE(name): the group's
 * directory is there while name_group_visible(kobj) is true, and each file
 * gets name_attr_visible()'s mode (DEFINE_SIMPLE_...: the attribute's own).
 */
#define DEFINE_SYSFS_GROUP_VISIBLE(name) \
	static inline u16 sysfs_group_visible_##name(struct kobject *kobj, \
						     struct attribute *attr, int n) \
	{ \
		if (n == 0 && !name##_group_visible(kobj)) \
			return SYSFS_GROUP_INVISIBLE; \
		return name##_attr_visible(kobj, attr, n); \
	}
#define DEFINE_SIMPLE_SYSFS_GROUP_VISIBLE(name) \
	static inline u16 sysfs_group_visible_##name(struct kobject *kobj, \
						     struct attribute *attr, int n) \
	{ \
		if (n == 0 && !name##_group_visible(kobj)) \
			return SYSFS_GROUP_INVISIBLE; \
		return attr->mode; \
	}
#define SYSFS_GROUP_VISIBLE(fn) sysfs_group_visible_##fn

struct sysfs_ops {
	ssize_t (*show)(struct kobject *kobj, struct attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct attribute *attr, const char *buf, size_t count);
};

struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
};

struct kobject {
	const char *name;
	struct list_head entry;		/* in kset->list */
	struct kobject *parent;
	struct kset *kset;
	const struct kobj_type *ktype;
	struct kernfs_node *sd;		/* the sysfs directory */
	struct kref kref;
	bool state_initialized;
	bool state_in_sysfs;
};

struct kset {
	struct list_head list;
	struct kobject kobj;
};

/* kobj_attribute: the common attribute whose show/store see the kobject. */
struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count);
};

#define __ATTR(_name, _mode, _show, _store) { \
	.attr = { .name = #_name, .mode = (_mode) }, .show = (_show), .store = (_store) }
#define __ATTR_RO(_name) __ATTR(_name, 0444, _name##_show, NULL)
#define __ATTR_WO(_name) __ATTR(_name, 0200, NULL, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)

/* NAME_groups[] holding NAME_group, a group of NAME_attrs (Linux's). */
#define __ATTRIBUTE_GROUPS(_name) \
	static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL }
#define ATTRIBUTE_GROUPS(_name) \
	static const struct attribute_group _name##_group = { .attrs = _name##_attrs }; \
	__ATTRIBUTE_GROUPS(_name)

extern const struct sysfs_ops kobj_sysfs_ops;

/* /sys/kernel, /sys/kernel/livepatch's parent; /sys/module's kset. */
extern struct kobject *kernel_kobj;
extern struct kset *module_kset;
/* /sys/kernel/livepatch: the livepatch layer adds one directory per patch. */
extern struct kobject *livepatch_kobj;
/* /sys/kernel/debug: where debugfs files go until Kelp has a debugfs (lkdtm's provoke-crash/). */
extern struct kobject *debug_kobj;

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
/* Names kobj (printf format) and adds it under parent (or its kset, or /sys). 0 or -errno. */
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...) __printf(3, 4);
int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...) __printf(4, 5);
/* Removes kobj from sysfs (waiting for its callbacks in flight); keeps the reference. */
void kobject_del(struct kobject *kobj);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
const char *kobject_name(const struct kobject *kobj);
/* kobject_get() unless its last reference is already gone: NULL then. Any context. */
struct kobject *kobject_get_unless_zero(struct kobject *kobj);
/* Names kobj (printf format) before kobject_add. 0 or -ENOMEM. Task context. */
int kobject_set_name(struct kobject *kobj, const char *fmt, ...) __printf(2, 3);
/* kobj's path under /sys ("/kernel/livepatch/x"), kmalloc'd, or NULL. Task context. */
char *kobject_get_path(const struct kobject *kobj, unsigned int gfp);	/* gfp_t */
/* The member of kset named name, with a reference taken, or NULL. Task context. */
struct kobject *kset_find_obj(struct kset *kset, const char *name);
/*
 * Linux wakes poll()ers of an attribute; Kelp's sysfs files have no
 * poll, so there is nobody to wake. Any context.
 */
void sysfs_notify(struct kobject *kobj, const char *dir, const char *attr);
/* A kobject with a default type whose release frees it; NULL on failure. */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
struct kset *kset_create_and_add(const char *name, const void *uevent_ops, struct kobject *parent);
void kset_unregister(struct kset *kset);

/*
 * Gives kobj (in sysfs, with a parent) the name new_name; its directory is
 * renamed with it. 0, -EINVAL (NULL kobj or name, an empty name, no
 * parent), -ENOENT (not in sysfs), -EEXIST (a sibling has the name),
 * -ENOMEM. Links to kobj follow it. Task context; the caller serializes
 * against other changes of kobj.
 */
int kobject_rename(struct kobject *kobj, const char *new_name);
/*
 * Moves kobj's directory under new_parent (NULL: its kset's, or the sysfs
 * root) and makes it kobj's parent (the old one's reference is dropped).
 * 0, -EINVAL (NULL kobj; new_parent is kobj or below it), -ENOENT (kobj
 * or new_parent not in sysfs), -EEXIST. Task context.
 */
int kobject_move(struct kobject *kobj, struct kobject *new_parent);
/*
 * Initializes and adds a kset whose kobj has a name (kobject_set_name), a
 * ktype, and optionally a parent or kset. 0, or -EINVAL (NULL, no ktype,
 * no name), -EEXIST, -ENOMEM: then the name is freed and the caller frees
 * the kset itself, as in Linux. Undo with kset_unregister(). Task context.
 */
int kset_register(struct kset *kset);

/* sysfs (kernel/fs/sysfs.c) */
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups);
void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups);
/* See kernfs.h for when to use which way out of self-removal. */
struct kernfs_node *sysfs_break_active_protection(struct kobject *kobj,
						  const struct attribute *attr);
void sysfs_unbreak_active_protection(struct kernfs_node *kn);
bool sysfs_remove_file_self(struct kobject *kobj, const struct attribute *attr);
/* Creates /sys and its standard directories; mounts it. Boot, after vfs_init. */
void sysfs_init(void);
/* sysfs_emit: formats into a show buffer (one page). */
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);
/* sysfs_emit_at: the same at buf + at (0 <= at < PAGE_SIZE); returns what it added. */
int sysfs_emit_at(char *buf, int at, const char *fmt, ...) __printf(3, 4);
/* Linux's out-of-line names of sysfs_create_file/sysfs_remove_file; ns must be NULL. */
int sysfs_create_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns);
void sysfs_remove_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns);
/* A NULL-ended array of attributes at once (none stays on failure). 0 or -errno. */
int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attrs);
void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attrs);
/*
 * attr in kobj's group directory group (NULL: kobj's own directory). 0,
 * -ENOENT (no such group), -EEXIST (with Linux's duplicate warning),
 * -EINVAL (NULL kobj or attr, kobj not in sysfs). Task context.
 */
int sysfs_add_file_to_group(struct kobject *kobj, const struct attribute *attr, const char *group);
/* Removes it again (waiting for its callbacks in flight); quiet if absent. Task context. */
void sysfs_remove_file_from_group(struct kobject *kobj, const struct attribute *attr,
				  const char *group);
/*
 * Sets the permission bits of kobj's attribute file (the file type stays);
 * opens check the new mode at once. 0, -ENOENT, -EINVAL. Task context.
 */
int sysfs_chmod_file(struct kobject *kobj, const struct attribute *attr, u16 mode);
/*
 * Re-creates grp's files after its is_visible answers changed: each file
 * is removed and made again if visible; a named group missing so far is
 * made, one now SYSFS_GROUP_INVISIBLE removed. 0 or -errno (-EINVAL: kobj
 * not in sysfs). Task context.
 */
int sysfs_update_group(struct kobject *kobj, const struct attribute_group *grp);
/* sysfs_update_group of each; on failure every group of the array is removed. */
int sysfs_update_groups(struct kobject *kobj, const struct attribute_group **groups);
/*
 * Adds grp's attributes to the existing group directory grp->name of kobj
 * (is_visible is not asked, as in Linux). 0, -ENOENT (no such group),
 * -EINVAL (NULL or unnamed grp), -EEXIST: then none of grp's files stay.
 */
int sysfs_merge_group(struct kobject *kobj, const struct attribute_group *grp);
/* Removes grp's attributes from the group directory grp->name. Task context. */
void sysfs_unmerge_group(struct kobject *kobj, const struct attribute_group *grp);
/*
 * A symbolic link name in kobj's directory (NULL kobj: the sysfs root) to
 * target's directory; it reads as a relative path ("../b"), follows
 * target's renames and moves, and holds no reference on target (see
 * kernfs.h: a deleted target leaves it dangling). 0, -EEXIST (with
 * Linux's "cannot create duplicate filename" warning), -ENOENT (target
 * not in sysfs), -EFAULT (kobj not in sysfs, as Linux), -EINVAL (NULL
 * target or name), -ENOMEM. Task context.
 */
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name);
/* sysfs_create_link without the duplicate warning. */
int sysfs_create_link_nowarn(struct kobject *kobj, struct kobject *target, const char *name);
/* Removes the link (or any entry) name of kobj's directory; quiet if absent. Task context. */
void sysfs_remove_link(struct kobject *kobj, const char *name);
/*
 * Renames kobj's link old, which must point at targ, to new. 0, -ENOENT
 * (no old), -EINVAL (old is no link, points elsewhere; new_ns not NULL:
 * Kelp has no namespaces), -EEXIST. Task context.
 */
int sysfs_rename_link_ns(struct kobject *kobj, struct kobject *targ, const char *old,
			 const char *new, const void *new_ns);
static inline int sysfs_rename_link(struct kobject *kobj, struct kobject *target,
				    const char *old_name, const char *new_name)
{
	return sysfs_rename_link_ns(kobj, target, old_name, new_name, NULL);
}
/* sysfs_create_link in kobj's group directory group_name: 0, -ENOENT (no group), as above. */
int sysfs_add_link_to_group(struct kobject *kobj, const char *group_name,
			    struct kobject *target, const char *link_name);
void sysfs_remove_link_from_group(struct kobject *kobj, const char *group_name,
				  const char *link_name);

#endif /* KELP_KOBJECT_H */
