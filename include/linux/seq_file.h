/* <linux/seq_file.h>: seq_printf and friends (include/kelp/seq_file.h). */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <kelp/seq_file.h>

#endif /* _LINUX_SEQ_FILE_H */
