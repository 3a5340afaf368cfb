/*
 * <linux/slab.h>: kmalloc, kzalloc, kcalloc, krealloc, kfree, kstrdup,
 * kmemdup (include/kelp/mm.h) and the GFP flags (<linux/gfp.h>). The kv*
 * variants are kmalloc's: Kelp's kmalloc takes large sizes from whole
 * pages already, so there is no separate vmalloc fallback to choose.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <kelp/mm.h>

#define kmalloc_array(n, size, flags) kcalloc(n, size, flags)
#define kvmalloc(size, flags) kmalloc(size, flags)
#define kvzalloc(size, flags) kzalloc(size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)
#define kvmalloc_array(n, size, flags) kcalloc(n, size, flags)

#endif /* _LINUX_SLAB_H */
