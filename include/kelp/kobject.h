/*
 * kobjects, ksets and their sysfs attributes (kernel/kobject.c,
 * kernel/fs/sysfs.c), with Linux's API and semantics: a kobject is a
 * reference-counted object with a name, a parent and a type; adding it
 * makes a directory in /sys, its type's default groups become files, and
 * the type's release() runs when the last reference goes, which is never
 * while one of its show/store callbacks runs (kobject_del drains them).
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
	struct attribute **attrs;	/* NULL-terminated */
};

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

#endif /* KELP_KOBJECT_H */
