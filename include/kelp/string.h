/*
 * Freestanding string and memory functions (kernel/lib/string.c) and the
 * formatted-output family (kernel/lib/vsprintf.c). Same names and meanings
 * as the C library, so code reads as in any C project.
 */
#ifndef KELP_STRING_H
#define KELP_STRING_H

#include <kelp/types.h>
#include <kelp/compiler.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Appends with the same rule as strlcpy; returns the length it tried to make. */
size_t strlcat(char *dst, const char *src, size_t size);

/*
 * vsnprintf: C99 semantics (returns the length the full output would have;
 * writes at most size bytes, always NUL-terminated when size > 0).
 * Conversions: %d %i %u %x %X %o %c %s %p %% with flags '-', '0', ' ', '+',
 * '#', a width and precision (also '*'), length modifiers hh h l ll z t j.
 * Kernel extensions: %pS / %ps print a code address as name+0x1c/0x80
 * (or name alone for %ps) through kallsyms_snprint_symbol().
 * NULL %s prints "(null)".
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* scnprintf: like snprintf but returns what was actually written (< size). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* sprintf: no bound (Linux's); for sysfs show functions' PAGE_SIZE page. */
int vsprintf(char *buf, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);

#endif /* KELP_STRING_H */
