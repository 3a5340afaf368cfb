/*
 * mod_klp_unmarked: calls klp_enable_patch() without MODULE_INFO(livepatch,
 * "Y"); livepatch refuses it ("module mod_klp_unmarked is not marked as a
 * livepatch module") and the load fails with EINVAL.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static int unmarked_cmdline_proc_show(void *m, void *v)
{
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = unmarked_cmdline_proc_show }, { }
};
static struct klp_object objs[] = { { .funcs = funcs }, { } };
static struct klp_patch patch = { .mod = THIS_MODULE, .objs = objs };

static int mod_klp_unmarked_init(void)
{
	return klp_enable_patch(&patch);
}

static void mod_klp_unmarked_exit(void)
{
}

module_init(mod_klp_unmarked_init);
module_exit(mod_klp_unmarked_exit);
MODULE_LICENSE("GPL");
