/*
 * test_klp_mod_target: Kelp's version of Linux's selftest module of the
 * same name (tools/testing/selftests/livepatch/test_modules, 2026). A
 * plain module whose /proc/test_klp_mod_target (proc_create_single) shows
 * "test_klp_mod_target: original output" through a show function that
 * test_klp_mod_patch replaces. Used by tests/qemu/livepatch_modfunc.t.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static struct proc_dir_entry *entry;

/* noinline: the patch replaces it by name, so it must stay a function. */
static noinline int test_klp_mod_target_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s: original output\n", THIS_MODULE->name);
	return 0;
}

static int test_klp_mod_target_init(void)
{
	pr_info("%s\n", __func__);
	entry = proc_create_single("test_klp_mod_target", 0, NULL, test_klp_mod_target_show);
	return entry ? 0 : -ENOMEM;
}

static void test_klp_mod_target_exit(void)
{
	pr_info("%s\n", __func__);
	proc_remove(entry);
}

module_init(test_klp_mod_target_init);
module_exit(test_klp_mod_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Livepatch test: a module function to patch, shown in /proc");
