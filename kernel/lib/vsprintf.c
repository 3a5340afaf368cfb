/*
 * vsnprintf() and friends: C99 formatted output for printk, sysfs show
 * callbacks and the shell. No floating point and no %n. Bytes go through a
 * bounded sink that counts everything it would have written, so the return
 * value follows C99 even when the buffer is short, and padding costs time
 * only for the bytes that fit. An unknown conversion is copied out verbatim
 * and ends the output: its argument type is unknown, so reading any further
 * argument could misinterpret it (a %s on an integer would fault).
 */
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/kallsyms.h>
#include <kelp/string.h>
#include <kelp/types.h>
#include <kelp/export.h>

/* Flags of one conversion specification. */
#define FL_LEFT		0x01	/* '-': pad on the right */
#define FL_ZERO		0x02	/* '0': pad numbers with zeros */
#define FL_SPACE	0x04	/* ' ': blank before a non-negative number */
#define FL_PLUS		0x08	/* '+': sign before a non-negative number */
#define FL_ALT		0x10	/* '#': 0 / 0x prefix */
#define FL_UPPER	0x20	/* %X: upper-case digits and prefix */

#define NO_PRECISION	(-1)

/*
 * Pointers below this are offsets from NULL (the first page is never mapped):
 * %s prints "(efault)" for them, and for ERR_PTR values, instead of faulting.
 */
#define FAULT_GUARD	4096UL

/* Room for "name+0xoffset/0xsize" from kallsyms (names are at most ~128). */
#define SYMBOL_BUF	192

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE,
	      LEN_PTRDIFF, LEN_INTMAX };

/* One parsed "%[flags][width][.precision][length]" prefix. */
struct spec {
	unsigned int flags;
	int width;		/* 0 when absent */
	int precision;		/* NO_PRECISION when absent */
	enum length length;
};

/* Output cursor: buf[0 .. size-2] is writable; pos counts every byte. */
struct sink {
	char *buf;
	size_t size;
	size_t pos;
};

/* Bytes that still fit before the terminator's slot. */
static size_t sink_room(const struct sink *s)
{
	if (!s->size || s->pos >= s->size - 1)
		return 0;
	return s->size - 1 - s->pos;
}

/* The room test also keeps a NULL buf (size 0) from being offset. */
static void sink_write(struct sink *s, const char *p, size_t n)
{
	size_t room = sink_room(s);

	if (room)
		memcpy(s->buf + s->pos, p, min(n, room));
	s->pos += n;
}

static void sink_fill(struct sink *s, char c, size_t n)
{
	size_t room = sink_room(s);

	if (room)
		memset(s->buf + s->pos, c, min(n, room));
	s->pos += n;
}

static void sink_putc(struct sink *s, char c)
{
	sink_write(s, &c, 1);
}

static const char *parse_flags(const char *fmt, struct spec *sp)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': sp->flags |= FL_LEFT; break;
		case '0': sp->flags |= FL_ZERO; break;
		case ' ': sp->flags |= FL_SPACE; break;
		case '+': sp->flags |= FL_PLUS; break;
		case '#': sp->flags |= FL_ALT; break;
		default: return fmt;
		}
	}
}

/* Decimal digits at *fmtp, saturating at INT_MAX (formats may be hostile). */
static int parse_decimal(const char **fmtp)
{
	const char *fmt = *fmtp;
	int v = 0;

	for (; *fmt >= '0' && *fmt <= '9'; fmt++) {
		int d = *fmt - '0';

		v = v > (__INT_MAX__ - d) / 10 ? __INT_MAX__ : v * 10 + d;
	}
	*fmtp = fmt;
	return v;
}

/* Width: digits or '*'; a negative '*' argument means '-' and its magnitude. */
static const char *parse_width(const char *fmt, struct spec *sp, va_list *ap)
{
	int w;

	if (*fmt != '*') {
		sp->width = parse_decimal(&fmt);
		return fmt;
	}
	w = va_arg(*ap, int);
	if (w < 0) {
		sp->flags |= FL_LEFT;
		w = w == -__INT_MAX__ - 1 ? __INT_MAX__ : -w;
	}
	sp->width = w;
	return fmt + 1;
}

/* Precision: '.' then digits (none means 0) or '*' (negative: absent). */
static const char *parse_precision(const char *fmt, struct spec *sp,
				   va_list *ap)
{
	int p;

	if (*fmt != '.')
		return fmt;
	fmt++;
	if (*fmt != '*') {
		sp->precision = parse_decimal(&fmt);
		return fmt;
	}
	p = va_arg(*ap, int);
	sp->precision = p < 0 ? NO_PRECISION : p;
	return fmt + 1;
}

static const char *parse_length(const char *fmt, struct spec *sp)
{
	switch (*fmt) {
	case 'h':
		if (fmt[1] == 'h') {
			sp->length = LEN_CHAR;
			return fmt + 2;
		}
		sp->length = LEN_SHORT;
		return fmt + 1;
	case 'l':
		if (fmt[1] == 'l') {
			sp->length = LEN_LLONG;
			return fmt + 2;
		}
		sp->length = LEN_LONG;
		return fmt + 1;
	case 'z': sp->length = LEN_SIZE; return fmt + 1;
	case 't': sp->length = LEN_PTRDIFF; return fmt + 1;
	case 'j': sp->length = LEN_INTMAX; return fmt + 1;
	default: return fmt;
	}
}

/* Reads a signed argument of the type the length modifier names. */
static long long fetch_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return (long)va_arg(*ap, size_t);	/* %zd: ssize_t */
	case LEN_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

/* Reads an unsigned argument of the type the length modifier names. */
static unsigned long long fetch_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	case LEN_PTRDIFF: return (unsigned long)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/*
 * Writes the digits of val in base 8, 10 or 16 into buf, least significant
 * first; returns their count (at least 1). Only divisions by constants.
 */
static int digits_reversed(char *buf, unsigned long long val,
			   unsigned int base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int shift = base == 16 ? 4 : 3;
	int n = 0;

	do {
		if (base == 10) {
			buf[n++] = set[val % 10];
			val /= 10;
		} else {
			buf[n++] = set[val & (base - 1)];
			val >>= shift;
		}
	} while (val);
	return n;
}

/* Writes len bytes of str, space-padded to the field width. */
static void put_padded(struct sink *s, const struct spec *sp,
		       const char *str, size_t len)
{
	size_t pad = (size_t)sp->width > len ? sp->width - len : 0;

	if (!(sp->flags & FL_LEFT))
		sink_fill(s, ' ', pad);
	sink_write(s, str, len);
	if (sp->flags & FL_LEFT)
		sink_fill(s, ' ', pad);
}

/*
 * Writes an integer: [pad] [sign] [0x] [zeros] digits [pad], with C's rules
 * (precision 0 and value 0 print no digits; '#' octal forces a leading 0;
 * '0' only pads when there is no precision and no '-').
 */
static void put_number(struct sink *s, const struct spec *sp,
		       unsigned long long val, char sign, unsigned int base)
{
	char digits[24];	/* 22 octal digits hold 64 bits */
	bool upper = sp->flags & FL_UPPER;
	int n = digits_reversed(digits, val, base, upper);
	const char *prefix = "";
	size_t zeros, len, pad;

	if (val == 0 && sp->precision == 0)
		n = 0;
	zeros = sp->precision > n ? (size_t)(sp->precision - n) : 0;
	if ((sp->flags & FL_ALT) && base == 8 && !zeros && (val || !n))
		zeros = 1;
	if ((sp->flags & FL_ALT) && base == 16 && val)
		prefix = upper ? "0X" : "0x";
	len = (sign != 0) + strlen(prefix) + zeros + n;
	pad = (size_t)sp->width > len ? sp->width - len : 0;
	if ((sp->flags & (FL_ZERO | FL_LEFT)) == FL_ZERO &&
	    sp->precision == NO_PRECISION) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & FL_LEFT))
		sink_fill(s, ' ', pad);
	if (sign)
		sink_putc(s, sign);
	sink_write(s, prefix, strlen(prefix));
	sink_fill(s, '0', zeros);
	while (n)
		sink_putc(s, digits[--n]);
	if (sp->flags & FL_LEFT)
		sink_fill(s, ' ', pad);
}

static void put_signed(struct sink *s, const struct spec *sp, long long v)
{
	/* Negate as unsigned: -(LLONG_MIN) does not fit in a long long. */
	unsigned long long mag = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	char sign = 0;

	if (v < 0)
		sign = '-';
	else if (sp->flags & FL_PLUS)
		sign = '+';
	else if (sp->flags & FL_SPACE)
		sign = ' ';
	put_number(s, sp, mag, sign, 10);
}

/* %s: NULL prints "(null)", a near-NULL or ERR_PTR pointer "(efault)". */
static void put_string(struct sink *s, const struct spec *sp, const char *str)
{
	size_t len;

	if (!str)
		str = "(null)";
	else if ((uintptr_t)str < FAULT_GUARD || IS_ERR_VALUE(str))
		str = "(efault)";
	if (sp->precision != NO_PRECISION)
		len = strnlen(str, sp->precision);
	else
		len = strlen(str);
	put_padded(s, sp, str, len);
}

/* %pS: "name+0xoff/0xsize[ [module]]"; %ps: the name alone (and " [module]"). */
static void put_symbol(struct sink *s, const struct spec *sp, void *addr,
		       char kind)
{
	char name[SYMBOL_BUF];
	char *plus;

	name[0] = '\0';
	kallsyms_snprint_symbol(name, sizeof(name), (unsigned long)addr);
	name[sizeof(name) - 1] = '\0';
	if (kind == 's' && (plus = strchr(name, '+'))) {
		char *mod = strstr(plus, " [");		/* "name [module]", as Linux */

		if (mod)
			memmove(plus, mod, strlen(mod) + 1);
		else
			*plus = '\0';
	}
	put_string(s, sp, name);
}

/*
 * %pGg: the gfp_t at addr by name, as Linux prints allocation flags
 * ("GFP_KERNEL", "GFP_ATOMIC|__GFP_ZERO"). The values are include/kelp/
 * mm.h's (not included: this file is also built for the host).
 */
static void put_gfp(struct sink *s, const struct spec *sp, const unsigned int *addr)
{
	char buf[48];
	unsigned int gfp, rest;
	size_t n;

	if ((uintptr_t)addr < FAULT_GUARD || IS_ERR_VALUE(addr)) {
		put_string(s, sp, (const char *)addr);	/* "(null)" or "(efault)" */
		return;
	}
	gfp = *addr;
	rest = gfp & ~0x101u;
	n = snprintf(buf, sizeof(buf), "%s%s", gfp & 0x1u ? "GFP_ATOMIC" : "GFP_KERNEL",
			  gfp & 0x100u ? "|__GFP_ZERO" : "");
	if (rest)
		snprintf(buf + n, sizeof(buf) - n, "|%#x", rest);
	put_string(s, sp, buf);
}

/*
 * %p as glibc prints it, so host tests can compare: "(nil)" (width only), or
 * "0x" and hex digits with %#lx's rules and '+' / ' ' honoured as for %d.
 */
static void put_pointer(struct sink *s, struct spec *sp, void *p)
{
	char sign = 0;

	if (!p) {
		put_padded(s, sp, "(nil)", 5);
		return;
	}
	if (sp->flags & FL_PLUS)
		sign = '+';
	else if (sp->flags & FL_SPACE)
		sign = ' ';
	sp->flags |= FL_ALT;
	put_number(s, sp, (uintptr_t)p, sign, 16);
}

/*
 * Performs the conversion at **fmtp, consuming its argument, and moves *fmtp
 * past it. Returns false, consuming nothing, for an unknown conversion.
 */
static bool convert(struct sink *s, struct spec *sp, const char **fmtp,
		    va_list *ap)
{
	const char *fmt = *fmtp;
	char c;
	void *p;

	switch (*fmt) {
	case 'd':
	case 'i':
		put_signed(s, sp, fetch_signed(sp->length, ap));
		break;
	case 'u':
		put_number(s, sp, fetch_unsigned(sp->length, ap), 0, 10);
		break;
	case 'X':
		sp->flags |= FL_UPPER;
		/* fall through */
	case 'x':
		put_number(s, sp, fetch_unsigned(sp->length, ap), 0, 16);
		break;
	case 'o':
		put_number(s, sp, fetch_unsigned(sp->length, ap), 0, 8);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(s, sp, &c, 1);
		break;
	case 's':
		put_string(s, sp, va_arg(*ap, const char *));
		break;
	case 'p':
		p = va_arg(*ap, void *);
		if (fmt[1] == 'S' || fmt[1] == 's')
			put_symbol(s, sp, p, *++fmt);
		else if (fmt[1] == 'G' && fmt[2] == 'g' && (fmt += 2))
			put_gfp(s, sp, p);
		else
			put_pointer(s, sp, p);
		break;
	case '%':
		sink_putc(s, '%');
		break;
	default:
		return false;
	}
	*fmtp = fmt + 1;
	return true;
}

/*
 * Formats the directive starting at the '%' in fmt. Returns where the rest of
 * the format starts, or NULL after copying out an unknown directive.
 */
static const char *format_one(struct sink *s, const char *fmt, va_list *ap)
{
	const char *start = fmt;
	struct spec sp = { .precision = NO_PRECISION, .length = LEN_INT };

	fmt = parse_flags(fmt + 1, &sp);
	fmt = parse_width(fmt, &sp, ap);
	fmt = parse_precision(fmt, &sp, ap);
	fmt = parse_length(fmt, &sp);
	if (convert(s, &sp, &fmt, ap))
		return fmt;
	sink_write(s, start, fmt - start + (*fmt != '\0'));
	return NULL;
}

/*
 * Formats into buf, writing at most size bytes including the terminating NUL
 * (always written when size > 0; buf may be NULL when size is 0). Returns the
 * length the whole output has, clamped to INT_MAX, like C99's vsnprintf().
 * Any context: no locks, no allocation, a few hundred bytes of stack.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size, .pos = 0 };
	va_list args;

	/* Copy so that helpers can share one cursor through a pointer. */
	va_copy(args, ap);
	while (fmt && *fmt) {
		const char *lit = fmt;

		while (*fmt && *fmt != '%')
			fmt++;
		sink_write(&s, lit, fmt - lit);
		if (*fmt)
			fmt = format_one(&s, fmt, &args);
	}
	va_end(args);
	if (size)
		buf[min(s.pos, size - 1)] = '\0';
	return s.pos > __INT_MAX__ ? __INT_MAX__ : (int)s.pos;
}
EXPORT_SYMBOL(vsnprintf);

/* snprintf: vsnprintf() with variadic arguments; same return and context. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(snprintf);

/*
 * sprintf/vsprintf: no size given, as Linux's (the caller's buffer must be
 * big enough: sysfs show functions write into a PAGE_SIZE page). Returns
 * the length written.
 */
int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, __INT_MAX__, fmt, ap);
}
EXPORT_SYMBOL(vsprintf);

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, __INT_MAX__, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(sprintf);

/*
 * Like vsnprintf() but returns the number of bytes actually stored before
 * the NUL (0 when size is 0), so results can be summed to advance a cursor.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)min(size - 1, (size_t)__INT_MAX__);
}
EXPORT_SYMBOL(vscnprintf);

/* scnprintf: vscnprintf() with variadic arguments; same return and context. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(scnprintf);
