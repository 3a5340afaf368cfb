/*
 * <linux/kernel.h>: the usual grab bag (printk, container_of, ARRAY_SIZE,
 * min/max, kstrto*, snprintf), mapped onto Kelp's headers.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/panic.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/init.h>

#ifndef __KELP_HOST__
typedef s64 loff_t;
#endif

#define U8_MAX ((u8)~0U)
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)
#define LONG_MAX ((long)(~0UL >> 1))
#define ULONG_MAX (~0UL)

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#endif /* _LINUX_KERNEL_H */
