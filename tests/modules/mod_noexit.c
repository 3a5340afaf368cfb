/* mod_noexit: has an init and no exit, so it can never be removed. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>

static int __init mod_noexit_init(void)
{
	pr_info("here to stay\n");
	return 0;
}

module_init(mod_noexit_init);
MODULE_LICENSE("GPL");
