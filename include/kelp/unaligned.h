/*
 * Loads of little-endian fields at any alignment (Linux's
 * get_unaligned_le16/32/64), for parsers of structures laid out by
 * firmware or boot loaders: a memcpy the compiler turns into one load,
 * with no alignment assumption for the sanitizers to trip on.
 */
#ifndef KELP_UNALIGNED_H
#define KELP_UNALIGNED_H

#include <kelp/types.h>

static inline u16 get_unaligned_le16(const void *p)
{
	u16 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u32 get_unaligned_le32(const void *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u64 get_unaligned_le64(const void *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

#endif /* KELP_UNALIGNED_H */
