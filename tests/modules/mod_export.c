/* mod_export: exports a function and a variable that mod_import uses. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>

int mod_export_calls;
EXPORT_SYMBOL(mod_export_calls);

int mod_export_add(int a, int b)
{
	mod_export_calls++;
	return a + b;
}
EXPORT_SYMBOL_GPL(mod_export_add);

static int __init mod_export_init(void)
{
	pr_info("loaded\n");
	return 0;
}

static void __exit mod_export_exit(void)
{
	pr_info("unloaded after %d calls\n", mod_export_calls);
}

module_init(mod_export_init);
module_exit(mod_export_exit);
MODULE_LICENSE("GPL");
