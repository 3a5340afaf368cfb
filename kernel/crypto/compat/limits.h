/*
 * BearSSL's <limits.h> in the kernel build: GCC's own reaches for the C
 * library's with #include_next, which -nostdinc leaves out. BearSSL uses
 * ULONG_MAX only (to tell 64-bit longs); wolfSSL's headers (its RSA-2048
 * assembly, kernel/crypto/rsa_sp.c) tell the sizes of all integer types.
 */
#ifndef KELP_CRYPTO_COMPAT_LIMITS_H
#define KELP_CRYPTO_COMPAT_LIMITS_H
#define CHAR_BIT __CHAR_BIT__
#define UCHAR_MAX (__SCHAR_MAX__ * 2 + 1)
#define USHRT_MAX (__SHRT_MAX__ * 2 + 1)
#define INT_MAX __INT_MAX__
#define UINT_MAX (__INT_MAX__ * 2U + 1U)
#define LONG_MAX __LONG_MAX__
#define ULONG_MAX (__LONG_MAX__ * 2UL + 1UL)
#define ULLONG_MAX (__LONG_LONG_MAX__ * 2ULL + 1ULL)
#endif
