/* <linux/uaccess.h>: copy_from_user, copy_to_user (include/kelp/uaccess.h). */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <kelp/uaccess.h>

#endif /* _LINUX_UACCESS_H */
