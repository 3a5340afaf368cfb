/*
 * <linux/math64.h>: Linux's 64-bit division helpers (div_u64,
 * div_u64_rem, div64_u64, div64_u64_rem, div_s64, div_s64_rem,
 * div64_s64). On x86-64 a 64-bit divide is one instruction, so each is a
 * plain C division, inline, any context; as in Linux, a zero divisor is
 * the caller's bug. <linux/ktime.h> includes it, as Linux's does.
 */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H

#include <linux/types.h>

/* Returns dividend / divisor and stores the remainder in *remainder. */
static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

/* Returns dividend / divisor and stores the remainder in *remainder. */
static inline s64 div_s64_rem(s64 dividend, s32 divisor, s32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

/* Returns dividend / divisor and stores the remainder in *remainder. */
static inline u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

/* Returns dividend / divisor. */
static inline u64 div_u64(u64 dividend, u32 divisor) { return dividend / divisor; }
static inline s64 div_s64(s64 dividend, s32 divisor) { return dividend / divisor; }
static inline u64 div64_u64(u64 dividend, u64 divisor) { return dividend / divisor; }
static inline s64 div64_s64(s64 dividend, s64 divisor) { return dividend / divisor; }

#endif /* _LINUX_MATH64_H */
