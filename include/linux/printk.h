/*
 * <linux/printk.h>: printk and pr_* with the module's pr_fmt. Define
 * pr_fmt before the first include, as in Linux:
 *   #define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/types.h>
#include <kelp/printk.h>

#define pr_warning pr_warn
#define no_printk(fmt, ...) ({ if (0) printk(fmt, ##__VA_ARGS__); 0; })

#endif /* _LINUX_PRINTK_H */
