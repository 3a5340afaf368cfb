/*
 * test_klp_reloc_sympos: a live patch whose .klp.rela relocation names the
 * second cmdline_proc_show of vmlinux, which has one: refused with Linux's
 * `symbol position 2 for symbol ... not found` and -EINVAL, memory back.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

extern int no_such_var KLP_SYM(vmlinux, cmdline_proc_show, 2);

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

static int test_klp_reloc_sympos_init(void)
{
	return klp_enable_patch(&patch);
}

static void test_klp_reloc_sympos_exit(void)
{
}

module_init(test_klp_reloc_sympos_init);
module_exit(test_klp_reloc_sympos_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
