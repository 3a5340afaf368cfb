/*
 * Host unit tests of kernel/lib/vsprintf.c. Where C defines the output, the
 * kernel's vsnprintf() must match glibc's byte for byte and return value for
 * return value: a hand-written table of edge cases, a generated cross product
 * of flags x width x precision x length x conversion, and a seeded random
 * loop. Every comparison is repeated at truncating buffer sizes with canary
 * bytes behind the buffer. Kelp's own rules (%pS, "(null)", "(efault)",
 * unknown conversions, clamping) are tested separately.
 */
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/kallsyms.h>
#include <kelp/string.h>

#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"

#define OUT_MAX 512
#define CANARY 0x5c

/* A pretend symbol table: fake_func at 0x1000 (0x80 bytes), a long name at 0x2000. */
#define FAKE_FUNC 0x1000UL
#define LONG_FUNC 0x2000UL

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	if (addr >= FAKE_FUNC && addr < FAKE_FUNC + 0x80)
		return host_snprintf(buf, len, "fake_func+0x%lx/0x80", addr - FAKE_FUNC);
	if (addr == LONG_FUNC)
		return host_snprintf(buf, len, "%0300d+0x0/0x10", 7);
	return host_snprintf(buf, len, "0x%lx", addr);
}

static unsigned long comparisons;

/* Reports a mismatch with everything needed to reproduce it. */
static void mismatch(const char *fmt, size_t size, const char *what,
		     const char *want, int want_n, const char *got, int got_n)
{
	print_error("format \"%s\" size %zu: %s\n  glibc: [%s] = %d\n  kelp:  [%s] = %d\n",
		    fmt, size, what, want, want_n, got, got_n);
	fail();
}

/*
 * Formats with glibc once, then with the kernel at the full size and at
 * truncating sizes; checks the return value, the bytes (compared with memcmp
 * as %c may emit a NUL), the terminator and the canaries behind the buffer.
 */
static void check_va(const char *fmt, va_list ap)
{
	char want[OUT_MAX], got[OUT_MAX + 8];
	va_list aq;
	int want_n, got_n;

	va_copy(aq, ap);
	want_n = host_vsnprintf(want, sizeof(want), fmt, aq);
	va_end(aq);
	assert_true(want_n >= 0 && want_n < OUT_MAX);

	const size_t sizes[] = { OUT_MAX, 0, 1, 2, want_n / 2, want_n, want_n + 1 };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t size = sizes[i], keep;

		memset(got, CANARY, sizeof(got));
		va_copy(aq, ap);
		got_n = vsnprintf(size ? got : NULL, size, fmt, aq);
		va_end(aq);
		comparisons++;
		if (got_n != want_n)
			mismatch(fmt, size, "return value", want, want_n, got, got_n);
		if (!size) {
			if (got[0] != CANARY)
				mismatch(fmt, size, "wrote with size 0", want, want_n, got, got_n);
			continue;
		}
		keep = min((size_t)want_n, size - 1);
		if (host_memcmp(got, want, keep) || got[keep] != '\0')
			mismatch(fmt, size, "output", want, want_n, got, got_n);
		for (size_t j = keep + 1; j < sizeof(got); j++)
			if ((unsigned char)got[j] != CANARY)
				mismatch(fmt, size, "canary", want, want_n, got, got_n);
	}
}

static void check(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_va(fmt, ap);
	va_end(ap);
}

/* Kelp-only expectations: exact output and return value. */
static void expect(const char *want, int want_n, const char *fmt, ...)
{
	char got[OUT_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (n != want_n || host_strcmp(got, want))
		mismatch(fmt, sizeof(got), "kelp rule", want, want_n, got, n);
}

/* The argument type a table row passes. */
enum kind { K_INT, K_UINT, K_LONG, K_ULONG, K_LLONG, K_ULLONG, K_SIZE,
	    K_PTRDIFF, K_INTMAX, K_UINTMAX, K_STR, K_PTR, K_NONE, K_STAR_INT,
	    K_STAR2_INT, K_STAR_STR };

struct row {
	const char *fmt;
	enum kind kind;
	long long v;		/* integers, and '*' values */
	unsigned long long u;	/* unsigned integers */
	const char *s;		/* strings */
	int w, p;		/* '*' width and precision */
};

/* Calls check() with the row's argument, of the type its kind names. */
static void check_row(const struct row *r)
{
	switch (r->kind) {
	case K_INT: check(r->fmt, (int)r->v); break;
	case K_UINT: check(r->fmt, (unsigned int)r->u); break;
	case K_LONG: check(r->fmt, (long)r->v); break;
	case K_ULONG: check(r->fmt, (unsigned long)r->u); break;
	case K_LLONG: check(r->fmt, (long long)r->v); break;
	case K_ULLONG: check(r->fmt, (unsigned long long)r->u); break;
	case K_SIZE: check(r->fmt, (size_t)r->u); break;
	case K_PTRDIFF: check(r->fmt, (ptrdiff_t)r->v); break;
	case K_INTMAX: check(r->fmt, (intmax_t)r->v); break;
	case K_UINTMAX: check(r->fmt, (uintmax_t)r->u); break;
	case K_STR: check(r->fmt, r->s); break;
	case K_PTR: check(r->fmt, (void *)(uintptr_t)r->u); break;
	case K_NONE: check(r->fmt); break;
	case K_STAR_INT: check(r->fmt, r->w, (int)r->v); break;
	case K_STAR2_INT: check(r->fmt, r->w, r->p, (int)r->v); break;
	case K_STAR_STR: check(r->fmt, r->w, r->p, r->s); break;
	}
}

#define N(f)		{ .fmt = f, .kind = K_NONE }
#define I(f, x)		{ f, K_INT, .v = (x) }
#define U(f, x)		{ f, K_UINT, .u = (x) }
#define L(f, x)		{ f, K_LONG, .v = (x) }
#define UL(f, x)	{ f, K_ULONG, .u = (x) }
#define LL(f, x)	{ f, K_LLONG, .v = (x) }
#define ULL(f, x)	{ f, K_ULLONG, .u = (x) }
#define S(f, x)		{ f, K_STR, .s = (x) }
#define P(f, x)		{ f, K_PTR, .u = (x) }

static const struct row table[] = {
	/* Literal text and %% */
	N(""), N("plain text"), N("%%"), N("100%% sure %%%%"),
	/* %d / %i */
	I("%d", 0), I("%d", 1), I("%d", -1), I("%d", INT_MAX), I("%d", INT_MIN),
	I("%i", -42), I("%i", 42), I("[%5d]", 42), I("[%-5d]", 42),
	I("[%05d]", 42), I("[%05d]", -42), I("[%-05d]", -42), I("[%+d]", 42),
	I("[%+d]", 0), I("[%+d]", -42), I("[% d]", 42), I("[% d]", -42),
	I("[%+ d]", 42), I("[% +d]", 42), I("[% 05d]", 42), I("[%+05d]", 42),
	I("[%.0d]", 0), I("[%.0d]", 1), I("[%.d]", 0), I("[%5.0d]", 0),
	I("[%+.0d]", 0), I("[% .0d]", 0), I("[%.3d]", 7), I("[%.3d]", -7),
	I("[%08.3d]", -7), I("[%-8.3d]", -7), I("[%+8.3d]", 7), I("[%1d]", 12345),
	I("[%2d]", INT_MIN), I("[%.12d]", INT_MIN), I("[%020d]", INT_MIN),
	I("[%#d]", 5), I("[%0d]", 5), I("[%00005d]", 5), I("[%-+ 0#12d]", 9),
	/* %u %x %X %o */
	U("%u", 0), U("%u", UINT_MAX), U("%x", 0), U("%x", 0xdeadbeef),
	U("%X", 0xdeadbeef), U("%#x", 0), U("%#x", 255), U("%#X", 255),
	U("%#o", 0), U("%#o", 8), U("%o", UINT_MAX), U("%#.0o", 0),
	U("%#.0x", 0), U("%.0x", 0), U("%.0o", 0), U("%#5.3o", 8),
	U("%#5.3o", 01234), U("%#.3o", 0777), U("%#.4o", 0777), U("[%#08x]", 255),
	U("[%#-8x]", 255), U("[%#8.4x]", 255), U("[%#08.4x]", 255),
	U("[%+u]", 5), U("[% x]", 5), U("[%#10.0x]", 0), U("[%#010X]", 0xab),
	/* Length modifiers */
	I("%hhd", 200), I("%hhd", -129), I("%hhu", 300), I("%hhx", -1),
	I("%hd", 70000), I("%hd", -32769), I("%hu", 70000), I("%ho", -1),
	I("%hhi", 127), I("%hX", 0xabcdef),
	L("%ld", LONG_MIN), L("%ld", LONG_MAX), UL("%lu", ULONG_MAX),
	UL("%lx", 0x123456789abcdefUL), UL("%#lo", ULONG_MAX),
	LL("%lld", LLONG_MIN), LL("%lld", LLONG_MAX), LL("%+lld", 0),
	LL("[%-25lld]", LLONG_MIN), LL("[%025lld]", LLONG_MIN),
	ULL("%llu", ULLONG_MAX), ULL("%llx", ULLONG_MAX), ULL("%#llX", ULLONG_MAX),
	ULL("%llo", ULLONG_MAX), ULL("%#llo", ULLONG_MAX), ULL("%.30llu", 1),
	{ "%zu", K_SIZE, .u = SIZE_MAX }, { "%zx", K_SIZE, .u = 4096 },
	{ "%zd", K_SIZE, .u = (size_t)-5 }, { "%zi", K_SIZE, .u = 5 },
	{ "%td", K_PTRDIFF, .v = PTRDIFF_MIN }, { "%tx", K_PTRDIFF, .v = -1 },
	{ "%tu", K_PTRDIFF, .v = -2 }, { "%jd", K_INTMAX, .v = INTMAX_MIN },
	{ "%ju", K_UINTMAX, .u = UINTMAX_MAX }, { "%jx", K_UINTMAX, .u = 1 },
	/* %c */
	I("%c", 'a'), I("[%5c]", 'a'), I("[%-5c]", 'a'), I("[%c]", 0),
	I("[%3c]", 0), I("%c", 0x141), I("%c", 0xe9), I("%c%c", 'x'),
	/* %s */
	S("%s", ""), S("%s", "hello"), S("[%10s]", "hello"), S("[%-10s]", "hello"),
	S("[%.3s]", "hello"), S("[%.0s]", "hello"), S("[%.10s]", "hello"),
	S("[%10.3s]", "hello"), S("[%-10.3s]", "hello"), S("[%2s]", "hello"),
	S("[%.s]", "hello"), S("[%.5s]", "hello"), S("%s%%", "50"),
	S("[%.300s]", "x"), S("%s", "caf\xc3\xa9"),
	/* %p (glibc's form: "(nil)" and %#lx) */
	P("%p", 0), P("[%10p]", 0), P("[%-10p]", 0), P("[%.3p]", 0),
	P("%p", 0x1234), P("%p", UINTPTR_MAX), P("[%20p]", 0xabc),
	P("[%-20p]", 0xabc), P("[%020p]", 0xabc), P("[%.8p]", 0xabc),
	P("[%+p]", 0xabc), P("[% p]", 0xabc), P("[%#p]", 0xabc),
	P("%p", 0xffffffff80000000UL),
	/* '*' width and precision, including negative values */
	{ "[%*d]", K_STAR_INT, .w = 6, .v = 42 },
	{ "[%*d]", K_STAR_INT, .w = -6, .v = 42 },
	{ "[%-*d]", K_STAR_INT, .w = -6, .v = 42 },
	{ "[%0*d]", K_STAR_INT, .w = 6, .v = -42 },
	{ "[%.*d]", K_STAR_INT, .w = 4, .v = 42 },
	{ "[%.*d]", K_STAR_INT, .w = -4, .v = 42 },
	{ "[%.*d]", K_STAR_INT, .w = 0, .v = 0 },
	{ "[%*.*d]", K_STAR2_INT, .w = 8, .p = 4, .v = -42 },
	{ "[%*.*d]", K_STAR2_INT, .w = -8, .p = -1, .v = -42 },
	{ "[%0*.*d]", K_STAR2_INT, .w = 8, .p = -1, .v = -42 },
	{ "[%*.*s]", K_STAR_STR, .w = 8, .p = 3, .s = "hello" },
	{ "[%*.*s]", K_STAR_STR, .w = -8, .p = 3, .s = "hello" },
	{ "[%*.*s]", K_STAR_STR, .w = 2, .p = -3, .s = "hello" },
	{ "[%*.*s]", K_STAR_STR, .w = 0, .p = 0, .s = "hello" },
};

static void test_table_against_glibc(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(table); i++)
		check_row(&table[i]);
}

static void test_mixed_arguments(void **state)
{
	(void)state;
	check("%s=%d (%#x) at %p: %c%c %5.2s|%-4u|%lld", "name", -3, 0x1f,
	      (void *)0x7fff1234, 'o', 'k', "xyz", 9u, -1LL);
	check("%hhd %hd %d %ld %lld %zd %td %jd", (signed char)-1, (short)-2,
	      -3, -4L, -5LL, (size_t)6, (ptrdiff_t)-7, (intmax_t)-8);
	check("%*s|%-*s|%.*s", 5, "a", 5, "b", 1, "cd");
}

/* Values that hit digit-count boundaries, signs and type limits. */
static const unsigned long long edge_values[] = {
	0, 1, 7, 8, 9, 10, 15, 16, 99, 100, 127, 128, 255, 256, 32767, 32768,
	65535, 65536, 999999, 2147483647, 2147483648ULL, 4294967295ULL,
	4294967296ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
	0xffffffffffffffffULL, 0xfffffffffffffffeULL, 1000000000000000000ULL,
	10000000000000000000ULL, 0x123456789abcdefULL,
};

/* Passes v as the type the length modifier and conversion name. */
static void check_int(const char *fmt, const char *len, char conv,
		      unsigned long long v)
{
	bool sgn = conv == 'd' || conv == 'i';

	if (!*len || len[0] == 'h')
		check(fmt, sgn ? (int)v : (int)(unsigned int)v);
	else if (!host_strcmp(len, "l"))
		check(fmt, sgn ? (long)v : (long)(unsigned long)v);
	else if (!host_strcmp(len, "z"))
		check(fmt, (size_t)v);
	else if (!host_strcmp(len, "t"))
		check(fmt, (ptrdiff_t)v);
	else if (!host_strcmp(len, "j"))
		check(fmt, (intmax_t)v);
	else
		check(fmt, (long long)v);
}

/* All flag subsets x widths x precisions x lengths x integer conversions. */
static void test_integer_cross_product(void **state)
{
	(void)state;
	static const char flag_chars[] = "-0+ #";
	static const char *const widths[] = { "", "1", "6", "23" };
	static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".25" };
	static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t", "j" };
	static const char convs[] = "diuxXo";
	static const unsigned long long values[] = {
		0, 1, 42, 0xff, 0x8000, 0x7fffffff, 0x80000000,
		0xfffffffffffffffbULL, 0x8000000000000000ULL,
	};
	unsigned long before = comparisons;

	for (unsigned int fl = 0; fl < 32; fl++)
		for (size_t w = 0; w < ARRAY_SIZE(widths); w++)
			for (size_t p = 0; p < ARRAY_SIZE(precs); p++)
				for (size_t l = 0; l < ARRAY_SIZE(lens); l++)
					for (size_t c = 0; c < 6; c++) {
						char fmt[32], flags[8];
						int nf = 0;

						for (int b = 0; b < 5; b++)
							if (fl & (1u << b))
								flags[nf++] = flag_chars[b];
						flags[nf] = '\0';
						host_snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]",
							      flags, widths[w], precs[p],
							      lens[l], convs[c]);
						for (size_t v = 0; v < ARRAY_SIZE(values); v++)
							check_int(fmt, lens[l], convs[c], values[v]);
					}
	assert_true(comparisons - before > 100000);
}

/* Every edge value through every integer conversion and length. */
static void test_edge_values(void **state)
{
	(void)state;
	static const char *const fmts[] = {
		"%d", "%i", "%u", "%x", "%X", "%o", "%#x", "%#o", "%+d", "% d",
		"%ld", "%lu", "%lx", "%lo", "%#lo", "%lld", "%llu", "%llx", "%+lld",
		"%hd", "%hu", "%hhd", "%hhu", "%zu", "%zd", "%td", "%jd", "%ju",
		"%30lld", "%-30llu|", "%030llo", "%.22llo", "%#.22llo",
	};

	for (size_t f = 0; f < ARRAY_SIZE(fmts); f++) {
		const char *fmt = fmts[f];
		const char *conv = fmt + host_strlen(fmt) - 1;
		char len[3] = "";

		if (*conv == '|')
			conv--;
		if (conv[-1] == 'l' || conv[-1] == 'h' || conv[-1] == 'z' ||
		    conv[-1] == 't' || conv[-1] == 'j') {
			bool two = conv[-2] == conv[-1];

			len[0] = two ? conv[-2] : conv[-1];
			len[1] = two ? conv[-1] : '\0';
		}
		for (size_t v = 0; v < ARRAY_SIZE(edge_values); v++)
			check_int(fmt, len, *conv, edge_values[v]);
	}
}

/* xorshift64*: a fixed seed keeps failures reproducible. */
static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned long long rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A value biased towards the edges that break formatters. */
static unsigned long long random_value(void)
{
	switch (rng() % 4) {
	case 0: return edge_values[rng() % ARRAY_SIZE(edge_values)];
	case 1: return rng() % 1000;
	case 2: return -(rng() % 1000);
	default: return rng() >> (rng() % 64);
	}
}

/* Builds "%[flags][width][.prec][len]conv" at random; returns the conversion. */
static char random_format(char *fmt, char *len)
{
	static const char flag_chars[] = "-0+ #";
	static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t", "j" };
	static const char convs[] = "diuxXocsp";
	char conv = convs[rng() % (sizeof(convs) - 1)];
	char *p = fmt;

	*p++ = '<';
	*p++ = '%';
	for (int n = rng() % 4; n > 0; n--)
		*p++ = flag_chars[rng() % 5];
	if (rng() % 2)
		p += host_snprintf(p, 8, "%d", (int)(rng() % 40));
	if (rng() % 2)
		p += host_snprintf(p, 8, ".%d", (int)(rng() % 40));
	len[0] = '\0';
	if (conv != 'c' && conv != 's' && conv != 'p') {
		host_snprintf(len, 3, "%s", lens[rng() % ARRAY_SIZE(lens)]);
		p += host_snprintf(p, 3, "%s", len);
	}
	*p++ = conv;
	*p++ = '>';
	*p = '\0';
	return conv;
}

/*
 * C leaves '0' with %c/%s/%p and precision with %c/%p undefined, and glibc's
 * (nil) ignores precision: drop those from the random formats.
 */
static bool defined_by_c(const char *fmt, char conv)
{
	bool zero = false, prec = strchr(fmt, '.') != NULL;

	for (const char *p = fmt + 2; *p && strchr("-0+ #", *p); p++)
		zero |= *p == '0';
	if (conv == 'c' || conv == 's')
		return !zero && (conv == 's' || !prec);
	return true;
}

static void test_random_against_glibc(void **state)
{
	(void)state;
	static const char *const strs[] = { "", "x", "hello", "a longer string here" };
	unsigned long done = 0;

	for (int i = 0; i < 200000; i++) {
		char fmt[40], len[3];
		char conv = random_format(fmt, len);

		if (!defined_by_c(fmt, conv))
			continue;
		if (conv == 's')
			check(fmt, strs[rng() % ARRAY_SIZE(strs)]);
		else if (conv == 'c')
			check(fmt, (int)(1 + rng() % 255));
		else if (conv == 'p')
			check(fmt, (void *)(uintptr_t)(rng() % 8 ? random_value() : 0));
		else
			check_int(fmt, len, conv, random_value());
		done++;
	}
	assert_true(done > 150000);
}

/* Everything glibc and Kelp format differently, or Kelp alone defines. */
static void test_kelp_rules(void **state)
{
	(void)state;
	/* NULL %s is "(null)" cut by precision (glibc prints "" below 6). */
	expect("(null)", 6, "%s", (char *)NULL);
	expect("(nu", 3, "%.3s", (char *)NULL);
	expect("    (null)", 10, "%10s", (char *)NULL);
	/* Near-NULL and ERR_PTR values print "(efault)" instead of faulting. */
	expect("(efault)", 8, "%s", (char *)16);
	expect("(efault)", 8, "%s", (char *)ERR_PTR(-EINVAL));
	expect("[(ef]", 5, "[%.3s]", (char *)4095);
	/* '0' never pads strings and characters. */
	expect("[   ab]", 7, "[%05s]", "ab");
	expect("[    x]", 7, "[%05c]", 'x');
	/* Flags and width do not apply to %% (glibc agrees; C leaves it open). */
	expect("%|", 2, "%5%|");
	expect("%|", 2, "%-05%|");
}

static void test_symbols(void **state)
{
	(void)state;
	void *f = (void *)(FAKE_FUNC + 0x1c);

	expect("fake_func+0x1c/0x80", 19, "%pS", f);
	expect("fake_func", 9, "%ps", f);
	expect("at fake_func+0x0/0x80!", 22, "at %pS!", (void *)FAKE_FUNC);
	expect("[fake_func   ]", 14, "[%-12ps]", f);
	expect("[   fake_func]", 14, "[%12ps]", f);
	expect("[fake]", 6, "[%.4ps]", f);
	/* Unknown address: kallsyms' "0x..." form, no '+' to cut at. */
	expect("0xdead", 6, "%pS", (void *)0xdead);
	expect("0xdead", 6, "%ps", (void *)0xdead);
	/* An over-long name is cut to the local buffer, never overflowing it. */
	char out[400];
	int n = snprintf(out, sizeof(out), "%pS", (void *)LONG_FUNC);

	assert_int_equal(n, SYMBOL_BUF - 1);
	assert_int_equal(host_strlen(out), SYMBOL_BUF - 1);
	/* %pGg: allocation flags by name, as Linux prints them. */
	unsigned int gk = 0x0, ga = 0x1, gz = 0x100, gx = 0x1001;

	expect("GFP_KERNEL", 10, "%pGg", &gk);
	expect("GFP_ATOMIC", 10, "%pGg", &ga);
	expect("GFP_KERNEL|__GFP_ZERO", 21, "%pGg", &gz);
	expect("GFP_ATOMIC|0x1000", 17, "%pGg", &gx);
	expect("(null)", 6, "%pGg", NULL);
	/* Other letters after %p are ordinary text, as in C. */
	expect("(nil)x", 6, "%px", NULL);
	expect("0x10K", 5, "%pK", (void *)16);
}

/* An unknown conversion is copied out verbatim and ends the output. */
static void test_invalid_conversions(void **state)
{
	(void)state;
	char buf[32];

	expect("abc %y", 6, "abc %y def %d", 5);
	expect("%-5.2k", 6, "%-5.2k %s", "never read");
	expect("x%", 2, "x%");
	expect("%l", 2, "%l");
	expect("%hh", 3, "%hh");
	expect("1 %q", 4, "%d %q %s", 1, "never read");
	/* %n is refused: nothing is stored through the pointer. */
	int target = 77;

	expect("ab%n", 4, "ab%n", &target);
	assert_int_equal(target, 77);
	const char *bad = "%w";	/* not a literal: gcc would warn */

	assert_int_equal(snprintf(buf, 3, bad), 2);
	assert_string_equal(buf, "%w");
}

static void test_sizes(void **state)
{
	(void)state;
	char buf[8];

	assert_int_equal(snprintf(NULL, 0, "%d", 12345), 5);
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, 0, "abc"), 3);
	assert_int_equal(buf[0], 'z');			/* size 0: untouched */
	assert_int_equal(snprintf(buf, 1, "abc"), 3);
	assert_string_equal(buf, "");
	assert_int_equal(buf[1], 'z');
	assert_int_equal(snprintf(buf, 4, "abc"), 3);	/* exact fit */
	assert_string_equal(buf, "abc");
	assert_int_equal(snprintf(buf, 3, "abc"), 3);	/* one short */
	assert_string_equal(buf, "ab");
	assert_int_equal(snprintf(buf, sizeof(buf), "%s", ""), 0);
	assert_string_equal(buf, "");
	/* A NULL format prints nothing instead of faulting. */
	const char *null_fmt = NULL;

	assert_int_equal(snprintf(buf, sizeof(buf), null_fmt), 0);
	assert_string_equal(buf, "");
}

/* Not __printf-annotated: takes formats gcc would reject at compile time. */
static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Widths past any buffer cost time only for the bytes that fit. */
static void test_huge_widths(void **state)
{
	(void)state;
	char buf[16];

	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%2147483647d", 1), INT_MAX);
	assert_memory_equal(buf, "               ", 15);
	assert_int_equal(buf[15], '\0');
	/* Saturating width digits, and two fields past INT_MAX: clamped. */
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%99999999999999d", 1), INT_MAX);
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%2147483647d%2147483647d",
					1, 2), INT_MAX);
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%.2147483647d", 1), INT_MAX);
	assert_int_equal(buf[0], '0');
	/* A '*' of INT_MIN is left-justified INT_MAX. */
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%*d", INT_MIN, 7), INT_MAX);
	assert_int_equal(buf[0], '7');
	assert_int_equal(buf[1], ' ');
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%-1000000s|", "a"), 1000001);
}

static int call_vscnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_scnprintf(void **state)
{
	(void)state;
	char buf[8];
	size_t pos;

	assert_int_equal(scnprintf(buf, sizeof(buf), "%d", 123), 3);
	assert_string_equal(buf, "123");
	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "123456789"), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	assert_int_equal(scnprintf(buf, 1, "abc"), 0);
	assert_int_equal(scnprintf(NULL, 0, "abc"), 0);
	assert_int_equal(call_vscnprintf(buf, 4, "%x", 0xabcdef), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(call_vscnprintf(buf, sizeof(buf), "%d", -5), 2);
	/* The idiom it exists for: appending until full, never overrunning. */
	pos = 0;
	for (int i = 0; i < 10; i++)
		pos += scnprintf(buf + pos, sizeof(buf) - pos, "%d,", i);
	assert_int_equal(pos, 7);
	assert_string_equal(buf, "0,1,2,3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_against_glibc),
		cmocka_unit_test(test_mixed_arguments),
		cmocka_unit_test(test_integer_cross_product),
		cmocka_unit_test(test_edge_values),
		cmocka_unit_test(test_random_against_glibc),
		cmocka_unit_test(test_kelp_rules),
		cmocka_unit_test(test_symbols),
		cmocka_unit_test(test_invalid_conversions),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_huge_widths),
		cmocka_unit_test(test_scnprintf),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	print_message("%lu comparisons with glibc\n", comparisons);
	return failed;
}
