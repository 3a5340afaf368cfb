/*
 * devtmpfs: the /dev directory, as Linux's devtmpfs mounted at boot. Each
 * node is a character device inode (S_IFCHR, Linux's major:minor and
 * mode) whose file operations are its driver's; drivers add their nodes
 * with devtmpfs_create() (the console and serial lines in console.c,
 * /dev/kmsg in kernel/kmsg.c). /dev/null and /dev/zero, Linux's mem
 * devices, live here. Nodes are added, never removed; a spinlock orders
 * an add against lookups and listings.
 */
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>

#define DEVTMPFS_MAX 32

struct devnode {
	char name[16];
	struct inode *inode;
};

static struct devnode devnodes[DEVTMPFS_MAX];
static unsigned int devnode_count;
static struct inode *devtmpfs_root;
static DEFINE_SPINLOCK(devtmpfs_lock);

static struct inode *devtmpfs_lookup(struct inode *dir, const char *name)
{
	struct inode *inode = ERR_PTR(-ENOENT);
	unsigned long flags;

	spin_lock_irqsave(&devtmpfs_lock, flags);
	for (unsigned int i = 0; i < devnode_count; i++) {
		if (!strcmp(devnodes[i].name, name)) {
			inode = iget(devnodes[i].inode);
			break;
		}
	}
	spin_unlock_irqrestore(&devtmpfs_lock, flags);
	return inode;
}

static int devtmpfs_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&devtmpfs_lock, flags);
	if (idx < devnode_count) {
		strlcpy(out->name, devnodes[idx].name, sizeof(out->name));
		out->ino = devnodes[idx].inode->ino;
		out->mode = devnodes[idx].inode->mode;
		err = 0;
	}
	spin_unlock_irqrestore(&devtmpfs_lock, flags);
	return err;
}

static const struct inode_operations devtmpfs_dir_iops = {
	.lookup = devtmpfs_lookup,
	.readdir = devtmpfs_readdir,
};

/* See fs.h. */
int devtmpfs_create(const char *name, u32 mode, u32 major, u32 minor,
		    const struct file_operations *fops, void *private)
{
	struct inode *inode;
	unsigned long flags;
	int err = 0;

	if (strlen(name) >= sizeof(devnodes[0].name))
		return -ENAMETOOLONG;
	inode = inode_alloc(S_IFCHR | (mode & 07777), NULL, fops);
	if (!inode)
		return -ENOMEM;
	inode->rdev = new_encode_dev(major, minor);
	inode->private = private;
	inode->parent = devtmpfs_root;
	spin_lock_irqsave(&devtmpfs_lock, flags);
	for (unsigned int i = 0; i < devnode_count; i++)
		if (!strcmp(devnodes[i].name, name))
			err = -EEXIST;
	if (!err && devnode_count == DEVTMPFS_MAX)
		err = -ENOSPC;
	if (!err) {
		strlcpy(devnodes[devnode_count].name, name, sizeof(devnodes[0].name));
		devnodes[devnode_count].inode = inode;	/* the table keeps inode_alloc's reference */
		devnode_count++;
	}
	spin_unlock_irqrestore(&devtmpfs_lock, flags);
	if (err)
		iput(inode);
	return err;
}

/* /dev/null: reads see end of file, writes succeed and vanish. */
static ssize_t null_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	return len;
}

static s64 null_lseek(struct file *f, s64 off, int whence)
{
	f->pos = 0;	/* Linux's null_lseek: always 0 */
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
	.llseek = null_lseek,
};

/* /dev/zero: reads fill the buffer with zero bytes; writes vanish. */
static ssize_t zero_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	memset(buf, 0, len);
	return len;
}

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.llseek = null_lseek,
};

/* See fs.h. */
void devtmpfs_init(void)
{
	devtmpfs_root = inode_alloc(S_IFDIR | 0755, &devtmpfs_dir_iops, NULL);
	if (!devtmpfs_root || vfs_mkdir("/dev", 0755) || vfs_mount("/dev", devtmpfs_root))
		panic("devtmpfs: cannot mount /dev");
	/* Linux's mem devices (drivers/char/mem.c): major 1. */
	if (devtmpfs_create("null", 0666, 1, 3, &null_fops, NULL) ||
	    devtmpfs_create("zero", 0666, 1, 5, &zero_fops, NULL))
		panic("devtmpfs: cannot create /dev/null and /dev/zero");
}
