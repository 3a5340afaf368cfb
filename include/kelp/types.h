/*
 * Basic types for Kelp. Only the compiler's freestanding headers are used
 * (stdint/stddef/stdbool/stdarg), so every header that includes this one
 * also compiles on the host for unit tests and fuzz targets.
 */
#ifndef KELP_TYPES_H
#define KELP_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;

typedef u64 phys_addr_t;

#ifndef __KELP_HOST__
typedef long ssize_t;
#endif

#endif /* KELP_TYPES_H */
