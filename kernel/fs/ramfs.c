/*
 * ramfs: the writable root filesystem. A directory keeps a list of
 * (name, inode) entries, a file keeps its bytes in one kmalloc'd buffer
 * grown on write. Each entry holds a reference on its inode; unlink drops
 * it, and the inode (and its data) goes when the last open file lets go.
 * ramfs_lock (a spinlock; nothing under it sleeps) guards every directory's
 * entry list: lookups and listings take it too, since tasks are preemptible.
 * File data is not locked: a file's writers serialise themselves.
 */
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/spinlock.h>

#define RAMFS_FILE_MAX (64UL << 20)	/* one file: 64 MiB at most */

static DEFINE_SPINLOCK(ramfs_lock);

struct ramfs_dirent {
	struct list_head node;
	struct inode *inode;
	char name[];
};

struct ramfs_dir {
	struct list_head entries;
	u64 count;
};

struct ramfs_file {
	char *data;
	size_t cap;
};

static const struct inode_operations ramfs_dir_iops;
static const struct inode_operations ramfs_file_iops;
static const struct file_operations ramfs_file_fops;

static struct ramfs_dirent *dir_find(struct inode *dir, const char *name)
{
	struct ramfs_dir *d = dir->private;
	struct ramfs_dirent *de;

	list_for_each_entry(de, &d->entries, node)
		if (!strcmp(de->name, name))
			return de;
	return NULL;
}

static struct inode *ramfs_new_inode(struct inode *parent, u32 mode)
{
	bool is_dir = S_ISDIR(mode);
	struct inode *inode = inode_alloc(mode, is_dir ? &ramfs_dir_iops : &ramfs_file_iops,
					  is_dir ? NULL : &ramfs_file_fops);
	void *priv = is_dir ? kzalloc(sizeof(struct ramfs_dir), GFP_KERNEL)
			    : kzalloc(sizeof(struct ramfs_file), GFP_KERNEL);

	if (!inode || !priv) {
		kfree(priv);
		if (inode)
			iput(inode);
		return NULL;
	}
	inode->private = priv;
	inode->parent = parent;
	if (is_dir)
		INIT_LIST_HEAD(&((struct ramfs_dir *)priv)->entries);
	return inode;
}

static int dir_add(struct inode *dir, const char *name, u32 mode, struct inode **out)
{
	size_t n = strlen(name);
	struct ramfs_dirent *de;
	struct inode *inode;

	if (dir_find(dir, name))
		return -EEXIST;
	de = kmalloc(sizeof(*de) + n + 1, GFP_KERNEL);
	inode = de ? ramfs_new_inode(dir, mode) : NULL;
	if (!inode) {
		kfree(de);
		return -ENOMEM;
	}
	memcpy(de->name, name, n + 1);
	de->inode = inode;	/* the entry owns inode_alloc's reference */
	list_add_tail(&de->node, &((struct ramfs_dir *)dir->private)->entries);
	((struct ramfs_dir *)dir->private)->count++;
	if (out)
		*out = iget(inode);
	return 0;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name)
{
	struct ramfs_dirent *de;
	struct inode *inode;
	unsigned long flags;

	spin_lock_irqsave(&ramfs_lock, flags);
	de = dir_find(dir, name);
	inode = de ? iget(de->inode) : ERR_PTR(-ENOENT);
	spin_unlock_irqrestore(&ramfs_lock, flags);
	return inode;
}

static int locked_add(struct inode *dir, const char *name, u32 mode, struct inode **out)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&ramfs_lock, flags);
	err = dir_add(dir, name, mode, out);
	spin_unlock_irqrestore(&ramfs_lock, flags);
	return err;
}

static int ramfs_create(struct inode *dir, const char *name, u32 mode, struct inode **out)
{
	return locked_add(dir, name, S_IFREG | (mode & 07777), out);
}

static int ramfs_mkdir(struct inode *dir, const char *name, u32 mode)
{
	return locked_add(dir, name, S_IFDIR | (mode & 07777), NULL);
}

static void dir_remove(struct inode *dir, struct ramfs_dirent *de)
{
	list_del(&de->node);
	((struct ramfs_dir *)dir->private)->count--;
	de->inode->nlink = 0;
	inode_clear_parent(de->inode);
	iput(de->inode);
	kfree(de);
}

/* Checks that name may go (want_dir: rmdir's rules, else unlink's). Lock held. */
static int removable(struct ramfs_dirent *de, bool want_dir)
{
	if (!de)
		return -ENOENT;
	if (!want_dir)
		return S_ISDIR(de->inode->mode) ? -EISDIR : 0;
	if (!S_ISDIR(de->inode->mode))
		return -ENOTDIR;
	if (((struct ramfs_dir *)de->inode->private)->count || de->inode->mounted)
		return -ENOTEMPTY;
	return 0;
}

static int locked_remove(struct inode *dir, const char *name, bool want_dir)
{
	struct ramfs_dirent *de;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&ramfs_lock, flags);
	de = dir_find(dir, name);
	err = removable(de, want_dir);
	if (!err)
		dir_remove(dir, de);
	spin_unlock_irqrestore(&ramfs_lock, flags);
	return err;
}

static int ramfs_unlink(struct inode *dir, const char *name)
{
	return locked_remove(dir, name, false);
}

static int ramfs_rmdir(struct inode *dir, const char *name)
{
	return locked_remove(dir, name, true);
}

static int ramfs_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	struct ramfs_dir *d = dir->private;
	struct ramfs_dirent *de;
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&ramfs_lock, flags);
	list_for_each_entry(de, &d->entries, node) {
		if (idx--)
			continue;
		strlcpy(out->name, de->name, sizeof(out->name));
		out->ino = de->inode->ino;
		out->mode = de->inode->mode;
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&ramfs_lock, flags);
	return err;
}

static void ramfs_evict(struct inode *inode)
{
	if (S_ISREG(inode->mode)) {
		struct ramfs_file *rf = inode->private;

		if (rf)
			kfree(rf->data);
	}
	kfree(inode->private);
}

static ssize_t ramfs_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct ramfs_file *rf = f->inode->private;
	size_t n;

	if (*pos >= f->inode->size)
		return 0;
	n = min(len, (size_t)(f->inode->size - *pos));
	memcpy(buf, rf->data + *pos, n);
	*pos += n;
	return n;
}

static int ramfs_reserve(struct ramfs_file *rf, size_t need)
{
	size_t cap = rf->cap ? rf->cap : 64;
	char *n;

	if (need <= rf->cap)
		return 0;
	if (need > RAMFS_FILE_MAX)
		return -EFBIG;
	while (cap < need)
		cap *= 2;
	n = krealloc(rf->data, cap, GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	rf->data = n;
	rf->cap = cap;
	return 0;
}

static ssize_t ramfs_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct ramfs_file *rf = f->inode->private;
	u64 start = (f->flags & O_APPEND) ? f->inode->size : *pos;
	int err;

	if (start > RAMFS_FILE_MAX || len > RAMFS_FILE_MAX - start)
		return -EFBIG;
	err = ramfs_reserve(rf, start + len);
	if (err)
		return err;
	if (start > f->inode->size)	/* a hole reads as zeros */
		memset(rf->data + f->inode->size, 0, start - f->inode->size);
	memcpy(rf->data + start, buf, len);
	*pos = start + len;
	if (*pos > f->inode->size)
		f->inode->size = *pos;
	return len;
}

static int ramfs_open(struct inode *inode, struct file *f)
{
	if (f->flags & O_TRUNC && (f->flags & O_ACCMODE) != O_RDONLY)
		inode->size = 0;
	return 0;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.readdir = ramfs_readdir,
	.evict = ramfs_evict,
};

static const struct inode_operations ramfs_file_iops = {
	.evict = ramfs_evict,
};

static const struct file_operations ramfs_file_fops = {
	.open = ramfs_open,
	.read = ramfs_read,
	.write = ramfs_write,
};

/* See fs.h. Returns a referenced root directory, or NULL. */
struct inode *ramfs_new_root(void)
{
	return ramfs_new_inode(NULL, S_IFDIR | 0755);
}
