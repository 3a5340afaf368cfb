/*
 * livepatch-sample-mod: the target module of the module patch samples
 * (Linux's samples/livepatch/livepatch-callbacks-mod.c plays this part
 * there). /sys/kernel/livepatch_sample_mod/greeting says hello and counts
 * its readers in the static variable calls; livepatch-module.c replaces
 * greeting_show and keeps counting in that same static variable, which it
 * reaches through a .klp.rela relocation.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>

static int calls;		/* not exported: the patch reaches it by .klp.sym */
static struct kobject *sample_kobj;

static ssize_t greeting_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "hello from %s (call %d)\n", THIS_MODULE->name, ++calls);
}

static struct kobj_attribute greeting_attr = __ATTR_RO(greeting);

static int livepatch_sample_mod_init(void)
{
	int ret;

	sample_kobj = kobject_create_and_add("livepatch_sample_mod", kernel_kobj);
	if (!sample_kobj)
		return -ENOMEM;
	ret = sysfs_create_file(sample_kobj, &greeting_attr.attr);
	if (ret)
		kobject_put(sample_kobj);
	return ret;
}

static void livepatch_sample_mod_exit(void)
{
	kobject_put(sample_kobj);
}

module_init(livepatch_sample_mod_init);
module_exit(livepatch_sample_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patching sample: a module to patch");
