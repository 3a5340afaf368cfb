/*
 * libFuzzer target for kernel/lib/vsscanf.c (modules parse sysfs stores
 * and parameter text, untrusted, with sscanf). The first byte picks one of
 * the formats modules write; the rest, NUL-terminated, is the input.
 * Checked: no crash or overrun (ASan: every string buffer is as big as
 * the input, as a module's must be for an unbounded %s), the result never
 * exceeds the format's conversions, and a plain "%d" of an in-range
 * decimal agrees with glibc's strtol().
 */
#define KELP_NO_CMOCKA
#include "unit.h"

#include <errno.h>

#include "../../kernel/lib/string.c"
#define vsscanf kelp_vsscanf
#define sscanf kelp_sscanf
#include "../../kernel/lib/vsscanf.c"

static const struct {
	const char *fmt;
	int convs;
} formats[] = {
	{ "%d", 1 }, { "%u %x", 2 }, { "%i,%i", 2 }, { "%hhd:%hu:%lld", 3 },
	{ "%s %s", 2 }, { "%3c%n%d", 2 }, { "%*s %d", 1 }, { "%15[^,],%d", 2 },
	{ "%zu%%%o", 2 }, { "v=%lx w=%5s", 2 }, { "%2d%1d%d", 3 }, { "%15[abc-]%s", 2 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int pick = size ? data[0] % (sizeof(formats) / sizeof(formats[0])) : 0;
	char *in = strndup(size ? (const char *)data + 1 : "", size ? size - 1 : 0);
	size_t cap = strlen(in) + 16;
	char *s1 = calloc(1, cap), *s2 = calloc(1, cap);
	long long ll = 0;
	unsigned long ul = 0;
	int i1 = 0, i2 = 0, i3 = 0, n = 0, r;
	unsigned int u1 = 0, u2 = 0;
	unsigned short hu = 0;
	signed char hhd = 0;
	size_t z = 0;
	const char *f = formats[pick].fmt;

	switch (pick) {
	case 0: r = sscanf(in, f, &i1); break;
	case 1: r = sscanf(in, f, &u1, &u2); break;
	case 2: r = sscanf(in, f, &i1, &i2); break;
	case 3: r = sscanf(in, f, &hhd, &hu, &ll); break;
	case 4: r = sscanf(in, f, s1, s2); break;
	case 5: r = sscanf(in, f, s1, &n, &i1); break;
	case 6: r = sscanf(in, f, &i1); break;
	case 7: r = sscanf(in, f, s1, &i1); break;
	case 8: r = sscanf(in, f, &z, &u1); break;
	case 9: r = sscanf(in, f, &ul, s1); break;
	case 10: r = sscanf(in, f, &i1, &i2, &i3); break;
	default: r = sscanf(in, f, s1, s2); break;
	}
	if (r < 0 || r > formats[pick].convs)
		abort();
	if (n < 0 || (size_t)n > strlen(in))
		abort();
	if (pick == 0) {
		const char *p = in;
		char *end;
		long v;

		while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		errno = 0;
		v = strtol(p, &end, 10);
		/* both grammars: optional '-', decimal digits, in int range */
		if (end != p && *p != '+' && !errno && v >= INT_MIN && v <= INT_MAX &&
		    (r != 1 || i1 != (int)v))
			abort();
	}
	free(s1);
	free(s2);
	free(in);
	return 0;
}
