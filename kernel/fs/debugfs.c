/*
 * debugfs directories under /sys/kernel/debug: a subsystem gives a name
 * and a table of files (show and write functions, as tracefs's), and gets
 * a small filesystem mounted on a new /sys/kernel/debug/NAME directory
 * (/sys/kernel/debug itself is sysfs's debug_kobj, where modules such as
 * lkdtm add kobjects). Opening a file for read runs its show into a
 * seq_file snapshot; each write is one call of its write function with a
 * NUL-terminated copy. Used by dynamic debug and kprobes. Directories and
 * inodes are made at boot and never freed.
 */
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/kobject.h>
#include <kelp/mm.h>
#include <kelp/seq_file.h>
#include <kelp/string.h>

#define DEBUGFS_SHOW_LIMIT (1UL << 20)

struct debugfs_dir {
	const struct debugfs_file *files;
	unsigned int n;
	struct inode **inodes;
};

static struct inode *debugfs_lookup(struct inode *dir, const char *name)
{
	const struct debugfs_dir *d = dir->private;

	for (unsigned int i = 0; i < d->n; i++)
		if (!strcmp(d->files[i].name, name))
			return iget(d->inodes[i]);
	return ERR_PTR(-ENOENT);
}

static int debugfs_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	const struct debugfs_dir *d = dir->private;

	if (idx >= d->n)
		return -ENOENT;
	strlcpy(out->name, d->files[idx].name, sizeof(out->name));
	out->ino = d->inodes[idx]->ino;
	out->mode = d->inodes[idx]->mode;
	return 0;
}

static const struct inode_operations debugfs_dir_iops = {
	.lookup = debugfs_lookup,
	.readdir = debugfs_readdir,
};

static int debugfs_open(struct inode *inode, struct file *f)
{
	const struct debugfs_file *df = inode->private;

	if ((f->flags & O_ACCMODE) != O_RDONLY && !df->write)
		return -EACCES;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return 0;
	return seq_open_snapshot(f, df->show, NULL, DEBUGFS_SHOW_LIMIT);
}

static ssize_t debugfs_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	const struct debugfs_file *df = f->inode->private;
	char *copy;
	int err;

	if (len > DEBUGFS_WRITE_MAX)
		return -E2BIG;
	copy = kmemdup_nul(buf, len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	err = df->write(copy, len);
	kfree(copy);
	if (err)
		return err;
	*pos += len;
	return len;
}

static int debugfs_release(struct inode *inode, struct file *f)
{
	if (f->private)
		seq_release_snapshot(inode, f);
	return 0;
}

static const struct file_operations debugfs_fops = {
	.open = debugfs_open,
	.read = seq_read_snapshot,
	.write = debugfs_write,
	.release = debugfs_release,
};

/* See fs.h. */
int debugfs_create_files(const char *name, const struct debugfs_file *files, unsigned int n)
{
	struct debugfs_dir *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct inode *root = d ? inode_alloc(S_IFDIR | 0755, &debugfs_dir_iops, NULL) : NULL;
	char path[64];

	if (!root)
		goto nomem;
	d->files = files;
	d->n = n;
	d->inodes = kcalloc(n, sizeof(*d->inodes), GFP_KERNEL);
	if (!d->inodes)
		goto nomem;
	root->private = d;
	for (unsigned int i = 0; i < n; i++) {
		d->inodes[i] = inode_alloc(S_IFREG | (files[i].mode & 0777), NULL, &debugfs_fops);
		if (!d->inodes[i])
			goto nomem;
		d->inodes[i]->private = (void *)&files[i];
		d->inodes[i]->parent = root;
	}
	snprintf(path, sizeof(path), "/sys/kernel/debug/%s", name);
	if (!kobject_create_and_add(name, debug_kobj))
		goto nomem;
	return vfs_mount(path, root);
nomem:
	/* Boot only: what was made stays (nothing else runs yet to reuse it). */
	return -ENOMEM;
}
