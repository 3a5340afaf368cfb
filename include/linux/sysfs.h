/* <linux/sysfs.h>: attributes, groups, sysfs_emit (include/kelp/kobject.h). */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H

#include <linux/types.h>
#include <kelp/kobject.h>

#endif /* _LINUX_SYSFS_H */
