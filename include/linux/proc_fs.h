/*
 * <linux/proc_fs.h>: a module's files in /proc (include/kelp/proc_fs.h).
 * proc_create_single(name, mode, parent, show) makes a read-only file whose
 * content show() writes into a seq_file on each open; proc_create() and
 * proc_create_data() take Linux's struct proc_ops (single_open/seq_open
 * with seq_read, seq_lseek and single_release/seq_release), and
 * proc_create_seq*() a seq_operations iterator; proc_mkdir() makes a
 * directory and proc_symlink() a link; proc_remove() and
 * remove_proc_entry() take them away again (waiting for calls still
 * running, and releasing files still open).
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/stat.h>
#include <linux/seq_file.h>
#include <kelp/proc_fs.h>

#endif /* _LINUX_PROC_FS_H */
