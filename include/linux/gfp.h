/*
 * <linux/gfp.h>: allocation flags. Kelp's allocator (kernel/mm/kmalloc.c)
 * never sleeps to reclaim, so GFP_KERNEL and GFP_ATOMIC differ only in
 * that fault injection (kmalloc_fail_nth) skips GFP_ATOMIC; GFP_NOWAIT and
 * the other "must not sleep" variants are GFP_ATOMIC's value for that reason.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <kelp/mm.h>

#define GFP_NOWAIT GFP_ATOMIC
#define GFP_NOIO GFP_KERNEL
#define GFP_NOFS GFP_KERNEL
#define GFP_USER GFP_KERNEL
#define GFP_HIGHUSER GFP_KERNEL
#define GFP_DMA 0x0u
#define __GFP_NOWARN 0x0u
#define __GFP_NORETRY 0x0u
#define __GFP_RETRY_MAYFAIL 0x0u
#define __GFP_NOFAIL 0x0u
#define __GFP_ACCOUNT 0x0u

#endif /* _LINUX_GFP_H */
