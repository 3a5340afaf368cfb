/*
 * test_klp_reloc_unknown: a live patch whose .klp.rela relocation names a
 * vmlinux symbol that does not exist: the enable is refused with Linux's
 * `symbol '...' not found in symbol table` and -EINVAL, memory back.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

extern int no_such_var KLP_SYM(vmlinux, klp_no_such_symbol, 0);

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

static int test_klp_reloc_unknown_init(void)
{
	return klp_enable_patch(&patch);
}

static void test_klp_reloc_unknown_exit(void)
{
}

module_init(test_klp_reloc_unknown_init);
module_exit(test_klp_reloc_unknown_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
