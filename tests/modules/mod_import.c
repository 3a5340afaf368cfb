/* mod_import: uses mod_export's exports, so it holds a reference on it. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>

extern int mod_export_calls;
int mod_export_add(int a, int b);

static int __init mod_import_init(void)
{
	pr_info("2 + 3 = %d (calls %d)\n", mod_export_add(2, 3), mod_export_calls);
	return 0;
}

static void __exit mod_import_exit(void)
{
	pr_info("unloaded\n");
}

module_init(mod_import_init);
module_exit(mod_import_exit);
MODULE_LICENSE("GPL");
