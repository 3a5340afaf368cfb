/*
 * ext_hello: a module built from outside the tree (make modules M=DIR), as
 * docs/modules.md shows; the klp_send scenario uploads it with klp-send.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>

static char *greeting = "hello";
module_param(greeting, charp, 0444);

static int __init ext_hello_init(void)
{
	pr_warn("%s from outside the tree\n", greeting);
	return 0;
}

static void __exit ext_hello_exit(void)
{
	pr_warn("goodbye from outside the tree\n");
}

module_init(ext_hello_init);
module_exit(ext_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("an out-of-tree module");
