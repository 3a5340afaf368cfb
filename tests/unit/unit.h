/*
 * Shared prelude of the host unit tests and fuzz targets, which compile the
 * kernel sources they test straight in (#include "../../kernel/lib/x.c").
 * Include it first: it pulls in the host headers (and cmocka, unless
 * KELP_NO_CMOCKA), keeps host_*() handles on the C library functions the
 * tests compare against, then renames every kernel function that shares a
 * libc name, so the kernel copies neither replace libc nor ASan's interceptors.
 */
#ifndef KELP_TEST_UNIT_H
#define KELP_TEST_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/types.h>

#ifndef KELP_NO_CMOCKA
#include <cmocka.h>
#endif

#define UNIT_UNUSED __attribute__((unused))

/* The C library's versions, reachable under these names after the renames. */
static UNIT_UNUSED __attribute__((format(printf, 3, 0)))
int host_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

static UNIT_UNUSED __attribute__((format(printf, 3, 4)))
int host_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static UNIT_UNUSED const char *host_strerror(int err)
{
	return strerror(err);
}

static UNIT_UNUSED int host_memcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

static UNIT_UNUSED int host_strcmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

static UNIT_UNUSED size_t host_strlen(const char *s)
{
	return strlen(s);
}

/* Reads a whole file (a built .ko) into an 8-byte aligned buffer; NULL on error. */
static UNIT_UNUSED void *unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = aligned_alloc(8, (n + 7) & ~7L);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* From here on these names mean the kernel's code. */
/* <kelp/uapi.h> structures the host headers also define */
#define timespec	kelp_timespec
#define memcpy		kelp_memcpy
#define memmove		kelp_memmove
#define memset		kelp_memset
#define memcmp		kelp_memcmp
#define memchr		kelp_memchr
#define strlen		kelp_strlen
#define strnlen		kelp_strnlen
#define strcmp		kelp_strcmp
#define strncmp		kelp_strncmp
#define strchr		kelp_strchr
#define strrchr		kelp_strrchr
#define strstr		kelp_strstr
#define strlcpy		kelp_strlcpy
#define strlcat		kelp_strlcat
#define vsnprintf	kelp_vsnprintf
#define snprintf	kelp_snprintf
#define vscnprintf	kelp_vscnprintf
#define scnprintf	kelp_scnprintf
#define strerror	kelp_strerror

/* Sign of a comparison result: memcmp and friends only promise the sign. */
#define SIGN(x) (((x) > 0) - ((x) < 0))

#endif /* KELP_TEST_UNIT_H */
