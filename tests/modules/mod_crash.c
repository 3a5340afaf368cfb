/*
 * mod_crash: its init dereferences NULL, so the oops shows how a fault in
 * module code is reported: RIP and the call trace as name+off/size [module].
 */
#include <linux/module.h>
#include <linux/kernel.h>

static int *volatile mod_crash_ptr;

static noinline int mod_crash_deref(void)
{
	return *mod_crash_ptr;
}

static int __init mod_crash_init(void)
{
	return mod_crash_deref();
}

module_init(mod_crash_init);
MODULE_LICENSE("GPL");
