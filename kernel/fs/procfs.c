/*
 * procfs: entries form a tree built by proc_mkdir/proc_create_*; each has
 * one inode, created with the entry, whose private pointer leads back to
 * it. Opening a file runs its show function into a seq_file buffer that the
 * reads are served from, so a reader sees one consistent snapshot; a write
 * is handed to the entry's write function as one NUL-terminated string.
 */
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>

#define PROC_SHOW_LIMIT (1UL << 20)
#define PROC_WRITE_MAX 4096

struct proc_dir_entry {
	struct list_head node;		/* in parent->children */
	struct list_head children;
	struct proc_dir_entry *parent;
	struct inode *inode;
	proc_show_t show;
	proc_write_t write;
	proc_write_data_t write_data;	/* proc_create_data: write(data, ...) */
	void *data;			/* show's v */
	char name[];
};

extern const struct proc_file_decl __start_proc_files[], __stop_proc_files[];

static struct proc_dir_entry *proc_root;
static const struct inode_operations proc_dir_iops;
static const struct file_operations proc_file_fops;

static struct proc_dir_entry *pde_find(struct proc_dir_entry *dir, const char *name)
{
	struct proc_dir_entry *e;

	list_for_each_entry(e, &dir->children, node)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

static struct proc_dir_entry *pde_new(const char *name, u32 mode, struct proc_dir_entry *parent)
{
	size_t n = strlen(name);
	struct proc_dir_entry *e;

	if (!parent)
		parent = proc_root;
	if (parent && pde_find(parent, name))
		return NULL;
	e = kzalloc(sizeof(*e) + n + 1, GFP_KERNEL);
	if (!e)
		return NULL;
	e->inode = inode_alloc(mode, S_ISDIR(mode) ? &proc_dir_iops : NULL,
			       S_ISDIR(mode) ? NULL : &proc_file_fops);
	if (!e->inode) {
		kfree(e);
		return NULL;
	}
	memcpy(e->name, name, n + 1);
	e->inode->private = e;
	e->parent = parent;
	INIT_LIST_HEAD(&e->children);
	if (parent) {
		e->inode->parent = parent->inode;
		list_add_tail(&e->node, &parent->children);
	}
	return e;
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return pde_new(name, S_IFDIR | 0555, parent);
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_rw(const char *name, u32 mode, struct proc_dir_entry *parent,
				      proc_show_t show, proc_write_t write)
{
	struct proc_dir_entry *e = pde_new(name, S_IFREG | (mode & 0777), parent);

	if (e) {
		e->show = show;
		e->write = write;
	}
	return e;
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_data(const char *name, u32 mode, struct proc_dir_entry *parent,
					proc_show_t show, proc_write_data_t write, void *data)
{
	struct proc_dir_entry *e = pde_new(name, S_IFREG | (mode & 0777), parent);

	if (e) {
		e->show = show;
		e->write_data = write;
		e->data = data;
	}
	return e;
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_mkdir_or_get(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e;

	if (!parent && !proc_root)
		return NULL;
	e = pde_find(parent ? parent : proc_root, name);
	if (e)
		return S_ISDIR(e->inode->mode) ? e : NULL;
	return proc_mkdir(name, parent);
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_single(const char *name, u32 mode,
					  struct proc_dir_entry *parent, proc_show_t show)
{
	return proc_create_rw(name, mode, parent, show, NULL);
}

static struct inode *proc_lookup(struct inode *dir, const char *name)
{
	struct proc_dir_entry *e = pde_find(dir->private, name);

	if (e)
		return iget(e->inode);
	return dir->private == proc_root ? proc_pid_lookup(dir, name) : ERR_PTR(-ENOENT);
}

static int proc_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	struct proc_dir_entry *d = dir->private, *e;

	list_for_each_entry(e, &d->children, node) {
		if (idx--)
			continue;
		strlcpy(out->name, e->name, sizeof(out->name));
		out->ino = e->inode->ino;
		out->mode = e->inode->mode;
		return 0;
	}
	/* After the fixed entries of /proc: one directory per task. */
	return d == proc_root ? proc_pid_readdir(idx, out) : -ENOENT;
}

static int proc_open(struct inode *inode, struct file *f)
{
	struct proc_dir_entry *e = inode->private;

	if ((f->flags & O_ACCMODE) != O_RDONLY && !e->write && !e->write_data)
		return -EACCES;
	if ((f->flags & O_ACCMODE) == O_WRONLY || !e->show)
		return 0;
	return seq_open_snapshot(f, e->show, e->data, PROC_SHOW_LIMIT);
}

static ssize_t proc_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct proc_dir_entry *e = f->inode->private;
	char *copy;
	ssize_t r;

	if (!e->write && !e->write_data)
		return -EACCES;
	if (len > PROC_WRITE_MAX)
		return -EINVAL;
	copy = kmemdup_nul(buf, len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	r = e->write_data ? e->write_data(e->data, copy, len) : e->write(copy, len);
	kfree(copy);
	if (r > 0)
		*pos += r;
	return r;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
	.readdir = proc_readdir,
};

static const struct file_operations proc_file_fops = {
	.open = proc_open,
	.read = seq_read_snapshot,
	.write = proc_write,
	.release = seq_release_snapshot,
};

/* See proc_fs.h. */
struct inode *proc_init(void)
{
	proc_root = pde_new("proc", S_IFDIR | 0555, NULL);
	if (!proc_root)
		return NULL;
	for (const struct proc_file_decl *d = __start_proc_files; d < __stop_proc_files; d++)
		if (!proc_create_rw(d->name, d->mode, NULL, d->show, d->write))
			printk(KERN_ERR "procfs: cannot create /proc/%s\n", d->name);
	return proc_root->inode;
}
