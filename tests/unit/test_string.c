/*
 * Host unit tests of kernel/lib/string.c and kernel/lib/strerror.c. The copy
 * functions are checked exhaustively over small sizes and every alignment
 * against byte-by-byte reference loops, with guard bytes around the target;
 * ASan catches any read or write outside the buffers. strerror() is compared
 * with glibc's for every value <kelp/errno.h> defines.
 */
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/string.h>

#include "../../kernel/lib/string.c"
#include "../../kernel/lib/strerror.c"

#define ARENA 96	/* test buffer size: several words plus slack */
#define GUARD 0xa5

/* Deterministic non-zero fill so that copies of copies stay distinguishable. */
static void fill_pattern(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + 1);
}

static void test_memcpy_all_alignments(void **state)
{
	(void)state;
	unsigned char src[ARENA], dst[ARENA + 2], want[ARENA + 2];

	fill_pattern(src, sizeof(src), 1);
	for (size_t so = 0; so < 16; so++)
		for (size_t d_off = 0; d_off < 16; d_off++)
			for (size_t n = 0; n + 16 <= ARENA - 8; n++) {
				memset(dst, GUARD, sizeof(dst));
				memset(want, GUARD, sizeof(want));
				for (size_t i = 0; i < n; i++)
					want[1 + d_off + i] = src[so + i];
				assert_ptr_equal(memcpy(dst + 1 + d_off, src + so, n),
						 dst + 1 + d_off);
				assert_memory_equal(dst, want, sizeof(dst));
			}
}

static void test_zero_length(void **state)
{
	(void)state;
	unsigned char b[4] = { 1, 2, 3, 4 };

	/* n == 0 must not touch either buffer. */
	assert_ptr_equal(memcpy(b, b + 2, 0), b);
	assert_int_equal(b[0], 1);
	assert_ptr_equal(memmove(b, b + 1, 0), b);
	assert_ptr_equal(memset(b, 0, 0), b);
	assert_int_equal(b[0], 1);
}

/* memmove against "copy through a bounce buffer", both directions. */
static void test_memmove_overlap(void **state)
{
	(void)state;
	unsigned char buf[ARENA], want[ARENA], tmp[ARENA];

	for (size_t from = 0; from < 40; from++)
		for (size_t to = 0; to < 40; to++)
			for (size_t n = 0; n + (from > to ? from : to) <= ARENA; n++) {
				fill_pattern(buf, sizeof(buf), 3);
				fill_pattern(want, sizeof(want), 3);
				for (size_t i = 0; i < n; i++)
					tmp[i] = want[from + i];
				for (size_t i = 0; i < n; i++)
					want[to + i] = tmp[i];
				assert_ptr_equal(memmove(buf + to, buf + from, n), buf + to);
				assert_memory_equal(buf, want, sizeof(buf));
			}
}

static void test_memmove_examples(void **state)
{
	(void)state;
	char s[] = "abcdefghij";

	memmove(s + 2, s, 5);	/* forward overlap: dst after src */
	assert_string_equal(s, "ababcdehij");
	memmove(s, s + 3, 6);	/* backward overlap: dst before src */
	assert_string_equal(s, "bcdehiehij");
	memmove(s, s, 9);	/* same buffer */
	assert_string_equal(s, "bcdehiehij");
}

static void test_memset(void **state)
{
	(void)state;
	unsigned char buf[ARENA + 2], want[ARENA + 2];
	static const int values[] = { 0, 0x5a, 0xff, -1, 0x1ff, 0x100, -256 };

	for (size_t v = 0; v < ARRAY_SIZE(values); v++)
		for (size_t off = 0; off < 16; off++)
			for (size_t n = 0; n + off + 2 <= ARENA; n++) {
				fill_pattern(buf, sizeof(buf), 5);
				fill_pattern(want, sizeof(want), 5);
				for (size_t i = 0; i < n; i++)
					want[1 + off + i] = (unsigned char)values[v];
				assert_ptr_equal(memset(buf + 1 + off, values[v], n),
						 buf + 1 + off);
				assert_memory_equal(buf, want, sizeof(buf));
			}
}

static void test_memcmp(void **state)
{
	(void)state;
	unsigned char a[40], b[40];

	assert_int_equal(memcmp("abc", "abd", 0), 0);
	assert_int_equal(memcmp("abc", "abc", 3), 0);
	assert_true(memcmp("abc", "abd", 3) < 0);
	assert_true(memcmp("abd", "abc", 3) > 0);
	/* Bytes compare as unsigned: 0x80 is above 0x01. */
	assert_true(memcmp("\x80", "\x01", 1) > 0);
	assert_true(memcmp("\x01", "\xff", 1) < 0);
	/* The difference may be at any position and any alignment. */
	for (size_t n = 1; n < sizeof(a); n++)
		for (size_t at = 0; at < n; at++) {
			fill_pattern(a, sizeof(a), 9);
			fill_pattern(b, sizeof(b), 9);
			b[at] ^= 0x80;
			assert_int_equal(SIGN(memcmp(a, b, n)),
					 SIGN(host_memcmp(a, b, n)));
			assert_int_equal(memcmp(a, b, at), 0);
		}
}

static void test_memchr(void **state)
{
	(void)state;
	const char s[] = "hello\0world";
	const char hi[] = "a\xff";

	assert_ptr_equal(memchr(s, 'l', sizeof(s)), s + 2);
	assert_ptr_equal(memchr(s, 'w', sizeof(s)), s + 6);	/* past the NUL */
	assert_ptr_equal(memchr(s, '\0', sizeof(s)), s + 5);
	assert_null(memchr(s, 'w', 5));
	assert_null(memchr(s, 'h', 0));
	assert_ptr_equal(memchr(s, 'h' + 0x100, 5), s);	/* c is cut to a byte */
	assert_ptr_equal(memchr(hi, -1, 2), hi + 1);	/* -1 is byte 0xff */
	assert_ptr_equal(memchr(hi, 0x1ff, 2), hi + 1);
}

static void test_strlen_strnlen(void **state)
{
	(void)state;
	/* Not terminated: strnlen must stop at max (ASan checks it). */
	char unterminated[4] = { 'a', 'b', 'c', 'd' };
	char *heap = malloc(1);

	assert_non_null(heap);
	heap[0] = '\0';
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen(heap), 0);
	assert_int_equal(strlen("hello"), 5);
	assert_int_equal(strlen("a\0b"), 1);
	assert_int_equal(strnlen("hello", 0), 0);
	assert_int_equal(strnlen("hello", 3), 3);
	assert_int_equal(strnlen("hello", 5), 5);
	assert_int_equal(strnlen("hello", 6), 5);
	assert_int_equal(strnlen("hello", SIZE_MAX), 5);
	assert_int_equal(strnlen(unterminated, sizeof(unterminated)), 4);
	free(heap);
}

static void test_strcmp_strncmp(void **state)
{
	(void)state;
	static const char *const words[] = {
		"", "a", "ab", "abc", "abd", "b", "\x80", "\x7f", "A", "ab\xff",
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		for (size_t j = 0; j < ARRAY_SIZE(words); j++) {
			int want = SIGN(host_strcmp(words[i], words[j]));

			assert_int_equal(SIGN(strcmp(words[i], words[j])), want);
			assert_int_equal(SIGN(strncmp(words[i], words[j], 100)), want);
		}
	assert_int_equal(strncmp("abc", "abd", 2), 0);
	assert_true(strncmp("abc", "abd", 3) < 0);
	assert_int_equal(strncmp("abc", "xyz", 0), 0);
	assert_true(strncmp("ab", "abc", 3) < 0);	/* NUL sorts first */
	assert_int_equal(strncmp("ab\0x", "ab\0y", 4), 0);	/* stops at NUL */
	assert_true(strcmp("\x80", "\x7f") > 0);	/* unsigned */
}

static void test_strchr_strrchr(void **state)
{
	(void)state;
	const char *s = "abcabc";
	const char hi[] = "x\xe9y\xe9";

	assert_ptr_equal(strchr(s, 'b'), s + 1);
	assert_ptr_equal(strrchr(s, 'b'), s + 4);
	assert_ptr_equal(strchr(s, '\0'), s + 6);
	assert_ptr_equal(strrchr(s, '\0'), s + 6);
	assert_null(strchr(s, 'z'));
	assert_null(strrchr(s, 'z'));
	assert_null(strchr("", 'a'));
	assert_ptr_equal(strchr(s, 'a' + 0x100), s);	/* c converts to char */
	/* A negative char and its unsigned value find the same byte. */
	assert_ptr_equal(strrchr(hi, 0xe9), hi + 3);
	assert_ptr_equal(strrchr(hi, -23), hi + 3);
	assert_ptr_equal(strchr(hi, 0xe9), hi + 1);
}

static void test_strstr(void **state)
{
	(void)state;
	const char *s = "aaabaab";

	assert_ptr_equal(strstr(s, ""), s);
	assert_ptr_equal(strstr("", ""), strstr("", ""));
	assert_non_null(strstr("", ""));
	assert_null(strstr("", "a"));
	assert_ptr_equal(strstr(s, "aab"), s + 1);
	assert_ptr_equal(strstr(s, "b"), s + 3);
	assert_ptr_equal(strstr(s, "baab"), s + 3);
	assert_ptr_equal(strstr(s, s), s);
	assert_null(strstr(s, "aaabaabx"));	/* needle longer than hay */
	assert_null(strstr(s, "abab"));
	assert_ptr_equal(strstr("abc", "c"), strchr("abc", 'c'));
}

static void test_strlcpy(void **state)
{
	(void)state;
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(strlcpy(buf, "hello", sizeof(buf)), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], 'x');		/* nothing past the NUL */

	assert_int_equal(strlcpy(buf, "1234567", sizeof(buf)), 7);	/* exact fit */
	assert_string_equal(buf, "1234567");

	assert_int_equal(strlcpy(buf, "123456789", sizeof(buf)), 9);	/* truncated */
	assert_string_equal(buf, "1234567");

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(strlcpy(buf, "abc", 1), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'x');

	assert_int_equal(strlcpy(buf, "abc", 0), 3);	/* size 0: untouched */
	assert_int_equal(buf[0], '\0');
	assert_int_equal(strlcpy(NULL, "abc", 0), 3);

	assert_int_equal(strlcpy(buf, "", sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

static void test_strlcat(void **state)
{
	(void)state;
	char buf[8];

	strlcpy(buf, "ab", sizeof(buf));
	assert_int_equal(strlcat(buf, "cd", sizeof(buf)), 4);
	assert_string_equal(buf, "abcd");
	assert_int_equal(strlcat(buf, "efg", sizeof(buf)), 7);	/* exact fit */
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(strlcat(buf, "hij", sizeof(buf)), 10);	/* full */
	assert_string_equal(buf, "abcdefg");

	strlcpy(buf, "abcde", sizeof(buf));
	assert_int_equal(strlcat(buf, "123456", sizeof(buf)), 11);	/* truncated */
	assert_string_equal(buf, "abcde12");

	/* No NUL within size: length is size + strlen(src), dst untouched. */
	memcpy(buf, "zzzzzzzz", 8);
	assert_int_equal(strlcat(buf, "abc", 4), 7);
	assert_memory_equal(buf, "zzzzzzzz", 8);
	assert_int_equal(strlcat(buf, "abc", 0), 3);
	assert_int_equal(strlcat(NULL, "abc", 0), 3);

	strlcpy(buf, "", sizeof(buf));
	assert_int_equal(strlcat(buf, "", sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

/* Every value <kelp/errno.h> defines, by name. */
static const int kelp_errnos[] = {
	EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD,
	EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, ENODEV, ENOTDIR, EISDIR,
	EINVAL, ENFILE, EMFILE, ENOTTY, EFBIG, ENOSPC, ESPIPE, EROFS, EPIPE,
	EDOM, ERANGE, ENAMETOOLONG, ENOSYS, ENOTEMPTY, ELOOP, ENODATA, ETIME,
	EOVERFLOW, EBADMSG, ENOTSUPP, ETIMEDOUT,
};

static void test_strerror_matches_glibc(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(kelp_errnos); i++) {
		int e = kelp_errnos[i];
		char want[64];

		/* Copy: glibc's unknown-value text lives in a reused buffer. */
		host_snprintf(want, sizeof(want), "%s", host_strerror(e));
		assert_string_equal(strerror(e), want);
		assert_string_equal(strerror(-e), want);
	}
	/* 0..200: every slot of the table, its holes and what follows. */
	for (int e = 0; e <= 200; e++) {
		char want[64];

		host_snprintf(want, sizeof(want), "%s", host_strerror(e));
		assert_string_equal(strerror(e), want);
	}
}

static void test_strerror_samples(void **state)
{
	(void)state;
	assert_string_equal(strerror(EPERM), "Operation not permitted");
	assert_string_equal(strerror(-ENOENT), "No such file or directory");
	assert_string_equal(strerror(-EINVAL), "Invalid argument");
	assert_string_equal(strerror(EBUSY), "Device or resource busy");
	assert_string_equal(strerror(-ENOEXEC), "Exec format error");
	assert_string_equal(strerror(0), "Success");
}

static void test_strerror_unknown(void **state)
{
	(void)state;
	assert_string_equal(strerror(-ENOTSUPP), "Unknown error 524");
	assert_string_equal(strerror(ENOTSUPP), "Unknown error 524");
	assert_string_equal(strerror(41), "Unknown error 41");	/* a hole */
	assert_string_equal(strerror(-58), "Unknown error 58");
	assert_string_equal(strerror(134), "Unknown error 134");	/* past the table */
	assert_string_equal(strerror(-4095), "Unknown error 4095");
	assert_string_equal(strerror(INT_MAX), "Unknown error 2147483647");
	assert_string_equal(strerror(INT_MIN), "Unknown error 2147483648");
	/* Known texts are constants, unaffected by the unknown buffer. */
	const char *known = strerror(EIO);

	strerror(12345);
	assert_string_equal(known, "Input/output error");
}

/*
 * Scans include/kelp/errno.h itself (found next to this file) so that a value
 * added there later without a text here fails this test.
 */
static void test_strerror_covers_header(void **state)
{
	(void)state;
	char path[4096], line[256], name[64];
	const char *slash = strrchr(__FILE__, '/');
	int checked = 0, value;
	FILE *f;

	host_snprintf(path, sizeof(path), "%.*s/../../include/kelp/errno.h",
		      slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".");
	f = fopen(path, "r");
	if (!f)
		skip();
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "#define %63s %d", name, &value) != 2 || name[0] != 'E')
			continue;
		/* kernel-internal (ENOTSUPP, the ERESTART* family): glibc has none */
		if (value == ENOTSUPP || (value >= ERESTARTSYS && value <= ERESTART_RESTARTBLOCK))
			continue;
		if (host_strcmp(name, "MAX_ERRNO") == 0)
			continue;
		if (strstr(strerror(value), "Unknown error")) {
			print_error("%s (%d) has no text\n", name, value);
			fail();
		}
		checked++;
	}
	fclose(f);
	assert_true(checked >= 39);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_all_alignments),
		cmocka_unit_test(test_zero_length),
		cmocka_unit_test(test_memmove_overlap),
		cmocka_unit_test(test_memmove_examples),
		cmocka_unit_test(test_memset),
		cmocka_unit_test(test_memcmp),
		cmocka_unit_test(test_memchr),
		cmocka_unit_test(test_strlen_strnlen),
		cmocka_unit_test(test_strcmp_strncmp),
		cmocka_unit_test(test_strchr_strrchr),
		cmocka_unit_test(test_strstr),
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_strlcat),
		cmocka_unit_test(test_strerror_matches_glibc),
		cmocka_unit_test(test_strerror_samples),
		cmocka_unit_test(test_strerror_unknown),
		cmocka_unit_test(test_strerror_covers_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
