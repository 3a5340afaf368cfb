/*
 * BearSSL's <string.h> in the kernel build: the kernel's memcpy, memmove,
 * memset and memcmp (kernel/lib/string.c). Only BearSSL's objects and
 * kernel/crypto/ have this folder on their include path.
 */
#ifndef KELP_CRYPTO_COMPAT_STRING_H
#define KELP_CRYPTO_COMPAT_STRING_H
#include <kelp/string.h>
#endif
