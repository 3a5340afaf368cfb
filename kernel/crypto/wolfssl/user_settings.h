/*
 * wolfSSL's configuration (WOLFSSL_USER_SETTINGS) for the one part of it
 * Kelp uses: the RSA-2048 public-key operation of its single-precision
 * math with the x86-64 assembly (sp_RsaPublic_2048 in sp_x86_64.c and
 * sp_x86_64_asm.S), docs/signing.md: Cost. Nothing else of wolfSSL is
 * built: no allocation, no randomness, no other algorithm or key size.
 * Only preprocessor lines: the assembly file includes this header too.
 */
#ifndef KELP_WOLFSSL_USER_SETTINGS_H
#define KELP_WOLFSSL_USER_SETTINGS_H

/* the crypto library alone, no TLS, no OS */
#define WOLFCRYPT_ONLY
#define SINGLE_THREADED
#define NO_FILESYSTEM
#define NO_STDIO_FILESYSTEM
#define NO_WRITEV
#define NO_DEV_RANDOM
#define NO_MAIN_DRIVER
#define NO_CRYPT_BENCHMARK
#define NO_ERROR_STRINGS
#define NO_ASN_TIME
#define WOLFSSL_NO_SOCK
#define WOLFSSL_USER_IO
#define CTYPE_USER
#define XTOLOWER(c) (c)

/* no heap: every buffer of the public-key operation is on the stack */
#define NO_WOLFSSL_MEMORY
#define WOLFSSL_NO_MALLOC
#define WOLFSSL_SP_NO_MALLOC
#define XMALLOC_OVERRIDE
#define XMALLOC(s, h, t) ((void)(h), (void)(t), (void *)0)
#define XFREE(p, h, t) do { (void)(h); (void)(t); } while (0)
#define XREALLOC(p, n, h, t) ((void *)0)

/* no algorithm but RSA; no randomness (nothing here signs) */
#define NO_DH
#define NO_DSA
#define NO_ECC
#define NO_MD5
#define NO_SHA
#define NO_HMAC
#define NO_AES
#define NO_DES3
#define NO_RC4
#define NO_PSK
#define NO_PWDBASED
#define NO_RNG
#define WC_NO_RNG
#define NO_SIG_WRAPPER
#define NO_CODING

/*
 * Single-precision math only (no generic big integers beyond sp_int's
 * loading of a key), RSA public operations, 2048 bits, x86-64 assembly
 * with general registers only: no MOVBE/BMI2/ADX detection (cpuid), no
 * AVX2, and no cache-resistant table lookups (their SSE copies would touch
 * vector registers the kernel does not save; a public operation has no
 * secret to protect).
 */
#define WOLFSSL_SP_MATH
#define SP_WORD_SIZE 64
#define WOLFSSL_HAVE_SP_RSA
#define WOLFSSL_RSA_PUBLIC_ONLY
#define WOLFSSL_RSA_VERIFY_ONLY
#define WOLFSSL_SP_NO_3072
#define WOLFSSL_SP_NO_256
#define WOLFSSL_SP_X86_64
#define WOLFSSL_SP_X86_64_ASM
#define NO_MOVBE_SUPPORT
#define NO_AVX2_SUPPORT
#define WC_NO_CACHE_RESISTANT

#endif
