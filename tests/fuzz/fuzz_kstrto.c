/*
 * libFuzzer target for kernel/lib/kstrto.c (sysfs stores and module
 * parameters feed it untrusted text). The first byte picks a base, the rest
 * becomes a NUL-terminated string given to every kstrto*(). Checked: only
 * 0/-EINVAL/-ERANGE come back and *res is untouched on error; kstrtoull()
 * agrees with glibc's strtoull() where both grammars apply; the typed
 * variants agree with each other; results survive a print/parse round trip
 * through the kernel's own snprintf(), which must match glibc's byte for byte.
 */
#define KELP_NO_CMOCKA
#include "unit.h"

#include <errno.h>

#include <kelp/kallsyms.h>
#include <kelp/kstrto.h>
#include <kelp/string.h>

#include "../../kernel/lib/kstrto.c"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"

#define SENTINEL 0x5a5a5a5a5a5a5a5aULL

/* vsprintf.c links against kallsyms; nothing here prints symbols. */
int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return host_snprintf(buf, len, "0x%lx", addr);
}

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

static void check_err(int err)
{
	CHECK(err == 0 || err == -EINVAL || err == -ERANGE);
}

/*
 * What kstrtoull() must return, derived from glibc's strtoull() for the
 * inputs both accept in the same way: starting with '+' or an alphanumeric
 * (glibc also skips blanks and takes '-'), base 0 or 2..16.
 */
static bool oracle_ull(const char *s, unsigned int base, int *err,
		       unsigned long long *val)
{
	const char *digits = s[0] == '+' ? s + 1 : s;
	char *end;

	if (!(s[0] == '+' || (s[0] >= '0' && s[0] <= '9') ||
	      ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')))
		return false;
	if (base == 1 || base > 16)
		return false;
	if (*digits == '+' || *digits == '-' || *digits == ' ' ||
	    (*digits >= '\t' && *digits <= '\r'))
		return false;	/* glibc would take a second sign or blanks */
	errno = 0;
	*val = strtoull(s, &end, base);
	if (end == s)
		*err = -EINVAL;
	else if (errno == ERANGE)
		*err = -ERANGE;	/* overflow wins over trailing garbage */
	else if (*end == '\n' ? end[1] != '\0' : *end != '\0')
		*err = -EINVAL;
	else
		*err = 0;
	return true;
}

/* The kernel's snprintf() must print v exactly as glibc does. */
static void check_print(unsigned long long v, long long sv)
{
	static const char *const ufmts[] = { "%llu", "%#llx", "%#llo", "%-25llX|",
					     "%030.22llo" };
	static const char *const sfmts[] = { "%lld", "%+lld", "% 24lld", "%-+30.25lld|",
					     "%024lld" };
	char want[64], got[64];

	for (size_t i = 0; i < ARRAY_SIZE(ufmts); i++) {
		int n1 = host_snprintf(want, sizeof(want), ufmts[i], v);
		int n2 = snprintf(got, sizeof(got), ufmts[i], v);

		CHECK(n1 == n2 && host_strcmp(want, got) == 0);
	}
	for (size_t i = 0; i < ARRAY_SIZE(sfmts); i++) {
		int n1 = host_snprintf(want, sizeof(want), sfmts[i], sv);
		int n2 = snprintf(got, sizeof(got), sfmts[i], sv);

		CHECK(n1 == n2 && host_strcmp(want, got) == 0);
	}
}

static void check_unsigned(const char *s, unsigned int base)
{
	unsigned long long v = SENTINEL, back = SENTINEL, ov;
	unsigned long ul = SENTINEL;
	unsigned int ui = 0x5a5a5a5a;
	int err = kstrtoull(s, base, &v), oerr;
	char buf[32];

	check_err(err);
	CHECK(err == 0 || v == SENTINEL);
	if (oracle_ull(s, base, &oerr, &ov)) {
		CHECK(err == oerr);
		CHECK(err || v == ov);
	}
	/* long is 64 bits: kstrtoul is kstrtoull. */
	CHECK(kstrtoul(s, base, &ul) == err);
	CHECK(ul == (err ? SENTINEL : v));
	/* kstrtouint: same parse, narrower range. */
	int uerr = kstrtouint(s, base, &ui);

	if (err)
		CHECK(uerr == err && ui == 0x5a5a5a5a);
	else if (v > UINT_MAX)
		CHECK(uerr == -ERANGE && ui == 0x5a5a5a5a);
	else
		CHECK(uerr == 0 && ui == v);
	if (err)
		return;
	/* Round trip through the kernel's printf, in decimal and in hex. */
	snprintf(buf, sizeof(buf), "%llu", v);
	CHECK(kstrtoull(buf, 10, &back) == 0 && back == v);
	snprintf(buf, sizeof(buf), "%#llx\n", v);
	CHECK(kstrtoull(buf, 16, &back) == 0 && back == v);
	check_print(v, (long long)v);
}

static void check_signed(const char *s, unsigned int base)
{
	unsigned long long u = SENTINEL;
	long long v = (long long)SENTINEL, back;
	long l = (long)SENTINEL;
	int i = 0x5a5a5a5a;
	int err = kstrtoll(s, base, &v);
	char buf[32];

	check_err(err);
	CHECK(err == 0 || v == (long long)SENTINEL);
	/* Defined by kstrtoull on the magnitude. */
	if (s[0] == '-') {
		int uerr = kstrtoull(s + 1, base, &u);

		/* "-+5" is refused although kstrtoull takes "+5". */
		if (s[1] == '+')
			CHECK(err == -EINVAL);
		else if (uerr)
			CHECK(err == uerr);
		else if (u > (unsigned long long)LLONG_MAX + 1)
			CHECK(err == -ERANGE);
		else
			CHECK(err == 0 && (unsigned long long)v == 0 - u);
	} else {
		int uerr = kstrtoull(s, base, &u);

		if (uerr)
			CHECK(err == uerr);
		else if (u > LLONG_MAX)
			CHECK(err == -ERANGE);
		else
			CHECK(err == 0 && (unsigned long long)v == u);
	}
	CHECK(kstrtol(s, base, &l) == err);
	CHECK(l == (err ? (long)SENTINEL : v));
	int ierr = kstrtoint(s, base, &i);

	if (err)
		CHECK(ierr == err && i == 0x5a5a5a5a);
	else if (v < INT_MIN || v > INT_MAX)
		CHECK(ierr == -ERANGE && i == 0x5a5a5a5a);
	else
		CHECK(ierr == 0 && i == v);
	if (err)
		return;
	snprintf(buf, sizeof(buf), "%lld", v);
	CHECK(kstrtoll(buf, 0, &back) == 0 && back == v);
	check_print((unsigned long long)v, v);
}

/* Linux's rule, restated: first character, or 'o' and the second one. */
static void check_bool(const char *s)
{
	bool a = false, b = true;
	int err = kstrtobool(s, &a);
	int want = -1;

	CHECK(kstrtobool(s, &b) == err);
	if (s[0] && strchr("1yYtTeE", s[0]))
		want = 1;
	else if (s[0] && strchr("0nNfFdD", s[0]))
		want = 0;
	else if ((s[0] | 0x20) == 'o' && (s[1] | 0x20) == 'n')
		want = 1;
	else if ((s[0] | 0x20) == 'o' && (s[1] | 0x20) == 'f')
		want = 0;
	if (want < 0)
		CHECK(err == -EINVAL && !a && b);
	else
		CHECK(err == 0 && a == want && b == want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Mostly the bases callers use; sometimes any value, valid or not. */
	static const unsigned int bases[] = { 0, 10, 16, 8, 2, 0, 10, 16 };
	unsigned int base;
	char *s;

	if (size < 1)
		return 0;
	base = data[0] < 0xf0 ? bases[data[0] % ARRAY_SIZE(bases)] : data[0] - 0xf0 + 1;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	check_unsigned(s, base);
	check_signed(s, base);
	check_bool(s);
	free(s);
	return 0;
}
