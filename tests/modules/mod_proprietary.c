/*
 * mod_proprietary: not GPL-compatible, and uses mod_export's GPL-only
 * export, which it may not: its load fails with an unknown symbol.
 */
#include <linux/module.h>
#include <linux/kernel.h>

int mod_export_add(int a, int b);

static int __init mod_proprietary_init(void)
{
	return mod_export_add(1, 1) == 2 ? 0 : -EINVAL;
}

module_init(mod_proprietary_init);
MODULE_LICENSE("Proprietary");
