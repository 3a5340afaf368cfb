/*
 * Freestanding memory and string functions, as declared in <kelp/string.h>,
 * with the C library's meanings. The mem* functions are notrace: the compiler
 * emits calls to them by itself (struct copies, initialisers) from any code,
 * including the tracer, text_poke and the entry paths, so they must never
 * reach an ftrace hook. Forward copies move a machine word at a time once
 * the destination is aligned, reading the source unaligned if need be (x86
 * allows it): cpio data is only 4-byte aligned, and a byte loop made
 * unpacking the initramfs most of the boot. Backward copies do so when
 * both share their alignment; everything else goes byte by byte.
 */
#include <kelp/compiler.h>
#include <kelp/string.h>
#include <kelp/types.h>
#include <kelp/export.h>

/* A word the compiler may not assume to be unaliased with other types. */
typedef unsigned long __attribute__((may_alias)) word_t;

/* A word at any address: the compiler emits a plain (unaligned) load for it. */
struct unaligned_word {
	word_t v;
} __attribute__((packed, may_alias));

#define WORD_SIZE sizeof(word_t)
#define WORD_MASK (WORD_SIZE - 1)

/* True when a and b are both word-aligned once advanced by the same amount. */
static __always_inline notrace bool same_alignment(const void *a, const void *b)
{
	return (((uintptr_t)a ^ (uintptr_t)b) & WORD_MASK) == 0;
}

/* Ascending copy; also correct for overlapping buffers when dst < src. */
static __always_inline notrace void copy_forward(unsigned char *d,
						 const unsigned char *s,
						 size_t n)
{
	if (n >= 2 * WORD_SIZE) {
		for (; (uintptr_t)d & WORD_MASK; n--)
			*d++ = *s++;
		/* each word is read before it is written: safe for dst < src too */
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = ((const struct unaligned_word *)s)->v;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
}

/* Descending copy from the ends; correct for overlap when dst > src. */
static __always_inline notrace void copy_backward(unsigned char *d,
						  const unsigned char *s,
						  size_t n)
{
	d += n;
	s += n;
	if (n >= 2 * WORD_SIZE && same_alignment(d, s)) {
		for (; (uintptr_t)d & WORD_MASK; n--)
			*--d = *--s;
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

/* Copies n bytes; the buffers must not overlap. Returns dst. Any context. */
notrace void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}
EXPORT_SYMBOL(memcpy);

/* Copies n bytes between possibly overlapping buffers. Returns dst. Any context. */
notrace void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);	/* dst before src, or disjoint */
	else
		copy_backward(dst, src, n);	/* dst inside [src, src + n) */
	return dst;
}
EXPORT_SYMBOL(memmove);

/* Fills n bytes with (unsigned char)c. Returns dst. Any context. */
notrace void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char byte = (unsigned char)c;
	word_t fill = byte * (~0UL / 0xff);	/* byte repeated in every lane */

	if (n >= 2 * WORD_SIZE) {
		for (; (uintptr_t)d & WORD_MASK; n--)
			*d++ = byte;
		for (; n >= WORD_SIZE; n -= WORD_SIZE, d += WORD_SIZE)
			*(word_t *)d = fill;
	}
	while (n--)
		*d++ = byte;
	return dst;
}
EXPORT_SYMBOL(memset);

/*
 * Compares n bytes as unsigned char. Returns <0, 0 or >0 as the first
 * differing byte of a is below, equal to or above that of b. Any context.
 */
notrace int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
EXPORT_SYMBOL(memcmp);

/* Returns the first of the n bytes at s equal to (unsigned char)c, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
EXPORT_SYMBOL(memchr);

/* Returns the number of bytes before the terminating NUL. */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}
EXPORT_SYMBOL(strlen);

/* Returns strlen(s), but reads at most max bytes (and then returns max). */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
EXPORT_SYMBOL(strnlen);

/* Compares as unsigned char, like memcmp; returns <0, 0 or >0. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}
EXPORT_SYMBOL(strcmp);

/* strcmp() limited to the first n bytes; returns 0 when n is 0. */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++)
		if (*p != *q || !*p)
			return *p - *q;
	return 0;
}
EXPORT_SYMBOL(strncmp);

/*
 * Returns the first occurrence of (char)c in s, or NULL. The terminator is
 * part of the string: strchr(s, 0) points at it.
 */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
EXPORT_SYMBOL(strchr);

/* Returns the last occurrence of (char)c in s (the terminator for 0), or NULL. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}
EXPORT_SYMBOL(strrchr);

/*
 * Returns the first occurrence of needle in hay, hay itself for an empty
 * needle, or NULL. Quadratic in the worst case: inputs here are short.
 */
char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return (char *)hay;
	for (; *hay; hay++)
		if (*hay == *needle && !strncmp(hay, needle, n))
			return (char *)hay;
	return NULL;
}
EXPORT_SYMBOL(strstr);

/*
 * Copies src into dst (size bytes) and NUL-terminates unless size is 0.
 * Returns strlen(src): truncation happened iff the result is >= size.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
EXPORT_SYMBOL(strlcpy);

/*
 * Appends src to the string in dst (a buffer of size bytes), truncating and
 * terminating as strlcpy() does. Returns the length it tried to create,
 * strnlen(dst, size) + strlen(src); >= size means truncation. A dst with no
 * NUL in its first size bytes is left untouched.
 */
size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}
EXPORT_SYMBOL(strlcat);
