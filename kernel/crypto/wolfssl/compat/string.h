/*
 * wolfSSL's <string.h> in the kernel build: the kernel's memcpy, memmove,
 * memset, memcmp and strlen (kernel/lib/string.c), declared without the
 * rest of <kelp/string.h>, whose min()/max() macros would collide with
 * wolfSSL's functions of those names. Only wolfSSL's objects and
 * kernel/crypto/rsa_sp.c have this folder on their include path.
 */
#ifndef KELP_WOLFSSL_COMPAT_STRING_H
#define KELP_WOLFSSL_COMPAT_STRING_H
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#endif
