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
#include <linux/limits.h>
#include <linux/bug.h>
#include <kelp/trace.h>	/* tracing_on, trace_printk, trace_dump_stack, ftrace_dump */

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
