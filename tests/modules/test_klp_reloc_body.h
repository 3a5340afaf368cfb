/*
 * The body the test_klp_reloc_* modules share: a patch of
 * cmdline_proc_show whose new function reads no_such_var, which each
 * module declares with its own malformed or unresolvable .klp.sym name
 * before including this. Each enable must be refused.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", no_such_var);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = new_cmdline_proc_show },
	{ }
};
static struct klp_object objs[] = { { .funcs = funcs }, { } };
static struct klp_patch patch = { .mod = THIS_MODULE, .objs = objs };

static int test_klp_reloc_init(void)
{
	return klp_enable_patch(&patch);
}

static void test_klp_reloc_exit(void)
{
}

module_init(test_klp_reloc_init);
module_exit(test_klp_reloc_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
