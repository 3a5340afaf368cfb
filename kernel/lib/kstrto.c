/*
 * kstrto*(): strict conversion of whole strings to integers and booleans,
 * with Linux's semantics (see <kelp/kstrto.h>). Every integer parser funnels
 * into parse_unsigned(), which accumulates in 64 bits with overflow checks
 * (no division); the typed wrappers only add a sign and a range check. On
 * any error nothing is written to *res, so callers may parse straight into
 * a live setting.
 */
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/types.h>
#include <kelp/export.h>

/* Value of the hex digit c (either case), or 16 (above every base). */
static unsigned int digit_value(char c)
{
	char lc = c | 0x20;	/* folds 'A'-'F' onto 'a'-'f' */

	if (c >= '0' && c <= '9')
		return c - '0';
	if (lc >= 'a' && lc <= 'f')
		return lc - 'a' + 10;
	return 16;
}

static bool is_x(char c)
{
	return (c | 0x20) == 'x';
}

/*
 * Resolves base 0 from the prefix and skips a "0x" for base 16. Never reads
 * past the terminator: s[2] is looked at only when s[1] is an 'x'.
 */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] != '0')
			*base = 10;
		else if (is_x(s[1]) && digit_value(s[2]) < 16)
			*base = 16;
		else
			*base = 8;
	}
	if (*base == 16 && s[0] == '0' && is_x(s[1]))
		s += 2;
	return s;
}

/*
 * Parses an unsigned number (no sign) filling the whole string but for one
 * optional '\n'. Overflow wins over trailing garbage, as in Linux.
 */
static int parse_unsigned(const char *s, unsigned int base,
			  unsigned long long *res)
{
	unsigned long long v = 0;
	bool overflow = false;
	const char *digits;
	unsigned int d;

	if (base == 1 || base > 16)
		return -EINVAL;
	s = fixup_radix(s, &base);
	for (digits = s; (d = digit_value(*s)) < base; s++)
		overflow |= __builtin_mul_overflow(v, base, &v) ||
			    __builtin_add_overflow(v, d, &v);
	if (overflow)
		return -ERANGE;
	if (s == digits)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

/* Converts s to an unsigned long long; see <kelp/kstrto.h> for the rules. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (*s == '+')
		s++;
	return parse_unsigned(s, base, res);
}
EXPORT_SYMBOL(kstrtoull);

/* Converts s to a long long, from LLONG_MIN to LLONG_MAX; see <kelp/kstrto.h>. */
int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int err;

	if (*s != '-') {
		err = kstrtoull(s, base, &v);
		if (err)
			return err;
		if (v > (unsigned long long)__LONG_LONG_MAX__)
			return -ERANGE;
		*res = v;
		return 0;
	}
	err = parse_unsigned(s + 1, base, &v);
	if (err)
		return err;
	if (v > (unsigned long long)__LONG_LONG_MAX__ + 1)
		return -ERANGE;
	/* -(v - 1) - 1 stays in range even for v == 2^63 (LLONG_MIN). */
	*res = v ? -(long long)(v - 1) - 1 : 0;
	return 0;
}
EXPORT_SYMBOL(kstrtoll);

/* Converts s to an unsigned long; see <kelp/kstrto.h>. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v != (unsigned long)v)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtoul);

/* Converts s to a long; see <kelp/kstrto.h>. */
int kstrtol(const char *s, unsigned int base, long *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v != (long)v)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtol);

/* Converts s to an unsigned int (0..UINT_MAX); see <kelp/kstrto.h>. */
int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > __UINT32_MAX__)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtouint);

/* Converts s to an int (INT_MIN..INT_MAX); see <kelp/kstrto.h>. */
int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v < -__INT_MAX__ - 1 || v > __INT_MAX__)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtoint);

/*
 * The narrow widths (Linux's kstrtou16/s16/u8/s8): parsed as 64-bit, then
 * refused with -ERANGE if the value does not fit the destination.
 */
int kstrtou16(const char *s, unsigned int base, u16 *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > 0xffff)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtou16);

/* See kstrtou16. */
int kstrtos16(const char *s, unsigned int base, s16 *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v < -0x8000 || v > 0x7fff)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtos16);

/* See kstrtou16. */
int kstrtou8(const char *s, unsigned int base, u8 *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > 0xff)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtou8);

/* See kstrtou16. */
int kstrtos8(const char *s, unsigned int base, s8 *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v < -0x80 || v > 0x7f)
		return -ERANGE;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtos8);

/* Linux's second-character test for "on" / "off": 1, 0, or -1 for neither. */
static int on_off(char c)
{
	switch (c | 0x20) {
	case 'n':
		return 1;
	case 'f':
		return 0;
	default:
		return -1;
	}
}

/* Reads a boolean from the first one or two characters; see <kelp/kstrto.h>. */
int kstrtobool(const char *s, bool *res)
{
	int v;

	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case '1': case 'y': case 'Y': case 't': case 'T': case 'e': case 'E':
		v = 1;
		break;
	case '0': case 'n': case 'N': case 'f': case 'F': case 'd': case 'D':
		v = 0;
		break;
	case 'o': case 'O':
		v = on_off(s[1]);
		break;
	default:
		v = -1;
	}
	if (v < 0)
		return -EINVAL;
	*res = v;
	return 0;
}
EXPORT_SYMBOL(kstrtobool);
