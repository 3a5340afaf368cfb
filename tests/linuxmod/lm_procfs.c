/*
 * lm_procfs: a module written as for Linux that adds /proc/lm_procfs (a
 * proc_create_single file) and /proc/lm_procfs_dir/count (a seq_file
 * show counting its reads) at load and removes them with proc_remove()
 * and remove_proc_entry() at unload. The linuxmod_procfs scenario reads
 * them and checks they are gone after rmmod.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/stat.h>
#include <linux/atomic.h>

static struct proc_dir_entry *pde, *dir;
static atomic_t reads = ATOMIC_INIT(0);

static int lm_procfs_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s: %s\n", THIS_MODULE->name, "hello from a module");
	return 0;
}

static int lm_count_show(struct seq_file *m, void *v)
{
	seq_printf(m, "reads=%d\n", atomic_inc_return(&reads));
	return 0;
}

static int __init lm_procfs_init(void)
{
	pde = proc_create_single("lm_procfs", 0, NULL, lm_procfs_show);
	if (!pde)
		return -ENOMEM;
	dir = proc_mkdir("lm_procfs_dir", NULL);
	if (!dir || !proc_create_single("count", S_IRUGO, dir, lm_count_show)) {
		proc_remove(dir);
		proc_remove(pde);
		return -ENOMEM;
	}
	pr_info("created /proc/lm_procfs\n");
	return 0;
}

static void __exit lm_procfs_exit(void)
{
	proc_remove(pde);
	remove_proc_entry("lm_procfs_dir", NULL);
	pr_info("removed /proc/lm_procfs\n");
}

module_init(lm_procfs_init);
module_exit(lm_procfs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: proc_create_single and proc_remove");
