/*
 * procfs (kernel/fs/procfs.c): a tree of entries mounted at /proc. A file
 * entry produces its text with a seq_file show function (Linux's
 * proc_create_single) and may accept writes. A subsystem declares its
 * files next to their show functions with PROC_FILE() (procfs creates them
 * when it starts) or creates them at run time with proc_create_*();
 * procfs itself knows no subsystem's file.
 */
#ifndef KELP_PROC_FS_H
#define KELP_PROC_FS_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct seq_file;
struct proc_dir_entry;
struct inode;
struct dirent_info;

#ifndef __KELP_HOST__
typedef unsigned short umode_t;
typedef s64 loff_t;
#endif
typedef struct { u32 val; } kuid_t;
typedef struct { u32 val; } kgid_t;

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
 * A file of many alike (Linux's proc_create_data): show gets data as v,
 * write gets it first. data must outlive the entry.
 */
struct proc_dir_entry *proc_create_single_data(const char *name, u32 mode,
					       struct proc_dir_entry *parent, proc_show_t show,
					       void *data);
typedef ssize_t (*proc_write_data_t)(void *data, const char *buf, size_t len);
struct proc_dir_entry *proc_create_data(const char *name, u32 mode, struct proc_dir_entry *parent,
					proc_show_t show, proc_write_data_t write, void *data);
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
