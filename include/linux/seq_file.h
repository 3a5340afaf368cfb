/*
 * <linux/seq_file.h>: seq_printf and friends, the seq_open/single_open
 * iterators with seq_read/seq_lseek/seq_release, seq_list_*, seq_escape
 * (include/kelp/seq_file.h); and, as Linux's brings through <linux/fs.h>,
 * struct file with private_data and file_inode().
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/string_helpers.h>
#include <kelp/fs.h>
#include <kelp/seq_file.h>

#endif /* _LINUX_SEQ_FILE_H */
