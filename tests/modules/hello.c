/*
 * hello: the sample module of the module scenarios. Prints its parameters
 * at init and exit; flag, count, limit and who are module parameters
 * (bool, int, uint, charp), readable in /sys/module/hello/parameters/,
 * count and who writable there too.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>

static bool flag;
module_param(flag, bool, 0444);
MODULE_PARM_DESC(flag, "a boolean");
static int count = 3;
module_param(count, int, 0644);
static unsigned int limit = 10;
module_param(limit, uint, 0444);
static char *who = "world";
module_param(who, charp, 0644);

static int __init hello_init(void)
{
	pr_info("hello %s: flag=%d count=%d limit=%u\n", who, flag, count, limit);
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("goodbye %s: count=%d\n", who, count);
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Kelp");
MODULE_DESCRIPTION("sample module with parameters");
