/*
 * Linux's binary printf (CONFIG_BINARY_PRINTF): vbin_printf() packs the
 * arguments of a format into a u32 buffer, and bstr_printf() prints them
 * later with the same format, as trace_printk's ring and seq_bprintf() do.
 * The layout is Linux's: each argument at the alignment of its size (at
 * most 4 bytes; 8-byte ones as two u32), a char 1 byte, a short 2, strings
 * copied inline with their NUL, and pointers that must be dereferenced now
 * (%pGg) printed now and stored as a string. Each conversion is printed by
 * vsnprintf() with its own specification, so the text is what vsnprintf
 * prints for the same arguments (Kelp's conversions: no %n, no floats).
 */
#include <kelp/string_helpers.h>
#include <kelp/string.h>
#include <kelp/errno.h>
#include <kelp/export.h>

/* One conversion: its specification text and how its argument is stored. */
struct bin_spec {
	char text[40];		/* "%-08.*lx", ready for vsnprintf */
	bool star_width, star_prec;
	char conv;		/* d i u x X o c s p %, or 0 for an unknown one */
	char ptr_kind;		/* 'p': 0 plain, 'S'/'s' symbol, 'G' %pGg (printed at save) */
	unsigned int size;	/* bytes of an integer argument: 1, 2, 4 or 8 */
};

/* Parses the directive at fmt ('%'); returns the first byte after it. */
static const char *bin_parse(const char *fmt, struct bin_spec *sp)
{
	const char *start = fmt++;
	size_t n;

	*sp = (struct bin_spec){ .size = 4 };
	while (*fmt && strchr("-0 +#", *fmt))
		fmt++;
	if (*fmt == '*') {
		sp->star_width = true;
		fmt++;
	} else {
		while (*fmt >= '0' && *fmt <= '9')
			fmt++;
	}
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			sp->star_prec = true;
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				fmt++;
		}
	}
	if (fmt[0] == 'h' && fmt[1] == 'h') {
		sp->size = 1;
		fmt += 2;
	} else if (fmt[0] == 'h') {
		sp->size = 2;
		fmt++;
	} else if (fmt[0] == 'l' && fmt[1] == 'l') {
		sp->size = 8;
		fmt += 2;
	} else if (*fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j') {
		sp->size = 8;
		fmt++;
	}
	sp->conv = *fmt && strchr("diuxXocsp%", *fmt) ? *fmt : 0;
	if (sp->conv)
		fmt++;
	if (sp->conv == 'c')
		sp->size = 1;
	if (sp->conv == 'p') {
		sp->size = 8;
		if (*fmt == 'S' || *fmt == 's')
			sp->ptr_kind = *fmt++;
		else if (fmt[0] == 'G' && fmt[1] == 'g' && (fmt += 2))
			sp->ptr_kind = 'G';
	}
	n = fmt - start;
	if (n >= sizeof(sp->text) || !sp->conv) {
		sp->conv = 0;		/* too long to be real, or unknown: ends the output */
		return start;
	}
	memcpy(sp->text, start, n);
	sp->text[n] = '\0';
	if (sp->ptr_kind == 'G') {	/* printed at save time: a string now */
		sp->text[n - 3] = 's';
		sp->text[n - 2] = '\0';
	}
	return fmt;
}

/* The vbin_printf writer: stores bytes while they fit, counts them all. */
struct bin_out {
	char *buf, *pos, *end;
};

static void bin_align(struct bin_out *o, unsigned int size)
{
	size_t a = size < 4 ? size : 4;
	size_t off = o->pos - o->buf;

	o->pos = o->buf + (off + a - 1) / a * a;
}

static void bin_put(struct bin_out *o, const void *v, size_t n)
{
	if (o->pos + n <= o->end)
		memcpy(o->pos, v, n);
	o->pos += n;
}

static void bin_put_int(struct bin_out *o, unsigned int size, unsigned long long v)
{
	unsigned char c = v;
	unsigned short h = v;
	unsigned int w = v;

	bin_align(o, size);
	if (size == 1)
		bin_put(o, &c, 1);
	else if (size == 2)
		bin_put(o, &h, 2);
	else if (size == 4)
		bin_put(o, &w, 4);
	else
		bin_put(o, &v, 8);
}

/* Linux's string for a %s argument that cannot be read (vsnprintf's choice). */
static const char *bin_str_arg(const char *s)
{
	if (!s)
		return "(null)";
	if ((unsigned long)s < 4096 || IS_ERR_VALUE(s))
		return "(efault)";
	return s;
}

/* See string_helpers.h. */
int vbin_printf(u32 *bin_buf, size_t size, const char *fmt, va_list args)
{
	struct bin_out o = { (char *)bin_buf, (char *)bin_buf, (char *)(bin_buf + size) };
	struct bin_spec sp;

	while (*fmt) {
		if (*fmt != '%') {
			fmt++;
			continue;
		}
		fmt = bin_parse(fmt, &sp);
		if (!sp.conv)
			break;
		if (sp.star_width)
			bin_put_int(&o, 4, (unsigned int)va_arg(args, int));
		if (sp.star_prec)
			bin_put_int(&o, 4, (unsigned int)va_arg(args, int));
		if (sp.conv == '%')
			continue;
		if (sp.conv == 's') {
			const char *s = bin_str_arg(va_arg(args, const char *));

			bin_put(&o, s, strlen(s) + 1);
		} else if (sp.conv == 'p' && sp.ptr_kind == 'G') {
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "%pGg", va_arg(args, void *));
			bin_put(&o, tmp, strlen(tmp) + 1);
		} else if (sp.conv == 'p') {
			bin_put_int(&o, 8, (unsigned long)va_arg(args, void *));
		} else if (sp.size == 8) {
			bin_put_int(&o, 8, va_arg(args, unsigned long long));
		} else {
			bin_put_int(&o, sp.size, (unsigned int)va_arg(args, int));
		}
	}
	bin_align(&o, 4);
	return (u32 *)o.pos - bin_buf;
}
EXPORT_SYMBOL(vbin_printf);

/* See string_helpers.h. */
int bprintf(u32 *bin_buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vbin_printf(bin_buf, size, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(bprintf);

/* The bstr_printf reader of a buffer vbin_printf wrote. */
struct bin_in {
	const char *buf, *pos;
};

static unsigned long long bin_get_int(struct bin_in *in, unsigned int size)
{
	size_t a = size < 4 ? size : 4, off = in->pos - in->buf;
	unsigned long long v = 0;

	in->pos = in->buf + (off + a - 1) / a * a;
	memcpy(&v, in->pos, size);	/* little-endian: the low bytes */
	in->pos += size;
	return v;
}

/* vsnprintf into the room left (none past size); returns the length it wanted. */
static int bin_emit(char *buf, size_t size, size_t at, const char *fmt, ...)
{
	char dummy[1];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = at < size ? vsnprintf(buf + at, size - at, fmt, ap) : vsnprintf(dummy, 0, fmt, ap);
	va_end(ap);
	return n;
}

/* One conversion with its starred width and precision, if any. */
#define BIN_EMIT(val)                                                           \
	(sp.star_width && sp.star_prec ? bin_emit(buf, size, len, sp.text, w, p, val) : \
	 sp.star_width ? bin_emit(buf, size, len, sp.text, w, val) :             \
	 sp.star_prec ? bin_emit(buf, size, len, sp.text, p, val) :              \
	 bin_emit(buf, size, len, sp.text, val))

/* See string_helpers.h. */
int bstr_printf(char *buf, size_t size, const char *fmt, const u32 *bin_buf)
{
	struct bin_in in = { (const char *)bin_buf, (const char *)bin_buf };
	struct bin_spec sp;
	size_t len = 0;

	while (*fmt) {
		const char *lit = fmt;
		int w = 0, p = 0, n;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt > lit) {
			for (const char *c = lit; c < fmt; c++, len++)
				if (len + 1 < size)
					buf[len] = *c;
			continue;
		}
		fmt = bin_parse(fmt, &sp);
		if (!sp.conv) {		/* vsnprintf copies an unknown directive and stops */
			len += bin_emit(buf, size, len, fmt);
			break;
		}
		if (sp.star_width)
			w = (int)bin_get_int(&in, 4);
		if (sp.star_prec)
			p = (int)bin_get_int(&in, 4);
		if (sp.conv == '%') {
			n = bin_emit(buf, size, len, "%%");
		} else if (sp.conv == 's' || (sp.conv == 'p' && sp.ptr_kind == 'G')) {
			const char *s = in.pos;

			in.pos += strlen(s) + 1;
			n = BIN_EMIT(s);
		} else if (sp.conv == 'p') {
			n = BIN_EMIT((void *)(unsigned long)bin_get_int(&in, 8));
		} else if (sp.size == 8) {
			n = BIN_EMIT(bin_get_int(&in, 8));
		} else if (sp.conv == 'c') {
			n = BIN_EMIT((int)(char)bin_get_int(&in, 1));
		} else {
			unsigned long long v = bin_get_int(&in, sp.size);

			/* sign-extend the stored width; vsnprintf narrows it again */
			if (sp.size == 1)
				v = (unsigned long long)(signed char)v;
			else if (sp.size == 2)
				v = (unsigned long long)(short)v;
			n = BIN_EMIT((int)v);
		}
		len += n;
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}
EXPORT_SYMBOL(bstr_printf);
