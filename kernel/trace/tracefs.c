/*
 * tracefs: the tracing files (include/kelp/trace.h's table) as a small
 * filesystem mounted at /sys/kernel/tracing, as Linux mounts tracefs
 * there. One directory inode and one inode per file, made at boot and
 * never freed, plus events/ (kernel/trace/trace_kprobe.c's kprobe
 * events). Opening for read runs the file's show into a seq_file buffer
 * (one consistent snapshot); an open with O_TRUNC calls its truncate;
 * each write is one call of its write function.
 */
#include <kelp/trace.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/kobject.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/seq_file.h>
#include <kelp/string.h>

#define TRACEFS_SHOW_LIMIT (4UL << 20)
#define TRACEFS_WRITE_MAX 4096

static struct inode *tracefs_root;
static struct inode **tracefs_inodes;

static struct inode *tracefs_lookup(struct inode *dir, const char *name)
{
	unsigned int n;
	const struct trace_file *files = trace_files(&n);

	if (!strcmp(name, "events"))
		return trace_events_dir();
	for (unsigned int i = 0; i < n; i++)
		if (!strcmp(files[i].name, name))
			return iget(tracefs_inodes[i]);
	return ERR_PTR(-ENOENT);
}

static int tracefs_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	unsigned int n;
	const struct trace_file *files = trace_files(&n);

	if (idx == n) {	/* the events directory comes last */
		struct inode *ev = trace_events_dir();

		strlcpy(out->name, "events", sizeof(out->name));
		out->ino = ev->ino;
		out->mode = ev->mode;
		iput(ev);
		return 0;
	}
	if (idx > n)
		return -ENOENT;
	strlcpy(out->name, files[idx].name, sizeof(out->name));
	out->ino = tracefs_inodes[idx]->ino;
	out->mode = tracefs_inodes[idx]->mode;
	return 0;
}

static int tracefs_open(struct inode *inode, struct file *f)
{
	const struct trace_file *tf = inode->private;
	u32 acc = f->flags & O_ACCMODE;

	if (acc != O_RDONLY && !tf->write)
		return -EACCES;
	if (acc != O_RDONLY && (f->flags & O_TRUNC) && tf->truncate)
		tf->truncate();
	if (acc == O_WRONLY)
		return 0;
	return seq_open_snapshot(f, tf->show, NULL, TRACEFS_SHOW_LIMIT);
}

static ssize_t tracefs_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	const struct trace_file *tf = f->inode->private;
	char *copy;
	int err;

	if (!tf->write)
		return -EACCES;
	if (len > TRACEFS_WRITE_MAX)
		return -EINVAL;
	copy = kmemdup_nul(buf, len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	err = tf->write(copy, len);
	kfree(copy);
	if (err)
		return err;
	*pos += len;
	return len;
}

static const struct inode_operations tracefs_dir_iops = {
	.lookup = tracefs_lookup,
	.readdir = tracefs_readdir,
};

static const struct file_operations tracefs_fops = {
	.open = tracefs_open,
	.read = seq_read_snapshot,
	.write = tracefs_write,
	.release = seq_release_snapshot,
};

/* See trace.h. */
void tracefs_init(void)
{
	unsigned int n;
	const struct trace_file *files = trace_files(&n);

	tracefs_root = inode_alloc(S_IFDIR | 0755, &tracefs_dir_iops, NULL);
	trace_events_init();
	tracefs_inodes = kcalloc(n, sizeof(*tracefs_inodes), GFP_KERNEL);
	if (!tracefs_root || !tracefs_inodes)
		panic("tracefs: out of memory");
	for (unsigned int i = 0; i < n; i++) {
		u32 mode = S_IFREG | 0444 | (files[i].write ? 0200 : 0);

		tracefs_inodes[i] = inode_alloc(mode, NULL, &tracefs_fops);
		if (!tracefs_inodes[i])
			panic("tracefs: out of memory");
		tracefs_inodes[i]->private = (void *)&files[i];
		tracefs_inodes[i]->parent = tracefs_root;
	}
	{
		struct inode *ev = trace_events_dir();

		ev->parent = tracefs_root;
		iput(ev);
	}
	/* The mount point: an empty /sys/kernel/tracing, as Linux makes it. */
	if (!kobject_create_and_add("tracing", kernel_kobj) ||
	    vfs_mount("/sys/kernel/tracing", tracefs_root))
		panic("tracefs: cannot mount /sys/kernel/tracing");
}
