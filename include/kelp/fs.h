/*
 * The virtual filesystem (kernel/fs/). Inodes carry operations; path lookup
 * walks them component by component, crossing mount points; open files
 * carry a position and file operations; each context has a table of file
 * descriptors. Filesystems: ramfs (the writable root), procfs (/proc),
 * sysfs (/sys, the kobject tree). Errors are negative errno values.
 *
 * Locking: vfs_lock (a spinlock, kernel/fs/vfs.c) serialises namespace
 * changes (mkdir, unlink, rmdir, mount); lookups and file I/O run under
 * inode references only.
 */
#ifndef KELP_FS_H
#define KELP_FS_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/uapi.h>

#define NAME_MAX 255
#define PATH_MAX 4096
#define FD_MAX 64
#define MAXSYMLINKS 40		/* links followed per path walk (Linux's): then -ELOOP */

/* Permission bits, Linux's values (file types, open flags: uapi.h). */
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IRUGO 0444
#define S_IWUGO 0222
#define S_IXUGO 0111

struct inode;
struct file;
struct super_block;

struct dirent_info {
	char name[NAME_MAX + 1];
	u32 ino;
	u32 mode;
};

struct inode_operations {
	/* Finds name in dir; returns a referenced inode or an ERR_PTR. */
	struct inode *(*lookup)(struct inode *dir, const char *name);
	int (*create)(struct inode *dir, const char *name, u32 mode, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, u32 mode);
	int (*unlink)(struct inode *dir, const char *name);
	int (*rmdir)(struct inode *dir, const char *name);
	/* Entry number idx of dir (no . and ..); -ENOENT past the end. */
	int (*readdir)(struct inode *dir, u64 idx, struct dirent_info *out);
	/* Drops the filesystem's private data when the last reference goes. */
	void (*evict)(struct inode *inode);
	/*
	 * Symbolic links (S_IFLNK): writes the target path into buf (len
	 * bytes), NUL-terminated; returns its length or -errno. The text is
	 * made at each call (a sysfs link's follows its target's moves).
	 */
	int (*readlink)(struct inode *inode, char *buf, size_t len);
};

struct file_operations {
	int (*open)(struct inode *inode, struct file *f);
	ssize_t (*read)(struct file *f, char *buf, size_t len, u64 *pos);
	ssize_t (*write)(struct file *f, const char *buf, size_t len, u64 *pos);
	int (*release)(struct inode *inode, struct file *f);
	/* Optional: replaces vfs_lseek's position arithmetic (devices). */
	s64 (*llseek)(struct file *f, s64 off, int whence);
};

struct inode {
	u32 ino;
	u32 mode;		/* S_IF* | permission bits */
	u32 nlink;
	u64 size;
	u32 rdev;		/* device nodes: Linux's new_encode_dev(major, minor) */
	int refcount;		/* iget/iput; the filesystem holds one while linked */
	struct inode *parent;	/* directories: for "..", NULL at a root */
	struct inode *mounted;	/* root of a filesystem mounted here, or NULL */
	struct inode *covered;	/* for a mounted root: the mount point */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	void *private;
};

struct file {
	struct inode *inode;
	u64 pos;
	u32 flags;		/* O_* */
	int refcount;
	const struct file_operations *f_op;
	union {			/* owned by the file operations; private_data is Linux's name */
		void *private;
		void *private_data;
	};
};

/* Linux's accessor: the inode an open file reads. */
static inline struct inode *file_inode(const struct file *f)
{
	return f->inode;
}

/* Stat as the shell and user space (stat/fstat) see it. */
struct kstat {
	u32 ino;
	u32 mode;
	u32 nlink;
	u64 size;
	u32 rdev;
};

/* st_rdev as Linux encodes a device number for user space (new_encode_dev). */
static inline u32 new_encode_dev(u32 major, u32 minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

/* ---- inodes ---- */
struct inode *inode_alloc(u32 mode, const struct inode_operations *iop,
			  const struct file_operations *fop);
struct inode *iget(struct inode *inode);
/*
 * Clears inode->parent when inode leaves its directory, under the lock
 * that ".." reads it with: a walk then either gets the parent with a
 * reference of its own or sees NULL, never a parent being freed (the
 * filesystems clear every child's pointer before they drop the parent).
 */
void inode_clear_parent(struct inode *inode);
/*
 * Points a moved directory entry's ".." at its new parent, under the same
 * lock (the filesystem keeps parent alive while inode is linked under it).
 */
void inode_set_parent(struct inode *inode, struct inode *parent);
void iput(struct inode *inode);

/* ---- namespace ---- */
/* Sets up the root filesystem (ramfs) and the standard directories. Boot. */
void vfs_init(void);
/* The root inode (not referenced: it never goes away). */
struct inode *vfs_root(void);
/*
 * Resolves path (absolute, or relative to the current directory) to a
 * referenced inode, following mounts, "." and ".." and symbolic links
 * (at most MAXSYMLINKS per walk; a link's relative target is resolved
 * from the link's directory). With parent != NULL the last component is
 * not looked up: *parent gets the referenced directory and last
 * (NAME_MAX+1 bytes) the final name. Returns 0 or
 * -ENOENT/-ENOTDIR/-ENAMETOOLONG/-EINVAL/-ELOOP.
 */
int vfs_lookup(const char *path, struct inode **out);
/* vfs_lookup, but a final symbolic link is returned, not followed (lstat's walk). */
int vfs_lookup_nofollow(const char *path, struct inode **out);
int vfs_lookup_parent(const char *path, struct inode **parent, char *last);
/* Mounts the filesystem whose root is root on the directory at path. */
int vfs_mount(const char *path, struct inode *root);
int vfs_mkdir(const char *path, u32 mode);
int vfs_unlink(const char *path);
int vfs_rmdir(const char *path);
int vfs_stat(const char *path, struct kstat *st);
/* vfs_stat of a final symbolic link itself. */
int vfs_lstat(const char *path, struct kstat *st);
/*
 * The target of the symbolic link at path, NUL-terminated in buf (len
 * bytes); returns its length, -EINVAL if path is not a link, or the
 * walk's error. Task context.
 */
int vfs_readlink(const char *path, char *buf, size_t len);
/* Changes the current directory; vfs_getcwd writes its absolute path. */
int vfs_chdir(const char *path);
int vfs_getcwd(char *buf, size_t len);

/*
 * A task's filesystem context: its descriptor table and current directory.
 * Kernel threads share init_fs (task->fs == NULL), as Linux's kthreads
 * share init's; unshare_fs() gives the calling task its own copy (a user
 * process gets a clone of its parent's at spawn). The last put closes every descriptor.
 * The table and cwd are used only by their task(s); refcount is atomic.
 */
struct fs_context {
	int refcount;
	struct file *fd[FD_MAX];
	struct inode *cwd;
	char cwd_path[PATH_MAX];
};

extern struct fs_context init_fs;
/* The calling task's context (init_fs for kernel threads). */
struct fs_context *current_fs(void);
/* Gives the calling task a private copy of its context. 0 or -ENOMEM. Task context. */
int unshare_fs(void);
/* A copy of src (open files shared, one more reference each), or NULL. */
struct fs_context *fs_context_clone(const struct fs_context *src);
/* Drops a reference; the last one closes the descriptors and the cwd. */
void fs_context_put(struct fs_context *fs);
/* Called by do_exit: drops the exiting task's private context, if any. */
void exit_fs(void);

/* ---- files and descriptors (the current context's table) ---- */
int vfs_open(const char *path, u32 flags, u32 mode, struct file **out);
void vfs_close(struct file *f);
ssize_t vfs_read(struct file *f, char *buf, size_t len);
ssize_t vfs_write(struct file *f, const char *buf, size_t len);
s64 vfs_lseek(struct file *f, s64 off, int whence);
int vfs_getdents(struct file *f, struct dirent_info *out);

int sys_open(const char *path, u32 flags, u32 mode);
/* The open file behind fd in the current context (no reference taken), or NULL. */
struct file *fd_lookup(int fd);
/* Puts f (its reference passes to the table) at the lowest free descriptor; or -EMFILE. */
int fd_install(struct file *f);
int sys_dup(int fd);
int sys_dup2(int oldfd, int newfd);
int sys_close(int fd);
ssize_t sys_read(int fd, char *buf, size_t len);
ssize_t sys_write(int fd, const char *buf, size_t len);
s64 sys_lseek(int fd, s64 off, int whence);
int sys_fstat(int fd, struct kstat *st);

/* Formats mode as "drwxr-xr-x" into buf (11 bytes). */
void vfs_mode_string(u32 mode, char *buf);

/* ---- the console (kernel/fs/console.c) ---- */
/*
 * A new open file on the console (COM1): reads sleep until input arrives
 * and return the bytes received so far (raw: no echo, no line editing; the
 * shell edits lines itself), writes go to the console. -EINTR when a kill
 * interrupts a read. Returns the file or NULL.
 */
struct file *console_open(void);
/*
 * ioctl on a console file: TIOCSPGRP sets the foreground pid (0: none) that
 * Ctrl-C kills with SIGINT, TIOCGPGRP reads it. -ENOTTY for other files
 * and commands, -EFAULT, -EINVAL.
 */
int console_ioctl(struct file *f, unsigned int cmd, unsigned long arg);

/* ---- devtmpfs (/dev, kernel/fs/devtmpfs.c) ---- */
/* Mounts /dev with null and zero. Boot, after vfs_init; panics on failure. */
void devtmpfs_init(void);
/*
 * Adds the character device /dev/name (mode: permission bits, Linux's
 * major:minor) whose opens get fops and inode->private = private.
 * Returns 0, -EEXIST, -ENOSPC, -ENAMETOOLONG or -ENOMEM. Task context.
 */
int devtmpfs_create(const char *name, u32 mode, u32 major, u32 minor,
		    const struct file_operations *fops, void *private);
/* /dev/console, /dev/ttyS0 and /dev/ttyS1 (console.c). Boot, after devtmpfs_init. */
void console_dev_init(void);
/* /dev/kmsg (kernel/kmsg.c). Boot, after devtmpfs_init. */
void kmsg_dev_init(void);

/* ---- debugfs (/sys/kernel/debug/NAME, kernel/fs/debugfs.c) ---- */
#define DEBUGFS_WRITE_MAX 4095	/* bytes per write; more is -E2BIG */

struct seq_file;
/* One file: show prints it (seq_file), write takes one NUL-terminated write (NULL: read-only). */
struct debugfs_file {
	const char *name;
	u32 mode;			/* permission bits */
	int (*show)(struct seq_file *m, void *v);
	int (*write)(const char *buf, size_t len);	/* 0 or a negative errno */
};
/*
 * Makes /sys/kernel/debug/name holding files (the table must stay valid
 * for good). Returns 0, -ENOMEM or -EEXIST. Boot, after sysfs.
 */
int debugfs_create_files(const char *name, const struct debugfs_file *files, unsigned int n);

/* ---- ramfs ---- */
struct inode *ramfs_new_root(void);

/* ---- initramfs ---- */
/* Unpacks a cpio (newc) archive into /; returns 0 or a negative errno. */
int initramfs_unpack(const void *data, size_t len);

#endif /* KELP_FS_H */
