/*
 * <linux/slab.h>: kmalloc, kzalloc, kcalloc, krealloc, kfree, kstrdup,
 * kmemdup (include/kelp/mm.h) and the GFP flags (<linux/gfp.h>). The kv*
 * variants are kmalloc's: Kelp's kmalloc takes large sizes from whole
 * pages already, so there is no separate vmalloc fallback to choose.
 * Also Linux 7.0's typed allocators, kmalloc_obj() and family.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <kelp/mm.h>

#define kmalloc_array(n, size, flags) kcalloc(n, size, flags)
#define kvmalloc(size, flags) kmalloc(size, flags)
#define kvzalloc(size, flags) kzalloc(size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)
#define kvmalloc_array(n, size, flags) kcalloc(n, size, flags)

/*
 * kmalloc_obj(VAR_OR_TYPE[, gfp]) allocates one object of that type (a
 * variable's, e.g. *p, or a type's) and returns a pointer of that type;
 * kmalloc_objs(VAR_OR_TYPE, COUNT[, gfp]) COUNT of them;
 * kmalloc_flex(VAR_OR_TYPE, FAM, COUNT[, gfp]) one with COUNT elements in
 * its flexible array member FAM. gfp defaults to GFP_KERNEL. An
 * overflowing size saturates to SIZE_MAX, which kmalloc refuses (NULL).
 * Linux's flex variant also sets a __counted_by counter; Kelp's headers
 * have no __counted_by, so there is none to set.
 */
#define __kelp_gfp_or_default(...) __kelp_gfp_pick(0, ##__VA_ARGS__, GFP_KERNEL)
#define __kelp_gfp_pick(zero, gfp, ...) (gfp)
#define __kelp_alloc_objs(alloc, gfp, type, count) \
	((type *)alloc(size_mul(sizeof(type), (count)), gfp))
#define __kelp_alloc_flex(alloc, gfp, type, fam, count) \
	((type *)alloc(struct_size_t(type, fam, count), gfp))

#define kmalloc_obj(v, ...) __kelp_alloc_objs(kmalloc, __kelp_gfp_or_default(__VA_ARGS__), typeof(v), 1)
#define kmalloc_objs(v, n, ...) __kelp_alloc_objs(kmalloc, __kelp_gfp_or_default(__VA_ARGS__), typeof(v), n)
#define kmalloc_flex(v, fam, n, ...) \
	__kelp_alloc_flex(kmalloc, __kelp_gfp_or_default(__VA_ARGS__), typeof(v), fam, n)
#define kzalloc_obj(v, ...) __kelp_alloc_objs(kzalloc, __kelp_gfp_or_default(__VA_ARGS__), typeof(v), 1)
#define kzalloc_objs(v, n, ...) __kelp_alloc_objs(kzalloc, __kelp_gfp_or_default(__VA_ARGS__), typeof(v), n)
#define kzalloc_flex(v, fam, n, ...) \
	__kelp_alloc_flex(kzalloc, __kelp_gfp_or_default(__VA_ARGS__), typeof(v), fam, n)
#define kvmalloc_obj kmalloc_obj
#define kvmalloc_objs kmalloc_objs
#define kvmalloc_flex kmalloc_flex
#define kvzalloc_obj kzalloc_obj
#define kvzalloc_objs kzalloc_objs
#define kvzalloc_flex kzalloc_flex

#endif /* _LINUX_SLAB_H */
