/*
 * mod_attr: the zram seed (reference/seeds/003) as a module, and the
 * pattern that makes it safe. /sys/kernel/mod_attr/reset is a store that
 * takes mod_attr_lock; the module's exit takes the same lock and then
 * removes the attribute, which waits for stores in flight. Unprotected,
 * a store waiting for the lock while exit waits for the store deadlocks
 * rmmod. Protected, the store first holds the module (try_module_get):
 * while it runs, rmmod fails with "in use"; once rmmod has begun, the
 * store fails with -ENODEV before touching the lock or any module state.
 * store_ms and exit_ms stretch both windows for the tests. Includes every
 * <linux/...> header the module API offers, so it also checks they compile.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

static unsigned int store_ms;
module_param(store_ms, uint, 0644);
static unsigned int exit_ms;
module_param(exit_ms, uint, 0644);

static DEFINE_MUTEX(mod_attr_lock);
static struct kobject *mod_attr_kobj;
static int resets;

static ssize_t reset_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", resets);
}

static ssize_t reset_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	if (!try_module_get(THIS_MODULE))	/* rmmod has begun: touch nothing */
		return -ENODEV;
	mutex_lock(&mod_attr_lock);
	if (store_ms)
		msleep(store_ms);
	resets++;
	mutex_unlock(&mod_attr_lock);
	module_put(THIS_MODULE);
	return count;
}

static struct kobj_attribute reset_attr = __ATTR_RW(reset);

static int __init mod_attr_init(void)
{
	int err;

	mod_attr_kobj = kobject_create_and_add("mod_attr", kernel_kobj);
	if (!mod_attr_kobj)
		return -ENOMEM;
	err = sysfs_create_file(mod_attr_kobj, &reset_attr.attr);
	if (err)
		kobject_put(mod_attr_kobj);
	return err;
}

static void __exit mod_attr_exit(void)
{
	mutex_lock(&mod_attr_lock);
	if (exit_ms)
		msleep(exit_ms);
	kobject_put(mod_attr_kobj);	/* waits for the stores in flight */
	mutex_unlock(&mod_attr_lock);
	pr_info("removed after %d resets\n", resets);
}

module_init(mod_attr_init);
module_exit(mod_attr_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysfs store vs module removal (the zram pattern)");
