/*
 * Host unit tests of kernel/lib/vsscanf.c: Linux's sscanf as modules use it
 * to parse sysfs and parameter text. Each case gives an input, a format
 * and the conversions and values Linux's lib/vsprintf.c produces, quirks
 * included (%*, %[ without a width, %s that copies nothing, %n).
 */
#include "unit.h"

#include <kelp/string.h>

#define vsscanf kelp_vsscanf
#define sscanf kelp_sscanf
#include "../../kernel/lib/vsscanf.c"

static void test_integers(void **state)
{
	int a = 0, b = 0;
	unsigned int u = 0;
	long l = 0;
	long long ll = 0;
	unsigned long long ull = 0;
	short h = 0;
	unsigned char hh = 0;
	size_t z = 0;

	(void)state;
	assert_int_equal(sscanf("12 -34", "%d %d", &a, &b), 2);
	assert_int_equal(a, 12);
	assert_int_equal(b, -34);
	assert_int_equal(sscanf("  0x1f", "%x", &u), 1);
	assert_int_equal(u, 0x1f);
	assert_int_equal(sscanf("0x1f 017 9", "%i %i %i", &a, &b, &u), 3);
	assert_int_equal(a, 31);
	assert_int_equal(b, 15);
	assert_int_equal(u, 9);
	assert_int_equal(sscanf("777", "%o", &u), 1);
	assert_int_equal(u, 0777);
	assert_int_equal(sscanf("-5 123456789012 -9000000000", "%ld %llu %lld", &l, &ull, &ll), 3);
	assert_int_equal(l, -5);
	assert_true(ull == 123456789012ULL);
	assert_true(ll == -9000000000LL);
	assert_int_equal(sscanf("70000 300 42", "%hd %hhu %zu", &h, &hh, &z), 3);
	assert_int_equal(h, (short)70000);	/* cut to the type, as Linux */
	assert_int_equal(hh, 44);
	assert_int_equal(z, 42);
	/* width limits the digits; the rest is the next conversion's */
	assert_int_equal(sscanf("12345", "%2d%d", &a, &b), 2);
	assert_int_equal(a, 12);
	assert_int_equal(b, 345);
	/* a lone '-' with width 1 is no number */
	assert_int_equal(sscanf("-5", "%1d", &a), 0);
	/* '-' is not a digit for %u */
	assert_int_equal(sscanf("-5", "%u", &u), 0);
}

static void test_literals_and_stops(void **state)
{
	int a = 7, b = 7;
	char s[16];

	(void)state;
	assert_int_equal(sscanf("v=3,w=4", "v=%d,w=%d", &a, &b), 2);
	assert_int_equal(b, 4);
	assert_int_equal(sscanf("v:3", "v=%d", &a), 0);	/* literal mismatch */
	assert_int_equal(sscanf("", "%d", &a), 0);		/* never EOF */
	assert_int_equal(sscanf("x", "%d", &a), 0);
	assert_int_equal(sscanf("5 abc", "%d %d", &a, &b), 1);
	assert_int_equal(sscanf("50%", "%d%%", &a), 1);
	assert_int_equal(sscanf("1 2", "%d%q", &a, &b), 1);	/* unknown conversion stops */
	assert_int_equal(sscanf("12", "%99999d", &a), 0);	/* width too big for Linux's s16 */
	/* white space in the format matches any amount, including none */
	assert_int_equal(sscanf("a   b", "a b%s", s), 0);	/* nothing left for %s */
	assert_int_equal(sscanf("a\t\nb c", "a b %s", s), 1);
	assert_string_equal(s, "c");
}

static void test_strings(void **state)
{
	char s[32], t[32], c[4] = { 0 };
	int n = -1, a = 0;

	(void)state;
	assert_int_equal(sscanf("  hello world", "%s %s", s, t), 2);
	assert_string_equal(s, "hello");
	assert_string_equal(t, "world");
	assert_int_equal(sscanf("abcdef", "%3s%s", s, t), 2);
	assert_string_equal(s, "abc");
	assert_string_equal(t, "def");
	assert_int_equal(sscanf("xyz", "%c", c), 1);
	assert_int_equal(c[0], 'x');
	assert_int_equal(sscanf("xy", "%3c", c), 1);	/* copies what is left */
	assert_memory_equal(c, "xy", 2);
	assert_int_equal(sscanf("ab12", "%8[a-z]%d", s, &a), 1);	/* no ranges: a, -, z */
	assert_string_equal(s, "a");
	assert_int_equal(sscanf("abc,def", "%8[^,],%s", s, t), 2);
	assert_string_equal(s, "abc");
	assert_string_equal(t, "def");
	assert_int_equal(sscanf("abc", "%[abc]", s), 0);	/* %[ needs a width */
	assert_int_equal(sscanf("xbc", "%8[abc]", s), 0);	/* matches nothing */
	assert_int_equal(sscanf("ab cd", "%*s %s", s), 1);
	assert_string_equal(s, "cd");
	assert_int_equal(sscanf("12 34", "%d%n", &a, &n), 1);	/* %n is not counted */
	assert_int_equal(n, 2);
	assert_int_equal(sscanf("abc", "%2s", s), 1);
	assert_string_equal(s, "ab");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_literals_and_stops),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
