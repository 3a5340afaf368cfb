/*
 * test_klp_mod_patch: Kelp's version of Linux's selftest module of the
 * same name (2026). A live patch of the module object
 * test_klp_mod_target: its test_klp_mod_target_show is replaced, so
 * /proc/test_klp_mod_target reads "test_klp_mod_patch: this has been live
 * patched" whether the target was loaded before the patch or after it
 * (then klp_module_coming applies it). Used by livepatch_modfunc.t.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

static int livepatch_mod_target_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s: this has been live patched\n", THIS_MODULE->name);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "test_klp_mod_target_show", .new_func = livepatch_mod_target_show },
	{ }
};

static struct klp_object objs[] = {
	{ .name = "test_klp_mod_target", .funcs = funcs },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int test_klp_mod_patch_init(void)
{
	return klp_enable_patch(&patch);
}

static void test_klp_mod_patch_exit(void)
{
}

module_init(test_klp_mod_patch_init);
module_exit(test_klp_mod_patch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("Livepatch test: patch of a module-provided function");
