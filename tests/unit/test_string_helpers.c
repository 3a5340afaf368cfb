/*
 * Host unit tests of kernel/lib/string_helpers.c and kernel/lib/bprintf.c.
 * Binary printf: what vbin_printf packs, bstr_printf prints exactly as
 * vsnprintf prints the same arguments (every length modifier, starred
 * widths, strings copied at packing, %pS), with Linux's packed layout, a
 * too-small packing buffer reporting the size it needs, and a short output
 * buffer NUL-terminated and counted. string_escape_mem() for
 * each ESCAPE_* class and their combinations (the pass-through classes
 * NP/NA/NAP with Linux's Latin-1 printable set, the only list with and
 * without ESCAPE_APPEND, octal before hex), against outputs worked out
 * from Linux's rules; and the truncated output: the return value counts
 * everything while no byte goes past osz (ASan watches exact-size buffers).
 */
#include "unit.h"

#include <kelp/string.h>
#include <kelp/string_helpers.h>

#include <kelp/errno.h>
#include <kelp/kallsyms.h>

#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "../../kernel/lib/string_helpers.c"
#include "../../kernel/lib/bprintf.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "sym_%lx+0x0/0x10", addr);
}

/* Packs fmt's arguments, prints them back, and compares with vsnprintf. */
static void roundtrip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void roundtrip(const char *fmt, ...)
{
	u32 bin[64];
	char want[256], got[256];
	va_list ap, ap2;
	int words, n, wn;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	words = vbin_printf(bin, 64, fmt, ap);
	wn = kelp_vsnprintf(want, sizeof(want), fmt, ap2);
	va_end(ap2);
	va_end(ap);
	assert_true(words >= 0 && words <= 64);
	n = bstr_printf(got, sizeof(got), fmt, bin);
	if (n != wn || host_strcmp(got, want)) {
		print_error("format \"%s\": bstr_printf \"%s\" (%d), vsnprintf \"%s\" (%d)\n",
			    fmt, got, n, want, wn);
		fail();
	}
}

static void test_bprintf_roundtrip(void **state)
{
	char name[8] = "kelp";

	(void)state;
	roundtrip("plain text");
	roundtrip("%d %i %u %x %X %o", -5, 7, 4000000000u, 0xbeef, 0xbeef, 8);
	roundtrip("%hhd %hhu %hd %hu|%c%c", (signed char)-3, (unsigned char)250, (short)-300,
		  (unsigned short)65000, 'a', 'z');
	roundtrip("%ld %lu %lld %llu %zu %zd %td %lx", -1L, ~0UL, -9000000000LL, ~0ULL,
		  (size_t)12345, (ssize_t)-2, (ptrdiff_t)-7, 0xdeadbeefcafeUL);
	roundtrip("[%5d|%-5d|%05d|%+d|% d|%#x|%#o]", 42, 42, 42, 42, 42, 255, 8);
	roundtrip("[%*d|%-*s|%.*s|%*.*s]", 6, 7, 5, "ab", 2, "abcdef", 6, 3, "xyzzy");
	roundtrip("%s and %s", name, "");
	{
		char *volatile none = NULL;	/* vsnprintf's "(null)", packed as text */

		roundtrip("%s", none);
	}
	roundtrip("%c%d%s%lld%hhd", 'x', 1, "two", 3LL, (signed char)4);
	roundtrip("100%% %p %pS %ps", (void *)0x1234, (void *)0xffffffff80001000UL,
		  (void *)0xffffffff80001000UL);
	roundtrip("%d", 0);
}

static void test_bprintf_layout(void **state)
{
	u32 bin[8] = { 0 };
	char name[8] = "ab";
	char out[8];
	int words;

	(void)state;
	/* char at 0, short at 2, int at 4, long long at 8 (two u32), string at 16. */
	words = bprintf(bin, 8, "%c%hd%d%lld%s", 'q', (short)-2, 7, 0x100000002LL, name);
	assert_int_equal(words, 5);
	assert_int_equal(((unsigned char *)bin)[0], 'q');
	assert_int_equal(*(short *)((char *)bin + 2), -2);
	assert_int_equal(bin[1], 7);
	assert_int_equal(bin[2], 2);
	assert_int_equal(bin[3], 1);
	assert_true(host_memcmp(&bin[4], "ab", 3) == 0);
	/* A string is copied: changing it afterwards changes nothing. */
	name[0] = 'X';
	assert_int_equal(bstr_printf(out, sizeof(out), "%c%hd%d%lld%s", bin), 16);
	assert_true(host_strcmp(out, "q-27429") == 0);	/* cut to 7 bytes + NUL */
	/* Too small a buffer: nothing past it is written, the need is returned. */
	{
		u32 *small = malloc(2 * sizeof(u32));

		assert_non_null(small);
		assert_int_equal(bprintf(small, 2, "%d%d%d%s", 1, 2, 3, "long string"), 6);
		free(small);
	}
	assert_int_equal(bprintf(bin, 8, "%d", 5), 1);
	assert_int_equal(bstr_printf(out, 0, "%d", bin), 1);
}

/* Escapes len bytes of in and checks the result is want (NUL-free compare by length). */
static void expect(const char *in, size_t len, unsigned int flags, const char *only,
		   const char *want)
{
	size_t wlen = host_strlen(want);
	char *out = malloc(wlen + 8);
	int n;

	assert_non_null(out);
	n = string_escape_mem(in, len, out, wlen + 8, flags, only);
	if ((size_t)n != wlen || host_memcmp(out, want, wlen)) {
		out[n < (int)wlen + 8 ? n : (int)wlen + 7] = 0;
		print_error("escape of %zu bytes, flags %#x: got \"%s\" (%d), want \"%s\"\n", len,
			    flags, out, n, want);
		fail();
	}
	free(out);
}

static void test_classes(void **state)
{
	(void)state;
	expect("a\nb\tc\r\v\f", 8, ESCAPE_SPACE, NULL, "a\\nb\\tc\\r\\v\\f");
	expect("a b", 3, ESCAPE_SPACE, NULL, "a b");	/* space itself is not "space" */
	expect("\\\a\x1b\"x", 5, ESCAPE_SPECIAL, NULL, "\\\\\\a\\e\\\"x");
	expect("a\0b", 3, ESCAPE_NULL, NULL, "a\\0b");
	expect("\x01\xff", 2, ESCAPE_OCTAL, NULL, "\\001\\377");
	expect("\x01\xff", 2, ESCAPE_HEX, NULL, "\\x01\\xff");
	expect("\x01", 1, ESCAPE_OCTAL | ESCAPE_HEX, NULL, "\\001");	/* octal goes first */
	expect("\n\x01\\", 3, ESCAPE_ANY, NULL, "\\n\\001\\\\");
	expect("ab", 2, ESCAPE_ANY, NULL, "\\141\\142");	/* octal takes every byte */
	expect("\n", 1, 0, NULL, "\n");
	expect("", 0, ESCAPE_ANY, NULL, "");
}

static void test_pass_through_classes(void **state)
{
	(void)state;
	/* NP: printable (32-126, and Latin-1 160-255) passes; 0x80-0x9f does not. */
	expect("ab\x01\xe9\x80", 5, ESCAPE_OCTAL | ESCAPE_NP, NULL, "ab\\001\xe9\\200");
	expect("a\n", 2, ESCAPE_ANY_NP, NULL, "a\\n");
	/* NA: ASCII passes, control characters included. */
	expect("a\x01\xe9", 3, ESCAPE_OCTAL | ESCAPE_NA, NULL, "a\x01\\351");
	/* NAP: printable ASCII only. */
	expect("a\xe9\x01", 3, ESCAPE_OCTAL | ESCAPE_NAP, NULL, "a\\351\\001");
	expect("a\t", 2, ESCAPE_SPACE | ESCAPE_OCTAL | ESCAPE_NAP, NULL, "a\\t");
	expect("\x7f", 1, ESCAPE_HEX | ESCAPE_NP, NULL, "\\x7f");
}

static void test_only(void **state)
{
	(void)state;
	/* seq_escape(m, s, " \\"): octal for the listed characters only. */
	expect("a b\\c\n", 6, ESCAPE_OCTAL, " \\", "a\\040b\\134c\n");
	expect("tab\there", 8, ESCAPE_OCTAL, " \t\\", "tab\\011here");
	/* A listed character outside the classes of flags stays as it is. */
	expect("a\nb", 3, ESCAPE_SPECIAL, "\n", "a\nb");
	/* Linux's strchr finds the terminating NUL: with a list, NUL is listed. */
	expect("\0", 1, ESCAPE_OCTAL, "x", "\\000");
	/* APPEND: the list adds to what NP would escape. */
	expect("ab\x01", 3, ESCAPE_OCTAL | ESCAPE_NP | ESCAPE_APPEND, "a", "\\141b\\001");
	/* Without APPEND, NP passes the listed 'a' and the list keeps \x01 out. */
	expect("ab\x01", 3, ESCAPE_OCTAL | ESCAPE_NP, "a", "ab\x01");
}

static void test_truncation(void **state)
{
	(void)state;
	for (size_t osz = 0; osz <= 6; osz++) {
		char *out = malloc(osz ? osz : 1);
		int n;

		assert_non_null(out);
		n = string_escape_mem("a\nb", 3, out, osz, ESCAPE_SPACE, NULL);
		assert_int_equal(n, 4);
		assert_true(host_memcmp(out, "a\\nb", osz < 4 ? osz : 4) == 0);
		free(out);
	}
	/* A 4-byte escape cut after its second byte. */
	{
		char *out = malloc(3);
		int n = string_escape_mem("x\x01", 2, out, 3, ESCAPE_HEX | ESCAPE_NP, NULL);

		assert_int_equal(n, 5);
		assert_true(host_memcmp(out, "x\\x", 3) == 0);
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_pass_through_classes),
		cmocka_unit_test(test_only),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_bprintf_roundtrip),
		cmocka_unit_test(test_bprintf_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
