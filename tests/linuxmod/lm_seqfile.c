/*
 * lm_seqfile: a module written as for Linux with the procfs files most
 * drivers make: /proc/lm_seqfile/single through proc_create_data() with a
 * struct proc_ops {single_open, seq_read, seq_lseek, single_release} and
 * pde_data(); /proc/lm_seqfile/list through proc_create_seq() with a
 * seq_operations iterator over a list_head list (seq_list_start_head,
 * seq_list_next, seq_escape, SEQ_START_TOKEN-style header); and
 * /proc/lm_seqfile/count through proc_create_seq_private() with per-open
 * state. /proc/lm_seqfile_link is a proc_symlink() to the directory.
 * linuxmod_apis reads them with cat and checks they go at rmmod.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>

static struct proc_dir_entry *dir, *link;
static char greeting[] = "hello from single_open";

static int single_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", (const char *)m->private);
	return 0;
}

static int single_open_fn(struct inode *inode, struct file *file)
{
	return single_open(file, single_show, pde_data(inode));
}

static const struct proc_ops single_ops = {
	.proc_open = single_open_fn,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

struct item {
	struct list_head node;
	char name[16];
};
static LIST_HEAD(items);

static void *list_start(struct seq_file *m, loff_t *pos)
{
	return seq_list_start_head(&items, *pos);
}

static void *list_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &items, pos);
}

static void list_stop(struct seq_file *m, void *v)
{
}

static int list_show(struct seq_file *m, void *v)
{
	struct item *it;

	if (v == &items) {
		seq_puts(m, "name\n");
		return 0;
	}
	it = list_entry(v, struct item, node);
	seq_escape(m, it->name, " \t\\");
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations list_ops = {
	.start = list_start,
	.next = list_next,
	.stop = list_stop,
	.show = list_show,
};

struct count_state {
	int records;
};

static void *count_start(struct seq_file *m, loff_t *pos)
{
	return *pos < 3 ? pos : NULL;
}

static void *count_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return *pos < 3 ? pos : NULL;
}

static int count_show(struct seq_file *m, void *v)
{
	struct count_state *st = m->private;

	seq_printf(m, "record %lld, shown before %d\n", *(loff_t *)v, st->records++);
	return 0;
}

static const struct seq_operations count_ops = {
	.start = count_start,
	.next = count_next,
	.stop = list_stop,
	.show = count_show,
};

static void free_items(void)
{
	struct item *it, *tmp;

	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kfree(it);
	}
}

static int __init lm_seqfile_init(void)
{
	static const char *const names[] = { "alpha", "two words", "tab\there" };

	for (int i = 0; i < 3; i++) {
		struct item *it = kzalloc(sizeof(*it), GFP_KERNEL);

		if (!it) {
			free_items();
			return -ENOMEM;
		}
		strscpy(it->name, names[i], sizeof(it->name));
		list_add_tail(&it->node, &items);
	}
	dir = proc_mkdir("lm_seqfile", NULL);
	if (!dir || !proc_create_data("single", 0444, dir, &single_ops, greeting) ||
	    !proc_create_seq("list", 0, dir, &list_ops) ||
	    !proc_create_seq_private("count", 0, dir, &count_ops, sizeof(struct count_state),
				     NULL))
		goto fail;
	link = proc_symlink("lm_seqfile_link", NULL, "lm_seqfile");
	if (!link)
		goto fail;
	pr_info("created /proc/lm_seqfile\n");
	return 0;
fail:
	proc_remove(dir);
	free_items();
	return -ENOMEM;
}

static void __exit lm_seqfile_exit(void)
{
	proc_remove(link);
	remove_proc_subtree("lm_seqfile", NULL);
	free_items();
}

module_init(lm_seqfile_init);
module_exit(lm_seqfile_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: proc_ops, seq_open iterators, single_open, proc_symlink");
