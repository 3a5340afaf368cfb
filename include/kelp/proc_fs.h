/*
 * procfs (kernel/fs/procfs.c): a tree of entries mounted at /proc. A file
 * entry either produces its text with a seq_file show function (Linux's
 * proc_create_single; Kelp's own files, which may also accept writes) or
 * has Linux's struct proc_ops (proc_create, proc_create_data,
 * proc_create_seq*): the module's open/read/write/lseek/release, usually
 * single_open or seq_open with seq_read and seq_lseek. A subsystem
 * declares its files next to their show functions with PROC_FILE()
 * (procfs creates them when it starts) or creates them at run time with
 * proc_create_*(); procfs itself knows no subsystem's file.
 */
#ifndef KELP_PROC_FS_H
#define KELP_PROC_FS_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct seq_file;
struct seq_operations;
struct proc_dir_entry;
struct inode;
struct file;
struct dirent_info;
struct kiocb;
struct iov_iter;
struct poll_table_struct;
struct vm_area_struct;

#ifndef __KELP_HOST__
typedef unsigned short umode_t;
typedef long long loff_t;	/* Linux's __kernel_loff_t: %lld prints it */
#endif
typedef struct { u32 val; } kuid_t;
typedef struct { u32 val; } kgid_t;

typedef unsigned int __poll_t;

/*
 * Linux's file operations of a /proc file. Kelp calls proc_open,
 * proc_read, proc_write, proc_lseek and proc_release; the read and write
 * buffers are kernel memory (Kelp's read/write system calls copy to and
 * from user space themselves), so seq_read and a proc_write that parses
 * buf directly work, but copy_from_user/copy_to_user on them fail with
 * -EFAULT. proc_read_iter, proc_poll, ioctl and mmap are not called.
 */
struct proc_ops {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *inode, struct file *file);
	ssize_t (*proc_read)(struct file *file, char *buf, size_t len, loff_t *pos);
	ssize_t (*proc_read_iter)(struct kiocb *iocb, struct iov_iter *iter);
	ssize_t (*proc_write)(struct file *file, const char *buf, size_t len, loff_t *pos);
	loff_t (*proc_lseek)(struct file *file, loff_t off, int whence);
	int (*proc_release)(struct inode *inode, struct file *file);
	__poll_t (*proc_poll)(struct file *file, struct poll_table_struct *pt);
	long (*proc_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	long (*proc_compat_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*proc_mmap)(struct file *file, struct vm_area_struct *vma);
	unsigned long (*proc_get_unmapped_area)(struct file *file, unsigned long addr,
						unsigned long len, unsigned long pgoff,
						unsigned long flags);
};
/* proc_flags: Linux's "never removed" hint; Kelp counts users of every entry anyway. */
#define PROC_ENTRY_PERMANENT 1U

typedef int (*proc_show_t)(struct seq_file *m, void *v);
/* Handles a write of len bytes (a NUL-terminated copy); returns len or -errno. */
typedef ssize_t (*proc_write_t)(const char *buf, size_t len);

/* A /proc file declared with PROC_FILE(). */
struct proc_file_decl {
	const char *name;
	u32 mode;
	proc_show_t show;
	proc_write_t write;	/* NULL: read-only */
};

/*
 * Declares the file /proc/NAME, created when procfs starts (Linux's
 * fs_initcall + proc_create_single, without the call). File scope, in the
 * kernel image only: a module creates its files with proc_create_*().
 */
#define PROC_FILE(name, mode, show, write)                                     \
	static const struct proc_file_decl __proc_file_##show __used           \
		__section(".proc_files") __aligned(8) = { name, mode, show, write }

/* NULL parent means /proc itself. Each returns the entry, or NULL. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create_single(const char *name, u32 mode,
					  struct proc_dir_entry *parent, proc_show_t show);
struct proc_dir_entry *proc_create_rw(const char *name, u32 mode, struct proc_dir_entry *parent,
				      proc_show_t show, proc_write_t write);
/*
 * A file of many alike: show gets data as v and as m->private (Linux's
 * proc_create_single_data gives it in m->private), write gets it first.
 * data must outlive the entry.
 */
struct proc_dir_entry *proc_create_single_data(const char *name, u32 mode,
					       struct proc_dir_entry *parent, proc_show_t show,
					       void *data);
typedef ssize_t (*proc_write_data_t)(void *data, const char *buf, size_t len);
struct proc_dir_entry *proc_create_show_data(const char *name, u32 mode,
					     struct proc_dir_entry *parent, proc_show_t show,
					     proc_write_data_t write, void *data);
/*
 * Linux's: a file with the module's proc_ops (see above), data for
 * pde_data(). proc_create_seq_private: a file read through the iterator
 * ops, each open getting a zeroed state_size-byte m->private (none if 0).
 * Each returns the entry, or NULL (a bad name, a duplicate, no memory).
 */
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data);
struct proc_dir_entry *proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops);
struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data);
/* A symbolic link name in parent (NULL: /proc) to dest, or NULL. */
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest);
#define proc_create_seq_data(name, mode, parent, ops, data) \
	proc_create_seq_private(name, mode, parent, ops, 0, data)
#define proc_create_seq(name, mode, parent, ops) \
	proc_create_seq_private(name, mode, parent, ops, 0, NULL)
/* The directory name under parent (NULL: /proc), created if missing; or NULL. */
/*
 * Removes e and everything under it (NULL is ignored), after waiting for
 * shows and writes running in them; an open file then reads its snapshot
 * and writes fail with -EIO. Task context (sleeps). Linux's proc_remove.
 */
void proc_remove(struct proc_dir_entry *e);
/* The same for parent's entry called name (NULL parent: /proc); warns if none. */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
/*
 * Linux's other procfs calls for modules: a directory with permissions
 * and data, the size a file shows, its data (pde_data) and its
 * directory's, a subtree's removal. proc_set_user does nothing: all is root.
 */
struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode,
				       struct proc_dir_entry *parent, void *data);
struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode,
				       struct proc_dir_entry *parent);
struct proc_dir_entry *_proc_mkdir(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   void *data, bool force_lookup);
void proc_set_size(struct proc_dir_entry *e, loff_t size);
void proc_set_user(struct proc_dir_entry *e, kuid_t uid, kgid_t gid);
void *pde_data(const struct inode *inode);
void *proc_get_parent_data(const struct inode *inode);
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_mkdir_or_get(const char *name, struct proc_dir_entry *parent);

/* Creates /proc and the PROC_FILE() files; returns the root inode to mount. Boot. */
struct inode *proc_init(void);

/* Show functions of files the kernel's own code reads too (Linux's names and signatures). */
int cmdline_proc_show(struct seq_file *m, void *v);
int meminfo_proc_show(struct seq_file *m, void *v);
int uptime_proc_show(struct seq_file *m, void *v);
int slabinfo_proc_show(struct seq_file *m, void *v);

/* /proc/<pid>/ (kernel/fs/proc_pid.c): lookup and listing under /proc. */
struct inode *proc_pid_lookup(struct inode *proc_root, const char *name);
int proc_pid_readdir(u64 idx, struct dirent_info *out);
/* /proc/<pid>/stack's show; v is the struct task (referenced by the caller). */
int proc_pid_stack_show(struct seq_file *m, void *v);
/* "[<0>] name+0x1c/0x80" lines for a stack trace. */
void proc_print_stack_entries(struct seq_file *m, const unsigned long *e, int n);

#endif /* KELP_PROC_FS_H */
