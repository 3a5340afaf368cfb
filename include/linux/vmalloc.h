/*
 * <linux/vmalloc.h>: vmalloc, vzalloc, vmalloc_array, vcalloc and vfree.
 * Kelp has one allocator, and kmalloc takes any size (whole pages for big
 * ones, include/kelp/mm.h), so these are kmalloc's under Linux's names, as
 * the kv* variants of <linux/slab.h> are. Task context (they may sleep).
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/slab.h>

#define vmalloc(size) kmalloc(size, GFP_KERNEL)
#define vzalloc(size) kzalloc(size, GFP_KERNEL)
#define vmalloc_array(n, size) kmalloc_array(n, size, GFP_KERNEL)
#define vcalloc(n, size) kcalloc(n, size, GFP_KERNEL)
#define vfree(p) kfree(p)

#endif /* _LINUX_VMALLOC_H */
