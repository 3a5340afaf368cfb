/*
 * dyndbg_test: a module with pr_debug() call sites, for the dynamic debug
 * scenario (tests/qemu/dynamic_debug.t): its sites appear in
 * /sys/kernel/debug/dynamic_debug/control under [dyndbg_test] while it is
 * loaded, a "module dyndbg_test" query switches them, and they leave the
 * list when it is unloaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>

static int __init dyndbg_test_init(void)
{
	pr_debug("loaded\n");
	return 0;
}

static void __exit dyndbg_test_exit(void)
{
	pr_debug("unloading\n");
}

module_init(dyndbg_test_init);
module_exit(dyndbg_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("dynamic debug test: pr_debug sites in a module");
