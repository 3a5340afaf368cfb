/*
 * The rest of Linux's lib/string.c API for modules written for Linux:
 * copying and concatenation without bounds (strcpy, strcat), the
 * case-insensitive compares, span and token helpers, sysfs_streq and
 * match_string, and the old simple_strto* parsers. Kernel only: user
 * programs have their C library's. Same names, arguments and results as
 * Linux's; the bounded strscpy is Linux's sized_strscpy.
 */
#include <kelp/string.h>
#include <kelp/kstrto.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/uaccess.h>

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

static bool is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* See Linux. Returns dst. */
char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}
EXPORT_SYMBOL(strcpy);

/* See Linux: copies at most n bytes and pads with NULs (no NUL if src is long). */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}
EXPORT_SYMBOL(strncpy);

/* See Linux. Returns dst. */
char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}
EXPORT_SYMBOL(strcat);

/* See Linux: appends at most n bytes of src, then a NUL. */
char *strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);

	while (n-- && *src)
		*d++ = *src++;
	*d = '\0';
	return dst;
}
EXPORT_SYMBOL(strncat);

/*
 * Linux's strscpy: copies src into dst (size bytes), always terminated.
 * Returns the length copied, or -E2BIG if src did not fit (truncated).
 */
long sized_strscpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (!size)
		return -E2BIG;
	n = strnlen(src, size);
	if (n == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}
EXPORT_SYMBOL(sized_strscpy);

/* See Linux. <0, 0 or >0 ignoring ASCII case. */
int strcasecmp(const char *a, const char *b)
{
	int c1, c2;

	do {
		c1 = lower((unsigned char)*a++);
		c2 = lower((unsigned char)*b++);
	} while (c1 == c2 && c1);
	return c1 - c2;
}
EXPORT_SYMBOL(strcasecmp);

/* See strcasecmp; at most n characters. */
int strncasecmp(const char *a, const char *b, size_t n)
{
	int c1 = 0, c2 = 0;

	while (n--) {
		c1 = lower((unsigned char)*a++);
		c2 = lower((unsigned char)*b++);
		if (c1 != c2 || !c1)
			break;
	}
	return c1 - c2;
}
EXPORT_SYMBOL(strncasecmp);

/* See Linux: the first c in s, or the terminating NUL. */
char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}
EXPORT_SYMBOL(strchrnul);

/* See Linux: strchr within the first n bytes; NULL if none. */
char *strnchr(const char *s, size_t n, int c)
{
	for (; n-- && *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return NULL;
}
EXPORT_SYMBOL(strnchr);

/* See Linux: the length of s's prefix made of characters of accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}
EXPORT_SYMBOL(strspn);

/* See Linux: the length of s's prefix made of characters not in reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}
EXPORT_SYMBOL(strcspn);

/* See Linux: the first character of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}
EXPORT_SYMBOL(strpbrk);

/* See Linux: cuts the next token off *sp at a delimiter (NUL written there). */
char *strsep(char **sp, const char *delim)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = strpbrk(s, delim);
	if (end)
		*end++ = '\0';
	*sp = end;
	return s;
}
EXPORT_SYMBOL(strsep);

/* See Linux: strstr within the first len bytes of s. */
char *strnstr(const char *s, const char *find, size_t len)
{
	size_t n = strlen(find);

	if (!n)
		return (char *)s;
	for (; len >= n && *s; s++, len--)
		if (!memcmp(s, find, n))
			return (char *)s;
	return NULL;
}
EXPORT_SYMBOL(strnstr);

/* See Linux: s after its leading white space. */
char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return (char *)s;
}
EXPORT_SYMBOL(skip_spaces);

/* See Linux: cuts trailing white space off s; returns s after its leading white space. */
char *strim(char *s)
{
	size_t n = strlen(s);

	while (n && is_space(s[n - 1]))
		s[--n] = '\0';
	return skip_spaces(s);
}
EXPORT_SYMBOL(strim);

/* See Linux: every old in s becomes new; returns the end of s. */
char *strreplace(char *s, char old, char new)
{
	for (; *s; s++)
		if (*s == old)
			*s = new;
	return s;
}
EXPORT_SYMBOL(strreplace);

/* See Linux: equal, where a newline ending either string does not count (sysfs input). */
bool sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	if (*a == *b)
		return true;
	if (!*a && *b == '\n' && !b[1])
		return true;
	return *a == '\n' && !a[1] && !*b;
}
EXPORT_SYMBOL(sysfs_streq);

/* See Linux: the index of s in array (n entries, or up to a NULL), or -EINVAL. */
int match_string(const char *const *array, size_t n, const char *s)
{
	for (size_t i = 0; i < n && array[i]; i++)
		if (!strcmp(array[i], s))
			return i;
	return -EINVAL;
}
EXPORT_SYMBOL(match_string);

/* See match_string, comparing with sysfs_streq. */
int __sysfs_match_string(const char *const *array, size_t n, const char *s)
{
	for (size_t i = 0; i < n && array[i]; i++)
		if (sysfs_streq(array[i], s))
			return i;
	return -EINVAL;
}
EXPORT_SYMBOL(__sysfs_match_string);

/* See Linux: the first byte of s (n bytes) that is not c, or NULL. */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n--; p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}
EXPORT_SYMBOL(memchr_inv);

/* See Linux: the first c in s (n bytes), or s + n. */
void *memscan(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n && *p != (unsigned char)c) {
		p++;
		n--;
	}
	return p;
}
EXPORT_SYMBOL(memscan);

/* See Linux: 0 if equal (any other value otherwise). */
int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}
EXPORT_SYMBOL(bcmp);

/*
 * Linux's deprecated simple_strto*: parse a number in base (0: by its
 * prefix) as far as it goes, *endp after it. No error reporting (that is
 * why kstrto* replaced them).
 */
unsigned long long simple_strtoull(const char *s, char **endp, unsigned int base)
{
	unsigned long long v = 0;

	if (!base) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if (lower(s[1]) == 'x' &&
			    ((s[2] >= '0' && s[2] <= '9') || (lower(s[2]) >= 'a' && lower(s[2]) <= 'f')))
				base = 16;
		}
	}
	if (base == 16 && s[0] == '0' && lower(s[1]) == 'x')
		s += 2;
	for (;; s++) {
		int c = lower((unsigned char)*s), d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'z')
			d = c - 'a' + 10;
		else
			break;
		if (d >= (int)base)
			break;
		v = v * base + d;
	}
	if (endp)
		*endp = (char *)s;
	return v;
}
EXPORT_SYMBOL(simple_strtoull);

/* See simple_strtoull. */
unsigned long simple_strtoul(const char *s, char **endp, unsigned int base)
{
	return simple_strtoull(s, endp, base);
}
EXPORT_SYMBOL(simple_strtoul);

/* See simple_strtoull; a leading '-' negates. */
long long simple_strtoll(const char *s, char **endp, unsigned int base)
{
	if (*s == '-')
		return -(long long)simple_strtoull(s + 1, endp, base);
	return simple_strtoull(s, endp, base);
}
EXPORT_SYMBOL(simple_strtoll);

/* See simple_strtoll. */
long simple_strtol(const char *s, char **endp, unsigned int base)
{
	return simple_strtoll(s, endp, base);
}
EXPORT_SYMBOL(simple_strtol);

/* Linux's out-of-line names behind its inline kstrtoul/kstrtol. */
int _kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	return kstrtoul(s, base, res);
}
EXPORT_SYMBOL(_kstrtoul);

/* See _kstrtoul. */
int _kstrtol(const char *s, unsigned int base, long *res)
{
	return kstrtol(s, base, res);
}
EXPORT_SYMBOL(_kstrtol);

/* See string.h. Linux's memset16/32/64: fill with a word value. */
u16 *memset16(u16 *s, u16 v, size_t count)
{
	for (size_t i = 0; i < count; i++)
		s[i] = v;
	return s;
}
EXPORT_SYMBOL(memset16);

u32 *memset32(u32 *s, u32 v, size_t count)
{
	for (size_t i = 0; i < count; i++)
		s[i] = v;
	return s;
}
EXPORT_SYMBOL(memset32);

u64 *memset64(u64 *s, u64 v, size_t count)
{
	for (size_t i = 0; i < count; i++)
		s[i] = v;
	return s;
}
EXPORT_SYMBOL(memset64);

/*
 * Linux's kstrtoX_from_user(): copies at most what the longest number in
 * base 2 needs (sign, digits, newline) from user space, terminates it and
 * parses it with kstrtoX. -EFAULT for a bad pointer, else kstrtoX's result.
 * Task context (the copy may fault).
 */
#define KSTRTO_FROM_USER(name, type)						\
int name##_from_user(const char __user *s, size_t count, unsigned int base, type *res) \
{										\
	char buf[1 + sizeof(unsigned long long) * 8 + 1 + 1];			\
										\
	if (count > sizeof(buf) - 1)						\
		count = sizeof(buf) - 1;					\
	if (copy_from_user(buf, s, count))					\
		return -EFAULT;							\
	buf[count] = '\0';							\
	return name(buf, base, res);						\
}										\
EXPORT_SYMBOL(name##_from_user)

KSTRTO_FROM_USER(kstrtoull, unsigned long long);
KSTRTO_FROM_USER(kstrtoll, long long);
KSTRTO_FROM_USER(kstrtoul, unsigned long);
KSTRTO_FROM_USER(kstrtol, long);
KSTRTO_FROM_USER(kstrtouint, unsigned int);
KSTRTO_FROM_USER(kstrtoint, int);
KSTRTO_FROM_USER(kstrtou16, u16);
KSTRTO_FROM_USER(kstrtos16, s16);
KSTRTO_FROM_USER(kstrtou8, u8);
KSTRTO_FROM_USER(kstrtos8, s8);

/* Linux's kstrtobool_from_user(): kstrtobool on the first bytes (it reads two). */
int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
	char buf[4];

	if (count > sizeof(buf) - 1)
		count = sizeof(buf) - 1;
	if (copy_from_user(buf, s, count))
		return -EFAULT;
	buf[count] = '\0';
	return kstrtobool(buf, res);
}
EXPORT_SYMBOL(kstrtobool_from_user);
