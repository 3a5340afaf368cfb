/* <linux/errno.h>: errno values (include/kelp/errno.h). */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#include <linux/types.h>
#include <kelp/errno.h>

#endif /* _LINUX_ERRNO_H */
