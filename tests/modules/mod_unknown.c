/* mod_unknown: calls a function nobody exports; loading fails with -ENOENT. */
#include <linux/module.h>
#include <linux/kernel.h>

void kelp_no_such_function(void);

static int __init mod_unknown_init(void)
{
	kelp_no_such_function();
	return 0;
}

module_init(mod_unknown_init);
MODULE_LICENSE("GPL");
