/*
 * BearSSL's <limits.h> in the kernel build: GCC's own reaches for the C
 * library's with #include_next, which -nostdinc leaves out. BearSSL uses
 * ULONG_MAX only (to tell 64-bit longs).
 */
#ifndef KELP_CRYPTO_COMPAT_LIMITS_H
#define KELP_CRYPTO_COMPAT_LIMITS_H
#define CHAR_BIT __CHAR_BIT__
#define INT_MAX __INT_MAX__
#define UINT_MAX (__INT_MAX__ * 2U + 1U)
#define LONG_MAX __LONG_MAX__
#define ULONG_MAX (__LONG_MAX__ * 2UL + 1UL)
#endif
