/*
 * <linux/version.h>: LINUX_VERSION_CODE and KERNEL_VERSION(), for modules
 * that pick an API by kernel version. Kelp answers 6.12.0: its module API
 * is Linux's of that release (docs/linux-compat.md), and the newer names
 * it also has (secs_to_jiffies, timer_delete, kmalloc_obj ...) are there
 * whatever a module's #if chooses.
 */
#ifndef _LINUX_VERSION_H
#define _LINUX_VERSION_H

#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 12
#define LINUX_VERSION_SUBLEVEL 0
#define LINUX_VERSION_CODE KERNEL_VERSION(LINUX_VERSION_MAJOR, \
	LINUX_VERSION_PATCHLEVEL, LINUX_VERSION_SUBLEVEL)

#endif /* _LINUX_VERSION_H */
