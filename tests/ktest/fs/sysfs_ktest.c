/*
 * In-kernel tests of the kobject lifetime rules: self-removal through
 * break_active_protection and through remove_file_self, -ENODEV for a
 * file whose kobject went away, no leak over 10k kobjects, and the modes
 * and values of kelp_test.ko's attributes. Tests that need threads are in
 * sysfs_race_ktest.c.
 */
#include <kelp/kobject.h>
#include <kelp/kernfs.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/kstrto.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/string.h>

struct victim {
	struct kobject kobj;
	int *released;
};

static void victim_release(struct kobject *kobj)
{
	struct victim *v = container_of(kobj, struct victim, kobj);

	(*v->released)++;
	kfree(v);
}

/* enabled_store-style: removes the whole kobject from its own store. */
static ssize_t die_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count)
{
	struct kernfs_node *kn = sysfs_break_active_protection(kobj, &attr->attr);

	kobject_del(kobj);
	kobject_put(kobj);
	if (kn)
		sysfs_unbreak_active_protection(kn);
	return count;
}

/* Removes only its own attribute. */
static ssize_t vanish_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			    size_t count)
{
	return sysfs_remove_file_self(kobj, &attr->attr) ? (ssize_t)count : -ENOENT;
}

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "42\n");
}

static struct kobj_attribute die_attr = __ATTR(die, 0200, NULL, die_store);
static struct kobj_attribute vanish_attr = __ATTR(vanish, 0200, NULL, vanish_store);
static struct kobj_attribute value_attr = __ATTR(value, 0444, value_show, NULL);
static struct attribute *victim_attrs[] = { &die_attr.attr, &vanish_attr.attr, &value_attr.attr,
					    NULL };
static const struct attribute_group victim_group = { .attrs = victim_attrs };
static const struct attribute_group *victim_groups[] = { &victim_group, NULL };

static const struct kobj_type victim_ktype = {
	.release = victim_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = victim_groups,
};

static struct victim *victim_new(const char *name, int *released)
{
	struct victim *v = kzalloc(sizeof(*v), GFP_KERNEL);

	if (!v)
		return NULL;
	v->released = released;
	if (kobject_init_and_add(&v->kobj, &victim_ktype, kernel_kobj, "%s", name)) {
		kobject_put(&v->kobj);
		return NULL;
	}
	return v;
}

static bool exists(const char *path)
{
	struct kstat st;

	return vfs_stat(path, &st) == 0;
}

KTEST(sysfs_self_removal_break_protection)
{
	struct kmalloc_stats before, after;
	int released = 0;

	kmalloc_get_stats(&before);
	KT_ASSERT(t, victim_new("ktest_victim", &released) != NULL);
	KT_EXPECT(t, exists("/sys/kernel/ktest_victim/die"));
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/ktest_victim/die", "1"), 0);
	KT_EXPECT(t, !exists("/sys/kernel/ktest_victim"));
	KT_EXPECT_EQ(t, released, 1);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
}

KTEST(sysfs_self_removal_remove_file_self)
{
	int released = 0;
	struct victim *v = victim_new("ktest_vanish", &released);

	KT_ASSERT(t, v != NULL);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/ktest_vanish/vanish", "1"), 0);
	KT_EXPECT(t, !exists("/sys/kernel/ktest_vanish/vanish"));
	KT_EXPECT(t, exists("/sys/kernel/ktest_vanish/value"));
	KT_EXPECT_EQ(t, released, 0);
	kobject_del(&v->kobj);
	kobject_put(&v->kobj);
	KT_EXPECT_EQ(t, released, 1);
}

KTEST(sysfs_open_file_gets_enodev_after_removal)
{
	int released = 0;
	struct victim *v = victim_new("ktest_reader", &released);
	struct file *f;
	char buf[8];

	KT_ASSERT(t, v != NULL);
	KT_ASSERT(t, vfs_open("/sys/kernel/ktest_reader/value", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_read(f, buf, sizeof(buf)), 3);
	kobject_del(&v->kobj);
	kobject_put(&v->kobj);
	KT_EXPECT_EQ(t, released, 1);
	vfs_lseek(f, 0, SEEK_SET);
	KT_EXPECT_EQ(t, vfs_read(f, buf, sizeof(buf)), -ENODEV);
	vfs_close(f);
}

/* The attributes of kelp_test.ko (tests/modules/kelp_test.c), loaded for the case. */
KTEST(sysfs_modes_and_values)
{
	char buf[8] = "";
	struct file *f;

	KT_ASSERT(t, load_module_file(MODULE_DIR "/kelp_test.ko", NULL) == 0);
	KT_EXPECT_EQ(t, vfs_open("/sys/kernel/kelp_test/stores", O_WRONLY, 0, &f), -EACCES);
	KT_EXPECT_EQ(t, vfs_open("/sys/kernel/kelp_test/secret", O_RDONLY, 0, &f), -EACCES);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/kelp_test/flag", "2\n"), -EINVAL);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/kelp_test/flag", "1 garbage"), -EINVAL);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/kelp_test/flag", "foo"), -EINVAL);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/kelp_test/flag", "\n"), -EINVAL);
	KT_EXPECT_EQ(t, ktest_write_file("/sys/kernel/kelp_test/flag", "0\n"), 0);
	KT_ASSERT(t, vfs_open("/sys/kernel/kelp_test/flag", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_read(f, buf, sizeof(buf) - 1), 2);
	vfs_close(f);
	KT_EXPECT(t, !strcmp(buf, "0\n"));
	KT_EXPECT_EQ(t, delete_module("kelp_test"), 0);
}

KTEST(kobject_10k_no_leak)
{
	struct kmalloc_stats before, after;
	long nodes = kernfs_node_count();
	int released = 0;
	char name[32];

	kmalloc_get_stats(&before);
	for (int i = 0; i < 10000; i++) {
		struct victim *v;

		snprintf(name, sizeof(name), "leak%d", i);
		v = victim_new(name, &released);
		if (!v)
			break;
		kobject_put(&v->kobj);	/* the last put removes it from sysfs too */
	}
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, released, 10000);
	KT_EXPECT_EQ(t, kernfs_node_count(), nodes);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}
