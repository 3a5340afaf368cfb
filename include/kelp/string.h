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
/*
 * The rest of Linux's lib/string.c (kernel/lib/string_linux.c; kernel
 * only): same names, arguments and results as Linux's.
 */
#ifndef __KELP_USER__
#ifndef __KELP_HOST__
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strsep(char **sp, const char *delim);
int bcmp(const void *a, const void *b, size_t n);
#endif
long sized_strscpy(char *dst, const char *src, size_t size);
/* strscpy(dst, src) copies into the array dst; strscpy(dst, src, size) as told. */
#define __kelp_strscpy2(d, s) sized_strscpy(d, s, sizeof(d))
#define __kelp_strscpy3(d, s, n) sized_strscpy(d, s, n)
#define __kelp_strscpy_pick(_1, _2, _3, name, ...) name
#define strscpy(...) __kelp_strscpy_pick(__VA_ARGS__, __kelp_strscpy3, __kelp_strscpy2, ~)(__VA_ARGS__)
char *strchrnul(const char *s, int c);
char *strnchr(const char *s, size_t n, int c);
char *strnstr(const char *s, const char *find, size_t len);
char *skip_spaces(const char *s);
char *strim(char *s);
char *strreplace(char *s, char old, char new);
bool sysfs_streq(const char *a, const char *b);
int match_string(const char *const *array, size_t n, const char *s);
int __sysfs_match_string(const char *const *array, size_t n, const char *s);
#define sysfs_match_string(a, s) __sysfs_match_string(a, ARRAY_SIZE(a), s)
void *memchr_inv(const void *s, int c, size_t n);
/* Fill count 16-, 32- or 64-bit words at s with v; return s. */
u16 *memset16(u16 *s, u16 v, size_t count);
u32 *memset32(u32 *s, u32 v, size_t count);
u64 *memset64(u64 *s, u64 v, size_t count);
void *memscan(void *s, int c, size_t n);
unsigned long long simple_strtoull(const char *s, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *s, char **endp, unsigned int base);
long long simple_strtoll(const char *s, char **endp, unsigned int base);
long simple_strtol(const char *s, char **endp, unsigned int base);
int _kstrtoul(const char *s, unsigned int base, unsigned long *res);
int _kstrtol(const char *s, unsigned int base, long *res);
#endif
#ifndef __KELP_HOST__
/*
 * sscanf/vsscanf with Linux's semantics and quirks (kernel/lib/vsscanf.c):
 * the number of conversions made. Any context. Host tests rename them.
 */
int vsscanf(const char *buf, const char *fmt, va_list args);
int sscanf(const char *buf, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
#endif
/* sprintf: no bound (Linux's); for sysfs show functions' PAGE_SIZE page. */
int vsprintf(char *buf, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);

#endif /* KELP_STRING_H */
