/*
 * test_klp_callbacks_mod: Kelp's version of Linux's selftest target module
 * of the same name (lib/livepatch/test_klp_callbacks_mod.c). It does
 * nothing but say when its init and exit run, so the livepatch callback
 * scenarios (tests/qemu/livepatch_callbacks*.t) can show where a patch of
 * a module object is applied (COMING, before init) and reverted (GOING,
 * after exit).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>

static int test_klp_callbacks_mod_init(void)
{
	pr_info("%s\n", __func__);
	return 0;
}

static void test_klp_callbacks_mod_exit(void)
{
	pr_info("%s\n", __func__);
}

module_init(test_klp_callbacks_mod_init);
module_exit(test_klp_callbacks_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Livepatch test: target module");
