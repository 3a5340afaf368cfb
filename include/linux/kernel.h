/*
 * <linux/kernel.h>: the usual grab bag (printk, container_of, ARRAY_SIZE,
 * min/max, kstrto*, snprintf/sprintf, the integer limits), mapped onto
 * Kelp's headers.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/linkage.h>
#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/panic.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/init.h>

#define U8_MAX ((u8)~0U)
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)
#define LONG_MAX ((long)(~0UL >> 1))
#define LONG_MIN (-LONG_MAX - 1)
#define U8_MIN 0
#define S8_MAX ((s8)(U8_MAX >> 1))
#define S8_MIN ((s8)(-S8_MAX - 1))
#define S16_MAX ((s16)(U16_MAX >> 1))
#define S16_MIN ((s16)(-S16_MAX - 1))
#define S32_MAX ((s32)(U32_MAX >> 1))
#define S32_MIN ((s32)(-S32_MAX - 1))
#define S64_MAX ((s64)(U64_MAX >> 1))
#define S64_MIN ((s64)(-S64_MAX - 1))
#define USHRT_MAX ((unsigned short)~0U)
#define SHRT_MAX ((short)(USHRT_MAX >> 1))
#define SHRT_MIN ((short)(-SHRT_MAX - 1))
#define ULLONG_MAX (~0ULL)
#define LLONG_MAX ((long long)(ULLONG_MAX >> 1))
#define LLONG_MIN (-LLONG_MAX - 1)
#define ULONG_MAX (~0UL)

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#ifndef min_t
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))
#endif
#ifndef clamp
#define clamp(v, lo, hi) min(max(v, lo), hi)
#endif
#define clamp_t(type, v, lo, hi) clamp((type)(v), (type)(lo), (type)(hi))
#define round_up(x, y) ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y) ((x) & ~((__typeof__(x))((y) - 1)))
#ifndef __stringify_1
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)
#endif

#endif /* _LINUX_KERNEL_H */
