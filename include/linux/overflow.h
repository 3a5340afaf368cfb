/*
 * <linux/overflow.h> for modules written against Linux's API: the
 * overflow-checked arithmetic (check_{add,sub,mul}_overflow, on the
 * compiler's builtins) and the saturating size helpers (size_mul,
 * size_add, size_sub, array_size, array3_size, struct_size, flex_array_size)
 * whose SIZE_MAX on overflow makes kmalloc fail instead of allocating too
 * little. <linux/slab.h> includes it, as Linux's does.
 */
#ifndef _LINUX_OVERFLOW_H
#define _LINUX_OVERFLOW_H

#include <linux/types.h>

#ifndef __must_check
#define __must_check __attribute__((__warn_unused_result__))
#endif

#ifndef SIZE_MAX
#define SIZE_MAX (~(size_t)0)
#endif

/* true if a op b does not fit *d (which then holds the wrapped result). */
#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

/* a * b, or SIZE_MAX when it overflows. */
static inline size_t __must_check size_mul(size_t a, size_t b)
{
	size_t r;

	return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

/* a + b, or SIZE_MAX when it overflows. */
static inline size_t __must_check size_add(size_t a, size_t b)
{
	size_t r;

	return __builtin_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

/* a - b, or SIZE_MAX when it underflows or either is SIZE_MAX already. */
static inline size_t __must_check size_sub(size_t a, size_t b)
{
	size_t r;

	if (a == SIZE_MAX || b == SIZE_MAX || __builtin_sub_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

#define array_size(a, b) size_mul(a, b)
#define array3_size(a, b, c) size_mul(size_mul(a, b), c)
/* The bytes of count elements of p's flexible array member. */
#define flex_array_size(p, member, count) size_mul(count, sizeof(*(p)->member))
/* The bytes of *p with count elements in its flexible array member. */
#define struct_size(p, member, count) size_add(sizeof(*(p)), flex_array_size(p, member, count))
/* The same for a type rather than a pointer. */
#define struct_size_t(type, member, count) struct_size((type *)NULL, member, count)

#endif /* _LINUX_OVERFLOW_H */
