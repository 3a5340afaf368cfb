/*
 * lm_sysfs: a module written as for Linux that uses the kobject/sysfs
 * exports Kelp gained for issue 17: kset_register, kobject_rename,
 * kobject_move, sysfs_create_link(_nowarn), sysfs_remove_link,
 * sysfs_rename_link_ns, sysfs_add/remove_file_to/from_group,
 * sysfs_chmod_file, sysfs_update_group(s), sysfs_merge/unmerge_group and
 * sysfs_add/remove_link_to/from_group. At load it checks each call's
 * result, bad input included (NULL and duplicate names, links to removed
 * kobjects), prints one line per failed check and "N checks, 0 failed".
 * It leaves /sys/kernel/lm_sysfs/ for the linuxmod_sysfs scenario: a, b, d
 * (kobjects with a `value`), a/to_b, a/to_d and a/self (links), a/grp (a
 * group with a link in it), lm_kset/m1, and `ctl`, whose commands (rename,
 * move, chmod, merge, hide, kill, and un- forms) change them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <linux/string.h>

static int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		pr_err("check failed: %s\n", what);
	}
}

/* Our kobjects: a value each; release counts and frees. */
struct lm_obj {
	struct kobject kobj;
	int value;
};

static int released;

static void lm_release(struct kobject *kobj)
{
	struct lm_obj *o = container_of(kobj, struct lm_obj, kobj);

	pr_info("%s released\n", kobject_name(kobj));
	released++;
	kfree(o);
}

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s: %d\n", kobject_name(kobj),
			  container_of(kobj, struct lm_obj, kobj)->value);
}

static ssize_t value_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	int err = kstrtoint(buf, 0, &container_of(kobj, struct lm_obj, kobj)->value);

	return err ? err : count;
}

static struct kobj_attribute value_attr = __ATTR_RW(value);
static struct attribute *lm_attrs[] = { &value_attr.attr, NULL };
ATTRIBUTE_GROUPS(lm);

static const struct kobj_type lm_ktype = {
	.release = lm_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = lm_groups,
};

/* a/grp: `shown` is there while `visible` is set (sysfs_update_group). */
static bool visible = true;

static ssize_t shown_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "shown\n");
}
static struct kobj_attribute shown_attr = __ATTR_RO(shown);
static struct attribute *grp_attrs[] = { &shown_attr.attr, NULL };

static umode_t grp_visible(struct kobject *kobj, struct attribute *attr, int n)
{
	return visible ? attr->mode : 0;
}

static const struct attribute_group grp_group = {
	.name = "grp",
	.is_visible = grp_visible,
	.attrs = grp_attrs,
};

/* Merged into a/grp on request. */
static ssize_t extra_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "extra\n");
}
static struct kobj_attribute extra_attr = __ATTR_RO(extra);
static struct attribute *extra_attrs[] = { &extra_attr.attr, NULL };
static const struct attribute_group extra_group = { .name = "grp", .attrs = extra_attrs };

/* A group whose directory goes away when hidden (SYSFS_GROUP_INVISIBLE, Linux's helper). */
static bool hgrp_hidden;
static struct kobj_attribute h_attr = __ATTR(h, 0444, shown_show, NULL);
static struct attribute *hgrp_attrs[] = { &h_attr.attr, NULL };

static bool hgrp_group_visible(struct kobject *kobj)
{
	return !hgrp_hidden;
}
DEFINE_SIMPLE_SYSFS_GROUP_VISIBLE(hgrp);

static const struct attribute_group hgrp_group = {
	.name = "hgrp",
	.is_visible = SYSFS_GROUP_VISIBLE(hgrp),
	.attrs = hgrp_attrs,
};
static const struct attribute_group *hgrp_groups[] = { &hgrp_group, NULL };

static struct kobject *top;
static struct lm_obj *a, *b, *d;
static struct kset *kset;
static struct lm_obj *m1;
static DEFINE_MUTEX(ctl_lock);

static struct lm_obj *lm_new(const char *name, struct kobject *parent)
{
	struct lm_obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return NULL;
	if (kobject_init_and_add(&o->kobj, &lm_ktype, parent, "%s", name)) {
		kobject_put(&o->kobj);
		return NULL;
	}
	return o;
}

static bool path_is(struct kobject *kobj, const char *want)
{
	char *path = kobject_get_path(kobj, GFP_KERNEL);
	bool ok = path && !strcmp(path, want);

	kfree(path);
	return ok;
}

/* True if kobj/NAME exists as a group directory: a link can go into it. */
static bool group_exists(struct kobject *kobj, const char *name)
{
	int err = sysfs_add_link_to_group(kobj, name, kobj, "probe");

	sysfs_remove_link_from_group(kobj, name, "probe");
	return err == 0;
}

static void kset_ktype_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct kset, kobj));
	released++;
}

static const struct kobj_type kset_ktype = {
	.release = kset_ktype_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

static void check_kset(void)
{
	struct kset *dup, *bare;
	struct kobject *found;

	check(kset_register(NULL) == -EINVAL, "kset_register(NULL)");
	bare = kzalloc(sizeof(*bare), GFP_KERNEL);
	if (bare && !kobject_set_name(&bare->kobj, "lm_bare")) {
		check(kset_register(bare) == -EINVAL, "kset_register without a ktype");
		kfree(bare->kobj.name);
	}
	kfree(bare);

	kset = kzalloc(sizeof(*kset), GFP_KERNEL);
	if (!kset || kobject_set_name(&kset->kobj, "lm_kset")) {
		kfree(kset);
		kset = NULL;
		check(false, "kset allocation");
		return;
	}
	kset->kobj.ktype = &kset_ktype;
	kset->kobj.parent = top;
	check(kset_register(kset) == 0, "kset_register");
	m1 = kzalloc(sizeof(*m1), GFP_KERNEL);
	if (m1) {
		m1->kobj.kset = kset;
		if (kobject_init_and_add(&m1->kobj, &lm_ktype, NULL, "m1")) {
			kobject_put(&m1->kobj);
			m1 = NULL;
		}
	}
	check(m1 && path_is(&m1->kobj, "/kernel/lm_sysfs/lm_kset/m1"), "a member of the kset");
	found = kset_find_obj(kset, "m1");
	check(m1 && found == &m1->kobj, "kset_find_obj");
	kobject_put(found);

	/* the same name again: -EEXIST, the name freed, the kset ours to free */
	dup = kzalloc(sizeof(*dup), GFP_KERNEL);
	if (dup && !kobject_set_name(&dup->kobj, "lm_kset")) {
		dup->kobj.ktype = &kset_ktype;
		dup->kobj.parent = top;
		check(kset_register(dup) == -EEXIST, "kset_register of a taken name");
		check(!dup->kobj.name, "kset_register's failure freed the name");
	}
	kfree(dup);
}

static void check_links(void)
{
	struct kobject loose = {};
	struct lm_obj *gone;

	check(sysfs_create_link(&a->kobj, &b->kobj, "to_b") == 0, "sysfs_create_link");
	check(sysfs_create_link(&a->kobj, &a->kobj, "self") == 0, "a link to its own directory");
	check(sysfs_create_link(&a->kobj, &d->kobj, "to_d") == 0, "sysfs_create_link to d");
	check(sysfs_create_link(&a->kobj, &b->kobj, "to_b") == -EEXIST, "a duplicate link");
	check(sysfs_create_link_nowarn(&a->kobj, &b->kobj, "to_b") == -EEXIST,
	      "a duplicate link, no warning");
	check(sysfs_create_link(&a->kobj, &b->kobj, "value") == -EEXIST, "a link over a file");
	check(sysfs_create_link(&a->kobj, NULL, "x") == -EINVAL, "a link to NULL");
	check(sysfs_create_link(&a->kobj, &b->kobj, NULL) == -EINVAL, "a link without a name");
	check(sysfs_create_link(&a->kobj, &loose, "x") == -ENOENT,
	      "a link to a kobject not in sysfs");
	check(sysfs_create_link(&loose, &b->kobj, "x") == -EFAULT,
	      "a link in a kobject not in sysfs");
	/* NULL kobj: the sysfs root, as in Linux */
	check(sysfs_create_link(NULL, &b->kobj, "lm_sysfs_b") == 0, "a link in the sysfs root");
	sysfs_remove_link(NULL, "lm_sysfs_b");
	check(sysfs_create_link_nowarn(NULL, &b->kobj, "lm_sysfs_b") == 0,
	      "sysfs_remove_link removed it");
	sysfs_remove_link(NULL, "lm_sysfs_b");
	sysfs_remove_link(&a->kobj, "no_such_link");	/* quiet */
	sysfs_remove_link(&a->kobj, NULL);

	check(sysfs_rename_link(&a->kobj, &b->kobj, "to_b", "to_b2") == 0, "sysfs_rename_link");
	check(sysfs_rename_link_ns(&a->kobj, &b->kobj, "to_b2", "to_b", NULL) == 0,
	      "sysfs_rename_link_ns back");
	check(sysfs_rename_link(&a->kobj, &a->kobj, "to_b", "x") == -EINVAL,
	      "sysfs_rename_link: another target");
	check(sysfs_rename_link(&a->kobj, &b->kobj, "nope", "x") == -ENOENT,
	      "sysfs_rename_link: no such link");
	check(sysfs_rename_link(&a->kobj, &b->kobj, "value", "x") == -EINVAL,
	      "sysfs_rename_link: not a link");
	check(sysfs_rename_link(&a->kobj, &b->kobj, "to_b", "self") == -EEXIST,
	      "sysfs_rename_link: a taken name");
	check(sysfs_rename_link_ns(&a->kobj, &b->kobj, "to_b", "x", &loose) == -EINVAL,
	      "sysfs_rename_link_ns: a namespace");

	/* a deleted target: the link does not keep it (release runs), it dangles */
	gone = lm_new("gone", top);
	check(gone != NULL, "kobject gone");
	if (gone) {
		int before = released;

		check(sysfs_create_link(&a->kobj, &gone->kobj, "to_gone") == 0, "a link to gone");
		kobject_del(&gone->kobj);
		check(sysfs_create_link(&a->kobj, &gone->kobj, "to_gone2") == -ENOENT,
		      "a link to a deleted kobject");
		kobject_put(&gone->kobj);
		check(released == before + 1, "a link does not keep its target alive");
		sysfs_remove_link(&a->kobj, "to_gone");
		check(sysfs_create_link_nowarn(&a->kobj, &b->kobj, "to_gone") == 0,
		      "the dangling link removed");
		sysfs_remove_link(&a->kobj, "to_gone");
	}
}

static struct kobj_attribute tmp_attr = __ATTR(tmp, 0444, shown_show, NULL);
static struct attribute noname_attr = { .name = NULL, .mode = 0444 };

static void check_files_and_groups(void)
{
	static const struct attribute_group noname_group = { .attrs = extra_attrs };

	check(sysfs_add_file_to_group(&a->kobj, &tmp_attr.attr, NULL) == 0,
	      "sysfs_add_file_to_group, no group");
	check(sysfs_chmod_file(&a->kobj, &tmp_attr.attr, 0400) == 0, "sysfs_chmod_file");
	check(sysfs_add_file_to_group(&a->kobj, &tmp_attr.attr, NULL) == -EEXIST,
	      "sysfs_add_file_to_group, a duplicate");
	sysfs_remove_file_from_group(&a->kobj, &tmp_attr.attr, NULL);
	check(sysfs_chmod_file(&a->kobj, &tmp_attr.attr, 0444) == -ENOENT,
	      "sysfs_remove_file_from_group removed it (chmod: -ENOENT)");
	check(sysfs_add_file_to_group(&a->kobj, &tmp_attr.attr, "nogroup") == -ENOENT,
	      "sysfs_add_file_to_group, no such group");
	check(sysfs_add_file_to_group(&a->kobj, NULL, NULL) == -EINVAL,
	      "sysfs_add_file_to_group(NULL attr)");
	check(sysfs_add_file_to_group(&a->kobj, &noname_attr, NULL) == -EINVAL,
	      "sysfs_add_file_to_group, an attribute without a name");
	check(sysfs_chmod_file(NULL, &tmp_attr.attr, 0444) == -EINVAL, "sysfs_chmod_file(NULL)");

	check(sysfs_create_group(&a->kobj, &grp_group) == 0, "sysfs_create_group grp");
	check(sysfs_add_file_to_group(&a->kobj, &tmp_attr.attr, "grp") == 0,
	      "sysfs_add_file_to_group grp");
	sysfs_remove_file_from_group(&a->kobj, &tmp_attr.attr, "grp");
	check(sysfs_add_link_to_group(&a->kobj, "grp", &b->kobj, "b_link") == 0,
	      "sysfs_add_link_to_group");
	check(sysfs_add_link_to_group(&a->kobj, "grp", &b->kobj, "b_link") == -EEXIST,
	      "sysfs_add_link_to_group, a duplicate");
	check(sysfs_add_link_to_group(&a->kobj, "nogroup", &b->kobj, "x") == -ENOENT,
	      "sysfs_add_link_to_group, no such group");
	check(sysfs_add_link_to_group(&a->kobj, NULL, &b->kobj, "x") == -EINVAL,
	      "sysfs_add_link_to_group(NULL group)");

	check(sysfs_merge_group(&a->kobj, &extra_group) == 0, "sysfs_merge_group");
	check(sysfs_merge_group(&a->kobj, &extra_group) == -EEXIST, "sysfs_merge_group again");
	sysfs_unmerge_group(&a->kobj, &extra_group);
	check(sysfs_merge_group(&a->kobj, &extra_group) == 0, "sysfs_unmerge_group took it away");
	sysfs_unmerge_group(&a->kobj, &extra_group);
	check(sysfs_merge_group(&a->kobj, &noname_group) == -EINVAL,
	      "sysfs_merge_group without a name");
	check(sysfs_merge_group(&b->kobj, &extra_group) == -ENOENT,
	      "sysfs_merge_group, no such group");
	check(sysfs_merge_group(NULL, &extra_group) == -EINVAL, "sysfs_merge_group(NULL)");

	/* hgrp's directory is there only while it is visible */
	check(sysfs_create_groups(&a->kobj, hgrp_groups) == 0, "sysfs_create_groups hgrp");
	check(group_exists(&a->kobj, "hgrp"), "hgrp exists");
	hgrp_hidden = true;
	check(sysfs_update_groups(&a->kobj, hgrp_groups) == 0, "sysfs_update_groups: hide");
	check(!group_exists(&a->kobj, "hgrp"), "hgrp hidden");
	hgrp_hidden = false;
	check(sysfs_update_group(&a->kobj, &hgrp_group) == 0, "sysfs_update_group: show");
	check(group_exists(&a->kobj, "hgrp"), "hgrp back");
	hgrp_hidden = true;
	check(sysfs_create_group(&b->kobj, &hgrp_group) == 0 && !group_exists(&b->kobj, "hgrp"),
	      "an invisible group is not made");
	hgrp_hidden = false;
	sysfs_remove_groups(&a->kobj, hgrp_groups);
	check(!group_exists(&a->kobj, "hgrp"), "sysfs_remove_groups");
	check(sysfs_update_group(NULL, &hgrp_group) == -EINVAL, "sysfs_update_group(NULL)");
}

static void check_rename_move(void)
{
	struct kobject *lone = kobject_create_and_add("lm_sysfs_lone", NULL);

	check(kobject_rename(&b->kobj, "b2") == 0, "kobject_rename");
	check(!strcmp(kobject_name(&b->kobj), "b2") && path_is(&b->kobj, "/kernel/lm_sysfs/b2"),
	      "kobject_rename: name and path");
	check(kobject_rename(&b->kobj, "b") == 0, "kobject_rename back");
	check(kobject_rename(&b->kobj, "a") == -EEXIST, "kobject_rename to a taken name");
	check(kobject_rename(&b->kobj, NULL) == -EINVAL, "kobject_rename(NULL name)");
	check(kobject_rename(&b->kobj, "") == -EINVAL, "kobject_rename to \"\"");
	check(kobject_rename(NULL, "x") == -EINVAL, "kobject_rename(NULL)");
	check(lone && kobject_rename(lone, "x") == -EINVAL, "kobject_rename without a parent");
	kobject_put(lone);

	check(kobject_move(&b->kobj, &a->kobj) == 0, "kobject_move");
	check(path_is(&b->kobj, "/kernel/lm_sysfs/a/b"), "kobject_move: the path");
	check(kobject_move(&a->kobj, &b->kobj) == -EINVAL, "kobject_move below itself");
	check(kobject_move(&a->kobj, &a->kobj) == -EINVAL, "kobject_move into itself");
	check(kobject_move(&b->kobj, top) == 0 && path_is(&b->kobj, "/kernel/lm_sysfs/b"),
	      "kobject_move back");
	check(kobject_move(NULL, top) == -EINVAL, "kobject_move(NULL)");
	check(m1 && kobject_move(&m1->kobj, NULL) == 0 &&
	      path_is(&m1->kobj, "/kernel/lm_sysfs/lm_kset/m1"),
	      "kobject_move(NULL parent): under its kset");
}

/* ctl: the scenario's commands. */
static ssize_t ctl_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count)
{
	int err = 0;

	mutex_lock(&ctl_lock);
	if (sysfs_streq(buf, "rename"))
		err = kobject_rename(&b->kobj, "b_renamed");
	else if (sysfs_streq(buf, "unrename"))
		err = kobject_rename(&b->kobj, "b");
	else if (sysfs_streq(buf, "move"))
		err = kobject_move(&b->kobj, &a->kobj);
	else if (sysfs_streq(buf, "unmove"))
		err = kobject_move(&b->kobj, top);
	else if (sysfs_streq(buf, "chmod"))
		err = sysfs_chmod_file(&a->kobj, &value_attr.attr, 0444);
	else if (sysfs_streq(buf, "unchmod"))
		err = sysfs_chmod_file(&a->kobj, &value_attr.attr, 0644);
	else if (sysfs_streq(buf, "merge"))
		err = sysfs_merge_group(&a->kobj, &extra_group);
	else if (sysfs_streq(buf, "unmerge"))
		sysfs_unmerge_group(&a->kobj, &extra_group);
	else if (sysfs_streq(buf, "hide") || sysfs_streq(buf, "show")) {
		visible = sysfs_streq(buf, "show");
		err = sysfs_update_group(&a->kobj, &grp_group);
	} else if (sysfs_streq(buf, "kill") && d) {
		kobject_put(&d->kobj);	/* its last reference: a/to_d dangles */
		d = NULL;
	} else
		err = -EINVAL;
	mutex_unlock(&ctl_lock);
	return err ? err : count;
}
static struct kobj_attribute ctl_attr = __ATTR_WO(ctl);

static void lm_put(struct lm_obj *o)
{
	if (o)
		kobject_put(&o->kobj);
}

/* ctl first (waits for a store in flight); a's links go with a. */
static void lm_teardown(void)
{
	sysfs_remove_file(top, &ctl_attr.attr);
	lm_put(d);
	lm_put(b);
	lm_put(a);
	lm_put(m1);
	kset_unregister(kset);
	kobject_put(top);
}

static int __init lm_sysfs_init(void)
{
	top = kobject_create_and_add("lm_sysfs", kernel_kobj);
	if (!top || sysfs_create_file(top, &ctl_attr.attr)) {
		kobject_put(top);
		return -ENOMEM;
	}
	a = lm_new("a", top);
	b = lm_new("b", top);
	d = lm_new("d", top);
	if (!a || !b || !d) {
		lm_teardown();
		return -ENOMEM;
	}
	check_kset();
	check_links();
	check_files_and_groups();
	check_rename_move();
	pr_info("%d checks, %d failed\n", checks, failed);
	return 0;
}

static void __exit lm_sysfs_exit(void)
{
	lm_teardown();
}

module_init(lm_sysfs_init);
module_exit(lm_sysfs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-style module using Kelp's kobject/sysfs exports");
