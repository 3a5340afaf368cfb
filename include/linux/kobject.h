/* <linux/kobject.h>: kobjects, ksets, kobj_attribute (include/kelp/kobject.h). */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H

#include <linux/types.h>
#include <kelp/kobject.h>
#include <linux/sysfs.h>

#endif /* _LINUX_KOBJECT_H */
