/*
 * livepatch-sample: Linux's samples/livepatch/livepatch-sample.c for Kelp,
 * written against the Linux API only. It replaces cmdline_proc_show(), so
 * `cat /proc/cmdline` prints "this has been live patched" while the patch
 * is enabled. insmod /lib/modules/livepatch-sample.ko enables it; echo 0 >
 * /sys/kernel/livepatch/livepatch_sample/enabled disables it, after which
 * rmmod livepatch_sample removes it.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", "this has been live patched");
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	}, { }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int livepatch_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_exit(void)
{
}

module_init(livepatch_init);
module_exit(livepatch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
