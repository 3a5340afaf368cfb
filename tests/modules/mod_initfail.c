/* mod_initfail: init allocates, then fails; the loader must give everything back. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>

static int __init mod_initfail_init(void)
{
	void *p = kmalloc(100, GFP_KERNEL);

	pr_info("init fails on purpose\n");
	kfree(p);
	return -ENODEV;
}

static void __exit mod_initfail_exit(void)
{
}

module_init(mod_initfail_init);
module_exit(mod_initfail_exit);
MODULE_LICENSE("GPL");
