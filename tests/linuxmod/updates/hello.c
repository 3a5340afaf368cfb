/*
 * hello (updates/): an outside module with the name of tests/modules/
 * hello.c, staged in /lib/modules/updates/ of the test image as
 * `make iso EXTRA_MODULES=DIR` stages outside modules. modprobe hello and
 * insmod hello must load this one (Linux's updates/ rule); insmod with
 * the full path /lib/modules/hello.ko still loads the in-tree one. It
 * also needs mod_export's symbol, so modprobe loads mod_export first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>

static char *who = "world";
module_param(who, charp, 0644);

int mod_export_add(int a, int b);

static int __init hello_update_init(void)
{
	pr_info("hello %s from updates/ (mod_export_add(2, 3) = %d)\n", who, mod_export_add(2, 3));
	return 0;
}

static void __exit hello_update_exit(void)
{
	pr_info("goodbye from updates/\n");
}

module_init(hello_update_init);
module_exit(hello_update_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("outside module overriding the in-tree hello");
