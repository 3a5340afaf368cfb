/*
 * procfs (kernel/fs/procfs.c): a tree of entries mounted at /proc. A file
 * entry produces its text with a seq_file show function (Linux's
 * proc_create_single) and may accept writes; the standard files are
 * cmdline (cmdline_proc_show), meminfo (meminfo_proc_show) and uptime.
 * Entries are created at boot or by subsystems; removal is for later
 * subsystems (modules) and frees the entry once no file has it open.
 */
#ifndef KELP_PROC_FS_H
#define KELP_PROC_FS_H

#include <kelp/types.h>

struct seq_file;
struct proc_dir_entry;
struct inode;
struct dirent_info;

typedef int (*proc_show_t)(struct seq_file *m, void *v);
/* Handles a write of len bytes (a NUL-terminated copy); returns len or -errno. */
typedef ssize_t (*proc_write_t)(const char *buf, size_t len);

/* NULL parent means /proc itself. Each returns the entry, or NULL. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create_single(const char *name, u32 mode,
					  struct proc_dir_entry *parent, proc_show_t show);
struct proc_dir_entry *proc_create_rw(const char *name, u32 mode, struct proc_dir_entry *parent,
				      proc_show_t show, proc_write_t write);

/* Creates /proc and its standard entries; returns the root inode to mount. Boot. */
struct inode *proc_init(void);

/* The standard files' show functions, with Linux's names and signatures. */
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
