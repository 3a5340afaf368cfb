/*
 * kelp_test: /sys/kernel/kelp_test, attributes to exercise sysfs from the
 * console (good and bad values, modes) in tests/qemu/sysfs.t: flag (0 or
 * 1, strict), stores (how many stores were accepted, read-only) and secret
 * (write-only). Formerly built into the kernel; a test fixture, so a module.
 */
#include <linux/module.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>

static bool test_flag;
static unsigned long test_stores;

static ssize_t flag_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", test_flag);
}

/* Strict: exactly 0 or 1 (an optional newline), anything else is -EINVAL. */
static ssize_t flag_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			  size_t count)
{
	int v;
	int err = kstrtoint(buf, 10, &v);

	if (err)
		return err;
	if (v != 0 && v != 1)
		return -EINVAL;
	test_flag = v;
	test_stores++;
	return count;
}

static ssize_t stores_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", test_stores);
}

static ssize_t secret_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			    size_t count)
{
	test_stores++;
	return count;
}

static struct kobj_attribute flag_attr = __ATTR(flag, 0644, flag_show, flag_store);
static struct kobj_attribute stores_attr = __ATTR(stores, 0444, stores_show, NULL);
static struct kobj_attribute secret_attr = __ATTR(secret, 0200, NULL, secret_store);
static struct attribute *test_attrs[] = { &flag_attr.attr, &stores_attr.attr, &secret_attr.attr,
					  NULL };
static const struct attribute_group test_group = { .attrs = test_attrs };

static struct kobject *test_kobj;

/* Creates /sys/kernel/kelp_test. */
static int __init kelp_test_init(void)
{
	int err;

	test_kobj = kobject_create_and_add("kelp_test", kernel_kobj);
	if (!test_kobj)
		return -ENOMEM;
	err = sysfs_create_group(test_kobj, &test_group);
	if (err)
		kobject_put(test_kobj);
	return err;
}

static void __exit kelp_test_exit(void)
{
	sysfs_remove_group(test_kobj, &test_group);
	kobject_put(test_kobj);
}

module_init(kelp_test_init);
module_exit(kelp_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("/sys/kernel/kelp_test: attributes for the sysfs scenario");

