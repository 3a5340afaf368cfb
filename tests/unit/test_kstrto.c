/*
 * Host unit tests of kernel/lib/kstrto.c: tables of inputs with the result
 * or error Linux's kstrto*() give for them (prefixes, signs, the one allowed
 * newline, overflow at every type's limits, bases), a check that *res is never
 * written on error, round trips of seeded random values through glibc's
 * printf in every base, and the full kstrtobool() alphabet.
 */
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/string.h>

#include "../../kernel/lib/kstrto.c"
#include "../../kernel/lib/string.c"

#define SENTINEL 0x5a5a5a5a5a5a5a5aULL

struct ucase {
	const char *s;
	unsigned int base;
	int err;
	unsigned long long val;
};

static const struct ucase ull_cases[] = {
	{ "0", 10, 0, 0 },
	{ "1", 10, 0, 1 },
	{ "+1", 10, 0, 1 },
	{ "007", 10, 0, 7 },
	{ "18446744073709551615", 10, 0, ULLONG_MAX },
	{ "18446744073709551616", 10, -ERANGE, 0 },
	{ "99999999999999999999", 10, -ERANGE, 0 },
	{ "99999999999999999999x", 10, -ERANGE, 0 },	/* overflow wins */
	{ "00000000000000000000000000000000001", 10, 0, 1 },
	/* base 0 detection */
	{ "0x10", 0, 0, 16 },
	{ "0X1f", 0, 0, 31 },
	{ "0xABCdef", 0, 0, 0xabcdef },
	{ "010", 0, 0, 8 },
	{ "0", 0, 0, 0 },
	{ "00", 0, 0, 0 },
	{ "08", 0, -EINVAL, 0 },
	{ "0x", 0, -EINVAL, 0 },
	{ "0x\n", 0, -EINVAL, 0 },
	{ "0xg", 0, -EINVAL, 0 },
	{ "0x0x1", 0, -EINVAL, 0 },
	{ "10", 0, 0, 10 },
	{ "+0x10", 0, 0, 16 },
	{ "0xffffffffffffffff", 0, 0, ULLONG_MAX },
	{ "0x10000000000000000", 0, -ERANGE, 0 },
	{ "01777777777777777777777", 0, 0, ULLONG_MAX },
	{ "02000000000000000000000", 0, -ERANGE, 0 },
	/* explicit bases */
	{ "0x10", 16, 0, 16 },
	{ "0X10", 16, 0, 16 },
	{ "10", 16, 0, 16 },
	{ "fF", 16, 0, 255 },
	{ "0x", 16, -EINVAL, 0 },
	{ "g", 16, -EINVAL, 0 },
	{ "0x10", 10, -EINVAL, 0 },
	{ "0x10", 8, -EINVAL, 0 },
	{ "777", 8, 0, 0777 },
	{ "8", 8, -EINVAL, 0 },
	{ "101", 2, 0, 5 },
	{ "2", 2, -EINVAL, 0 },
	{ "1111111111111111111111111111111111111111111111111111111111111111", 2, 0,
	  ULLONG_MAX },
	{ "10000000000000000000000000000000000000000000000000000000000000000", 2,
	  -ERANGE, 0 },
	{ "a", 11, 0, 10 },
	{ "b", 11, -EINVAL, 0 },
	{ "zz", 36, -EINVAL, 0 },		/* bases above 16 are refused */
	{ "0", 1, -EINVAL, 0 },
	{ "1", 17, -EINVAL, 0 },
	{ "1", 100, -EINVAL, 0 },
	/* whole string, one newline */
	{ "5\n", 10, 0, 5 },
	{ "0x5\n", 0, 0, 5 },
	{ "5\n\n", 10, -EINVAL, 0 },
	{ "5\nx", 10, -EINVAL, 0 },
	{ "5 ", 10, -EINVAL, 0 },
	{ " 5", 10, -EINVAL, 0 },
	{ "5x", 10, -EINVAL, 0 },
	{ "5.0", 10, -EINVAL, 0 },
	{ "\n", 10, -EINVAL, 0 },
	{ "", 10, -EINVAL, 0 },
	{ "", 0, -EINVAL, 0 },
	{ "+", 10, -EINVAL, 0 },
	{ "++5", 10, -EINVAL, 0 },
	{ "-5", 10, -EINVAL, 0 },	/* unsigned: no minus */
	{ "-0", 10, -EINVAL, 0 },
	{ "\xff", 10, -EINVAL, 0 },
	{ "1\xff", 16, -EINVAL, 0 },
};

static void test_kstrtoull_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ull_cases); i++) {
		const struct ucase *c = &ull_cases[i];
		unsigned long long v = SENTINEL;
		unsigned long ul = SENTINEL;
		int err = kstrtoull(c->s, c->base, &v);

		if (err != c->err || v != (c->err ? SENTINEL : c->val)) {
			print_error("kstrtoull(\"%s\", %u) = %d, %llu; want %d, %llu\n",
				    c->s, c->base, err, v, c->err, c->val);
			fail();
		}
		/* long is 64 bits here: kstrtoul agrees with kstrtoull. */
		assert_int_equal(kstrtoul(c->s, c->base, &ul), c->err);
		assert_int_equal(ul, c->err ? SENTINEL : c->val);
	}
}

struct scase {
	const char *s;
	unsigned int base;
	int err;
	long long val;
};

static const struct scase ll_cases[] = {
	{ "0", 10, 0, 0 },
	{ "-0", 10, 0, 0 },
	{ "+0", 10, 0, 0 },
	{ "-1", 10, 0, -1 },
	{ "+42", 10, 0, 42 },
	{ "9223372036854775807", 10, 0, LLONG_MAX },
	{ "9223372036854775808", 10, -ERANGE, 0 },
	{ "+9223372036854775808", 10, -ERANGE, 0 },
	{ "-9223372036854775808", 10, 0, LLONG_MIN },
	{ "-9223372036854775809", 10, -ERANGE, 0 },
	{ "-18446744073709551615", 10, -ERANGE, 0 },
	{ "-18446744073709551616", 10, -ERANGE, 0 },
	{ "18446744073709551615", 10, -ERANGE, 0 },
	{ "-0x10", 0, 0, -16 },
	{ "-010", 0, 0, -8 },
	{ "-0x10", 16, 0, -16 },
	{ "-ff", 16, 0, -255 },
	{ "0x7fffffffffffffff", 0, 0, LLONG_MAX },
	{ "0x8000000000000000", 0, -ERANGE, 0 },
	{ "-0x8000000000000000", 0, 0, LLONG_MIN },
	{ "-0x8000000000000001", 0, -ERANGE, 0 },
	{ "-5\n", 10, 0, -5 },
	{ "-", 10, -EINVAL, 0 },
	{ "-\n", 10, -EINVAL, 0 },
	{ "--1", 10, -EINVAL, 0 },
	{ "-+1", 10, -EINVAL, 0 },
	{ "+-1", 10, -EINVAL, 0 },
	{ " -1", 10, -EINVAL, 0 },
	{ "-1 ", 10, -EINVAL, 0 },
	{ "-0x", 0, -EINVAL, 0 },
	{ "-1", 1, -EINVAL, 0 },
	{ "", 10, -EINVAL, 0 },
};

static void test_kstrtoll_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ll_cases); i++) {
		const struct scase *c = &ll_cases[i];
		long long v = (long long)SENTINEL;
		long l = (long)SENTINEL;
		int err = kstrtoll(c->s, c->base, &v);

		if (err != c->err || v != (c->err ? (long long)SENTINEL : c->val)) {
			print_error("kstrtoll(\"%s\", %u) = %d, %lld; want %d, %lld\n",
				    c->s, c->base, err, v, c->err, c->val);
			fail();
		}
		assert_int_equal(kstrtol(c->s, c->base, &l), c->err);
		assert_true(l == (c->err ? (long)SENTINEL : c->val));
	}
}

static void test_kstrtouint(void **state)
{
	(void)state;
	unsigned int v = 77;

	assert_int_equal(kstrtouint("4294967295", 10, &v), 0);
	assert_int_equal(v, UINT_MAX);
	assert_int_equal(kstrtouint("0xffffffff", 0, &v), 0);
	assert_int_equal(v, UINT_MAX);
	assert_int_equal(kstrtouint("+0", 0, &v), 0);
	assert_int_equal(v, 0);
	v = 77;
	assert_int_equal(kstrtouint("4294967296", 10, &v), -ERANGE);
	assert_int_equal(kstrtouint("0x100000000", 16, &v), -ERANGE);
	assert_int_equal(kstrtouint("18446744073709551616", 10, &v), -ERANGE);
	assert_int_equal(kstrtouint("-1", 10, &v), -EINVAL);
	assert_int_equal(kstrtouint("1a", 10, &v), -EINVAL);
	assert_int_equal(kstrtouint("", 10, &v), -EINVAL);
	assert_int_equal(v, 77);
	assert_int_equal(kstrtouint("12\n", 10, &v), 0);
	assert_int_equal(v, 12);
}

static void test_kstrtoint(void **state)
{
	(void)state;
	int v = 77;

	assert_int_equal(kstrtoint("2147483647", 10, &v), 0);
	assert_int_equal(v, INT_MAX);
	assert_int_equal(kstrtoint("-2147483648", 10, &v), 0);
	assert_int_equal(v, INT_MIN);
	assert_int_equal(kstrtoint("-0x80000000", 0, &v), 0);
	assert_int_equal(v, INT_MIN);
	assert_int_equal(kstrtoint("-017", 0, &v), 0);
	assert_int_equal(v, -15);
	v = 77;
	assert_int_equal(kstrtoint("2147483648", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("-2147483649", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("0xffffffff", 0, &v), -ERANGE);	/* no wrap */
	assert_int_equal(kstrtoint("4294967295", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("-9223372036854775808", 10, &v), -ERANGE);
	assert_int_equal(kstrtoint("1-", 10, &v), -EINVAL);
	assert_int_equal(kstrtoint("", 0, &v), -EINVAL);
	assert_int_equal(v, 77);
}

/* xorshift64*: a fixed seed keeps failures reproducible. */
static unsigned long long rng_state = 0x2545f4914f6cdd1dULL;

static unsigned long long rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Values of every magnitude: shift a random word right by a random amount. */
static unsigned long long random_value(void)
{
	return rng() >> (rng() % 64);
}

/* Prints v in every base and form glibc knows and parses each back. */
static void test_round_trip_unsigned(void **state)
{
	(void)state;
	for (int i = 0; i < 100000; i++) {
		unsigned long long v = random_value(), got;
		char s[48];

		host_snprintf(s, sizeof(s), "%llu", v);
		assert_int_equal(kstrtoull(s, 10, &got), 0);
		assert_true(got == v);
		host_snprintf(s, sizeof(s), "%llx", v);
		assert_int_equal(kstrtoull(s, 16, &got), 0);
		assert_true(got == v);
		host_snprintf(s, sizeof(s), "%#llX\n", v);
		assert_int_equal(kstrtoull(s, v ? 0 : 16, &got), 0);
		assert_true(got == v);
		host_snprintf(s, sizeof(s), "%#llo", v);
		assert_int_equal(kstrtoull(s, 0, &got), 0);
		assert_true(got == v);
		host_snprintf(s, sizeof(s), "%llo", v);
		assert_int_equal(kstrtoull(s, 8, &got), 0);
		assert_true(got == v);
	}
}

static void test_round_trip_signed(void **state)
{
	(void)state;
	for (int i = 0; i < 100000; i++) {
		long long v = (long long)random_value(), got;
		int iv = (int)v, igot;
		char s[48];

		if (rng() & 1)	/* negate as unsigned: LLONG_MIN stays itself */
			v = (long long)(0 - (unsigned long long)v);
		host_snprintf(s, sizeof(s), "%lld", v);
		assert_int_equal(kstrtoll(s, 0, &got), 0);
		assert_true(got == v);
		host_snprintf(s, sizeof(s), "%+lld\n", v);
		assert_int_equal(kstrtoll(s, 10, &got), 0);
		assert_true(got == v);
		host_snprintf(s, sizeof(s), "%d", iv);
		assert_int_equal(kstrtoint(s, 10, &igot), 0);
		assert_int_equal(igot, iv);
		/* The same digits with one more at the end overflow an int. */
		host_snprintf(s, sizeof(s), "%d0", iv);
		if ((long long)iv * 10 > INT_MAX || (long long)iv * 10 < INT_MIN)
			assert_int_equal(kstrtoint(s, 10, &igot), -ERANGE);
	}
}

/* Linux's kstrtobool: the first character, or "o" and the second one. */
static void test_kstrtobool_alphabet(void **state)
{
	(void)state;
	for (int c0 = 0; c0 < 256; c0++)
		for (int c1 = 0; c1 < 256; c1++) {
			const char s[3] = { (char)c0, (char)c1, '\0' };
			bool v = false, w = true;
			int err = kstrtobool(s, &v);
			int want = -1;

			if (c0 && strchr("1yYtTeE", c0))
				want = 1;
			else if (c0 && strchr("0nNfFdD", c0))
				want = 0;
			else if ((c0 == 'o' || c0 == 'O') && c1 && strchr("nN", c1))
				want = 1;
			else if ((c0 == 'o' || c0 == 'O') && c1 && strchr("fF", c1))
				want = 0;
			/* Both outcomes must agree, even from the other start value. */
			assert_int_equal(kstrtobool(s, &w), err);
			if (want < 0) {
				assert_int_equal(err, -EINVAL);
				assert_false(v);	/* untouched */
				assert_true(w);
			} else {
				assert_int_equal(err, 0);
				assert_int_equal(v, want);
				assert_int_equal(w, want);
			}
		}
}

static void test_kstrtobool_words(void **state)
{
	(void)state;
	static const char *const yes[] = {
		"1", "y", "Y", "yes", "t", "true", "TRUE", "e", "enabled", "on",
		"ON", "oN", "y\n", "1\n", "on\n", "11", "yolo",
	};
	static const char *const no[] = {
		"0", "n", "N", "no", "f", "false", "False", "d", "disabled", "off",
		"OFF", "of", "0\n", "off\n", "00",
	};
	static const char *const bad[] = {
		"", "\n", "o", "o\n", "ox", "2", "-1", " y", "x", "oo", "\xff",
	};
	bool v;

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		v = false;
		assert_int_equal(kstrtobool(yes[i], &v), 0);
		assert_true(v);
	}
	for (size_t i = 0; i < ARRAY_SIZE(no); i++) {
		v = true;
		assert_int_equal(kstrtobool(no[i], &v), 0);
		assert_false(v);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		v = true;
		assert_int_equal(kstrtobool(bad[i], &v), -EINVAL);
		assert_true(v);
	}
	assert_int_equal(kstrtobool(NULL, &v), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kstrtoull_table),
		cmocka_unit_test(test_kstrtoll_table),
		cmocka_unit_test(test_kstrtouint),
		cmocka_unit_test(test_kstrtoint),
		cmocka_unit_test(test_round_trip_unsigned),
		cmocka_unit_test(test_round_trip_signed),
		cmocka_unit_test(test_kstrtobool_alphabet),
		cmocka_unit_test(test_kstrtobool_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
