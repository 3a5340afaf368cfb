/*
 * sscanf/vsscanf with Linux's lib/vsprintf.c semantics, for modules that
 * parse sysfs or module-parameter text with them: %d %i %u %x %X %o %c %s
 * %n %% and %N[set], a width, the qualifiers hh h l ll L z. White space
 * in the format matches any amount in the input; a number that does not
 * fit its type wraps. Linux's quirks are kept: "%*..." skips to the next
 * white space of both strings, %[ needs a width and takes no ranges, "%s"
 * counts even when it copies nothing. Returns the conversions made (never
 * EOF). Pure: the host unit test and fuzz target build this file as is.
 */
#include <kelp/string.h>
#include <kelp/export.h>

static bool ss_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int ss_digit(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

/*
 * Linux's simple_strntoull(): base 0 picks 16 for "0x" followed by a hex
 * digit, 8 for a leading 0, else 10; base 16 skips a "0x". At most max
 * characters are read, the prefix included, and the value wraps on
 * overflow. *endp is where reading stopped.
 */
static unsigned long long ss_strntoull(const char *s, const char **endp, unsigned int base,
				       size_t max)
{
	const char *p = s;
	unsigned long long v = 0;
	int d;

	if (base == 0) {
		if (s[0] == '0')
			base = (s[1] == 'x' || s[1] == 'X') && ss_digit(s[2], 16) >= 0 ? 16 : 8;
		else
			base = 10;
	}
	if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		p += 2;
	if ((size_t)(p - s) >= max) {		/* no room for a digit after the prefix */
		*endp = s + max;
		return 0;
	}
	max -= (size_t)(p - s);
	while (max-- && (d = ss_digit(*p, base)) >= 0) {
		v = v * base + (unsigned int)d;
		p++;
	}
	*endp = p;
	return v;
}

/* Stores v in the integer the qualifier q names ('H' hh, 'L' ll). */
static void ss_store(va_list *ap, int q, bool sign, unsigned long long v)
{
	switch (q) {
	case 'H':
		if (sign)
			*va_arg(*ap, signed char *) = (signed char)v;
		else
			*va_arg(*ap, unsigned char *) = (unsigned char)v;
		break;
	case 'h':
		if (sign)
			*va_arg(*ap, short *) = (short)v;
		else
			*va_arg(*ap, unsigned short *) = (unsigned short)v;
		break;
	case 'l':
		if (sign)
			*va_arg(*ap, long *) = (long)v;
		else
			*va_arg(*ap, unsigned long *) = (unsigned long)v;
		break;
	case 'L':
		if (sign)
			*va_arg(*ap, long long *) = (long long)v;
		else
			*va_arg(*ap, unsigned long long *) = v;
		break;
	case 'z':
		*va_arg(*ap, size_t *) = (size_t)v;
		break;
	default:
		if (sign)
			*va_arg(*ap, int *) = (int)v;
		else
			*va_arg(*ap, unsigned int *) = (unsigned int)v;
		break;
	}
}

static const char *ss_skip_spaces(const char *s)
{
	while (ss_space(*s))
		s++;
	return s;
}

/* See string.h. Linux's rules, quirks included (see the top of this file). */
int vsscanf(const char *buf, const char *fmt, va_list args)
{
	const char *str = buf;
	int num = 0;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		unsigned int base = 10;
		bool sign = false;
		int width = -1, q = 0;
		unsigned long long v;
		const char *next;
		char conv;

		if (ss_space(*fmt)) {
			fmt = ss_skip_spaces(fmt);
			str = ss_skip_spaces(str);
		}
		if (*fmt != '%' && *fmt) {
			if (*fmt++ != *str++)
				break;
			continue;
		}
		if (!*fmt)
			break;
		fmt++;
		if (*fmt == '*') {		/* skip: both move to the next white space */
			if (!*str)
				break;
			while (*fmt && !ss_space(*fmt) && *fmt != '%') {
				if (*fmt == '[')
					goto out;
				fmt++;
			}
			while (*str && !ss_space(*str))
				str++;
			continue;
		}
		if (*fmt >= '0' && *fmt <= '9') {
			int w = 0;

			while (*fmt >= '0' && *fmt <= '9') {
				w = w * 10 + (*fmt++ - '0');
				if (w > 0xffff)
					w = 0x10000;	/* Linux keeps it in an s16: too big is <= 0 */
			}
			width = (short)w;
			if (width <= 0)
				break;
		}
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z') {
			q = *fmt++;
			if (q == 'h' && *fmt == 'h') {
				q = 'H';
				fmt++;
			} else if (q == 'l' && *fmt == 'l') {
				q = 'L';
				fmt++;
			}
		}
		if (!*fmt)
			break;
		if (*fmt == 'n') {		/* characters read so far, not counted */
			*va_arg(ap, int *) = (int)(str - buf);
			fmt++;
			continue;
		}
		if (!*str)
			break;
		conv = *fmt++;
		switch (conv) {
		case 'c': {
			char *s = va_arg(ap, char *);

			if (width == -1)
				width = 1;
			do
				*s++ = *str++;
			while (--width > 0 && *str);
			num++;
			continue;
		}
		case 's': {
			char *s = va_arg(ap, char *);

			if (width == -1)
				width = 0x7fff;
			str = ss_skip_spaces(str);
			while (*str && !ss_space(*str) && width--)
				*s++ = *str++;
			*s = '\0';
			num++;
			continue;
		}
		case '[': {
			char *s = va_arg(ap, char *);
			unsigned char set[32] = { 0 };
			bool negate = *fmt == '^';
			size_t len = 0;

			if (width == -1)	/* Linux wants a width for %[ */
				goto out;
			if (negate)
				fmt++;
			for (; *fmt && *fmt != ']'; fmt++, len++)
				set[(unsigned char)*fmt / 8] |= 1 << ((unsigned char)*fmt % 8);
			if (!*fmt || !len)
				goto out;
			fmt++;
			if (negate) {
				for (int i = 0; i < 32; i++)
					set[i] = (unsigned char)~set[i];
				set[0] &= (unsigned char)~1;
			}
#define SS_IN(c) ((set[(unsigned char)(c) / 8] >> ((unsigned char)(c) % 8)) & 1)
			if (!SS_IN(*str))
				goto out;
			while (SS_IN(*str) && width--)
				*s++ = *str++;
#undef SS_IN
			*s = '\0';
			num++;
			continue;
		}
		case 'o':
			base = 8;
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'i':
			base = 0;
			sign = true;
			break;
		case 'd':
			sign = true;
			break;
		case 'u':
			break;
		case '%':
			if (*str++ != '%')
				goto out;
			continue;
		default:
			goto out;
		}

		str = ss_skip_spaces(str);
		{
			char digit = *str;

			if (sign && digit == '-') {
				if (width == 1)
					break;
				digit = str[1];
			}
			if (!digit || ss_digit(digit, base == 0 ? 10 : base) < 0)
				break;
		}
		{
			size_t max = width >= 0 ? (size_t)width : 0x7fffffff;

			if (sign && *str == '-' && max > 0)
				v = -ss_strntoull(str + 1, &next, base, max - 1);
			else
				v = ss_strntoull(str, &next, base, max);
		}
		ss_store(&ap, q, sign, v);
		num++;
		str = next;
	}
out:
	va_end(ap);
	return num;
}
EXPORT_SYMBOL(vsscanf);

/* See string.h. */
int sscanf(const char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(buf, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(sscanf);
