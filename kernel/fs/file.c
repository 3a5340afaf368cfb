/*
 * Open files and file descriptors. vfs_open resolves (and with O_CREAT
 * creates) the file, checks the access mode against the inode's permission
 * bits (a write needs a w bit, a read an r bit: how sysfs refuses writes to
 * read-only attributes with -EACCES) and calls the filesystem's open. The
 * descriptor table is the calling task's (struct fs_context, fs.h).
 */
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/string.h>

static int check_access(struct inode *inode, u32 flags)
{
	u32 acc = flags & O_ACCMODE;

	if (S_ISDIR(inode->mode) && acc != O_RDONLY)
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (acc != O_WRONLY && !(inode->mode & S_IRUGO))
		return -EACCES;
	if (acc != O_RDONLY && !(inode->mode & S_IWUGO))
		return -EACCES;
	return 0;
}

/* Finds path, or creates it when O_CREAT says so. */
static int open_inode(const char *path, u32 flags, u32 mode, struct inode **out)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *inode;
	int err = flags & O_NOFOLLOW ? vfs_lookup_nofollow(path, out) : vfs_lookup(path, out);

	if (!err && S_ISLNK((*out)->mode)) {
		iput(*out);	/* O_NOFOLLOW on a symbolic link, as Linux */
		return -ELOOP;
	}
	if (err != -ENOENT || !(flags & O_CREAT))
		return err;
	err = vfs_lookup_parent(path, &dir, last);
	if (err)
		return err;
	err = -EACCES;
	if (dir->i_op->create) {
		struct inode *again = dir->i_op->lookup(dir, last);

		if (!IS_ERR(again)) {	/* created meanwhile */
			*out = again;
			err = 0;
		} else {
			err = dir->i_op->create(dir, last, mode, &inode);
			if (!err)
				*out = inode;
		}
	}
	iput(dir);
	return err;
}

/* See fs.h. Returns 0 with *out holding one reference, or a negative errno. */
int vfs_open(const char *path, u32 flags, u32 mode, struct file **out)
{
	struct inode *inode;
	struct file *f;
	int err = open_inode(path, flags, mode, &inode);

	if (err)
		return err;
	err = check_access(inode, flags);
	f = err ? NULL : kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		iput(inode);
		return err ? err : -ENOMEM;
	}
	*f = (struct file){ .inode = inode, .flags = flags, .refcount = 1, .f_op = inode->i_fop };
	if (f->f_op && f->f_op->open && (err = f->f_op->open(inode, f))) {
		iput(inode);
		kfree(f);
		return err;
	}
	*out = f;
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(vfs_open);

/* See fs.h. */
void vfs_close(struct file *f)
{
	if (__atomic_sub_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->inode, f);
	iput(f->inode);
	kfree(f);
}
EXPORT_SYMBOL_FOR_KTEST(vfs_close);

/* See fs.h. */
ssize_t vfs_read(struct file *f, char *buf, size_t len)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, len, &f->pos);
}
EXPORT_SYMBOL_FOR_KTEST(vfs_read);

/* See fs.h. */
ssize_t vfs_write(struct file *f, const char *buf, size_t len)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	return f->f_op->write(f, buf, len, &f->pos);
}
EXPORT_SYMBOL_FOR_KTEST(vfs_write);

/* See fs.h. */
s64 vfs_lseek(struct file *f, s64 off, int whence)
{
	s64 base;

	if (f->f_op && f->f_op->llseek)
		return f->f_op->llseek(f, off, whence);
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->pos; break;
	case SEEK_END: base = f->inode->size; break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}
EXPORT_SYMBOL_FOR_KTEST(vfs_lseek);

/* See fs.h. Returns 1 with an entry, 0 at the end, or a negative errno. */
int vfs_getdents(struct file *f, struct dirent_info *out)
{
	int err;

	if (!S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	err = f->inode->i_op->readdir(f->inode, f->pos, out);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	f->pos++;
	return 1;
}

static struct file *fd_get(int fd)
{
	return fd >= 0 && fd < FD_MAX ? current_fs()->fd[fd] : NULL;
}

/* See fs.h. Returns the lowest free descriptor or a negative errno. */
int sys_open(const char *path, u32 flags, u32 mode)
{
	struct fs_context *fs = current_fs();
	struct file *f;
	int fd, err;

	for (fd = 0; fd < FD_MAX && fs->fd[fd]; fd++)
		;
	if (fd == FD_MAX)
		return -EMFILE;
	err = vfs_open(path, flags, mode, &f);
	if (err)
		return err;
	fs->fd[fd] = f;
	return fd;
}
EXPORT_SYMBOL_FOR_KTEST(sys_open);

/* See fs.h. */
struct file *fd_lookup(int fd)
{
	return fd_get(fd);
}

/* See fs.h. */
int fd_install(struct file *f)
{
	struct fs_context *fs = current_fs();

	for (int fd = 0; fd < FD_MAX; fd++) {
		if (!fs->fd[fd]) {
			fs->fd[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

/* See fs.h. */
int sys_dup(int fd)
{
	struct file *f = fd_get(fd);
	int nfd;

	if (!f)
		return -EBADF;
	__atomic_fetch_add(&f->refcount, 1, __ATOMIC_RELAXED);
	nfd = fd_install(f);
	if (nfd < 0)
		vfs_close(f);
	return nfd;
}

/* See fs.h. */
int sys_dup2(int oldfd, int newfd)
{
	struct fs_context *fs = current_fs();
	struct file *f = fd_get(oldfd), *old;

	if (!f || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	__atomic_fetch_add(&f->refcount, 1, __ATOMIC_RELAXED);
	old = fs->fd[newfd];
	fs->fd[newfd] = f;
	if (old)
		vfs_close(old);
	return newfd;
}

/* See fs.h. */
int sys_close(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	current_fs()->fd[fd] = NULL;
	vfs_close(f);
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(sys_close);

/* See fs.h. */
ssize_t sys_read(int fd, char *buf, size_t len)
{
	struct file *f = fd_get(fd);

	return f ? vfs_read(f, buf, len) : -EBADF;
}

/* See fs.h. */
ssize_t sys_write(int fd, const char *buf, size_t len)
{
	struct file *f = fd_get(fd);

	return f ? vfs_write(f, buf, len) : -EBADF;
}

/* See fs.h. */
s64 sys_lseek(int fd, s64 off, int whence)
{
	struct file *f = fd_get(fd);

	return f ? vfs_lseek(f, off, whence) : -EBADF;
}

/* See fs.h. */
int sys_fstat(int fd, struct kstat *st)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	*st = (struct kstat){ f->inode->ino, f->inode->mode, f->inode->nlink, f->inode->size,
			      f->inode->rdev };
	return 0;
}

/* See fs.h. The last reference closes every descriptor and drops the cwd. */
void fs_context_put(struct fs_context *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	for (int fd = 0; fd < FD_MAX; fd++)
		if (fs->fd[fd])
			vfs_close(fs->fd[fd]);
	iput(fs->cwd);
	kfree(fs);
}

/* See fs.h. */
struct fs_context *fs_context_clone(const struct fs_context *src)
{
	struct fs_context *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	memcpy(fs, src, sizeof(*fs));
	fs->refcount = 1;
	for (int fd = 0; fd < FD_MAX; fd++)
		if (fs->fd[fd])
			__atomic_fetch_add(&fs->fd[fd]->refcount, 1, __ATOMIC_RELAXED);
	iget(fs->cwd);
	return fs;
}
