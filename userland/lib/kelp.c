/*
 * Kelp's user-space helpers on top of musl (include: userland/include/kelp.h):
 * the kelp_spawn and module system call wrappers, write_all, whole-string
 * number parsing, a glob matcher and ls's mode string. Each is small and sits in its own
 * section, so --gc-sections drops what a program does not call.
 */
#include <kelp.h>
#include <ctype.h>
#include <limits.h>

/* See kelp.h. */
int spawn(const char *path, char *const argv[], char *const envp[])
{
	fflush(NULL);	/* what the parent buffered comes before the child's output */
	return syscall(__NR_kelp_spawn, path, argv, envp);
}

/* See kelp.h. */
int init_module(const void *image, unsigned long len, const char *args)
{
	return syscall(SYS_init_module, image, len, args);
}

/* See kelp.h. */
int finit_module(int fd, const char *args, int flags)
{
	return syscall(SYS_finit_module, fd, args, flags);
}

/* See kelp.h. */
int delete_module(const char *name, unsigned int flags)
{
	return syscall(SYS_delete_module, name, flags);
}

/* See kelp.h. */
int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

/*
 * The common part of the parse_* functions: digits only (an optional '+',
 * or '-' when sign is allowed), then at most one '\n'. 0, -EINVAL, -ERANGE.
 */
static int parse_ull(const char *s, unsigned int base, bool sign, unsigned long long *res,
		     bool *neg)
{
	char *end;

	*neg = false;
	if (*s == '-' && sign) {
		*neg = true;
		s++;
	} else if (*s == '+') {
		s++;
	}
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;	/* strtoull would take blanks and a second sign */
	errno = 0;
	*res = strtoull(s, &end, base);
	if (end == s || (*end && !(end[0] == '\n' && !end[1])))
		return -EINVAL;
	return errno == ERANGE ? -ERANGE : 0;
}

/* See kelp.h. */
int parse_ulong(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	bool neg;
	int err = parse_ull(s, base, false, &v, &neg);

	if (!err && v > ULONG_MAX)
		err = -ERANGE;
	if (!err)
		*res = v;
	return err;
}

/* See kelp.h. */
int parse_uint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	bool neg;
	int err = parse_ull(s, base, false, &v, &neg);

	if (!err && v > UINT_MAX)
		err = -ERANGE;
	if (!err)
		*res = v;
	return err;
}

/* See kelp.h. */
int parse_int(const char *s, unsigned int base, int *res)
{
	unsigned long long v;
	bool neg;
	int err = parse_ull(s, base, true, &v, &neg);

	if (!err && v > (neg ? (unsigned long long)INT_MAX + 1 : (unsigned long long)INT_MAX))
		err = -ERANGE;
	if (!err)
		*res = neg ? (int)-(long long)v : (int)v;
	return err;
}

/*
 * One [...] class at p (just past the '['): whether c is in it, and where
 * the pattern goes on (*next, past the ']'). No ']' at all: NULL, and the
 * '[' is then an ordinary character.
 */
static const char *glob_class(const char *p, unsigned char c, bool *in)
{
	bool invert = *p == '!' || *p == '^';
	bool hit = false;
	const char *q = p + invert;

	/* a ']' first in the class is one of its members */
	for (bool first = true; *q && (*q != ']' || first); first = false) {
		unsigned char lo = *q++, hi = lo;

		if (*q == '-' && q[1] && q[1] != ']') {
			hi = q[1];
			q += 2;
		}
		if (c >= lo && c <= hi)
			hit = true;
	}
	if (*q != ']')
		return NULL;
	*in = hit != invert;
	return q + 1;
}

/* See kelp.h. Backtracking to the last '*' only: linear space, no recursion. */
bool glob_match(const char *pat, const char *str)
{
	const char *star = NULL, *resume = NULL;

	while (*str) {
		unsigned char c = *str;
		const char *next;
		bool in;

		if (*pat == '*') {
			star = ++pat;
			resume = str;
			continue;
		}
		if (*pat == '?') {
			pat++;
			str++;
			continue;
		}
		if (*pat == '[' && (next = glob_class(pat + 1, c, &in))) {
			if (in) {
				pat = next;
				str++;
				continue;
			}
		} else if (*pat && (unsigned char)*pat == c) {
			pat++;
			str++;
			continue;
		}
		if (!star)
			return false;
		pat = star;	/* let the '*' take one more character */
		str = ++resume;
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* See kelp.h. */
void mode_string(unsigned int mode, char *buf)
{
	static const char rwx[] = "rwxrwxrwx";

	switch (mode & S_IFMT) {
	case S_IFDIR: buf[0] = 'd'; break;
	case S_IFCHR: buf[0] = 'c'; break;
	case S_IFBLK: buf[0] = 'b'; break;
	case S_IFLNK: buf[0] = 'l'; break;
	case S_IFIFO: buf[0] = 'p'; break;
	case S_IFSOCK: buf[0] = 's'; break;
	default: buf[0] = '-'; break;
	}
	for (int i = 0; i < 9; i++)
		buf[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	buf[10] = '\0';
}
