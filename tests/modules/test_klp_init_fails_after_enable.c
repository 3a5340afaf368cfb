/*
 * test_klp_init_fails_after_enable: a live patch module whose init enables
 * its patch (cmdline_proc_show) and then fails. The patch holds the module
 * and its code runs, so the loader keeps the module (insmod still reports
 * the error); once the patch is disabled and freed, rmmod removes it.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int fails_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", "patched by a module whose init failed");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = fails_cmdline_proc_show },
	{ }
};
static struct klp_object objs[] = { { .funcs = funcs }, { } };
static struct klp_patch patch = { .mod = THIS_MODULE, .objs = objs };

static int test_klp_init_fails_after_enable_init(void)
{
	int ret = klp_enable_patch(&patch);

	return ret ? ret : -EIO;
}

static void test_klp_init_fails_after_enable_exit(void)
{
}

module_init(test_klp_init_fails_after_enable_init);
module_exit(test_klp_init_fails_after_enable_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
