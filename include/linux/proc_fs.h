/*
 * <linux/proc_fs.h>: a module's files in /proc. proc_create_single(name,
 * mode, parent, show) makes a read-only file whose content show() writes
 * into a seq_file on each open; proc_mkdir() a directory; proc_remove() and
 * remove_proc_entry() take them away again (waiting for a show still
 * running). Linux's proc_create() with a struct proc_ops is not there:
 * Kelp's proc files are seq_file snapshots (docs/linux-compat.md).
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/stat.h>
#include <linux/seq_file.h>
#include <kelp/proc_fs.h>

#endif /* _LINUX_PROC_FS_H */
