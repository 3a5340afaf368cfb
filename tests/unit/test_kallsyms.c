/*
 * Unit tests of kernel/kallsyms.c over a small hand-made table: address
 * lookups (before the first symbol, in gaps, at the last symbol, aliases
 * sharing an address), the "name+0xoff/0xsize" formatting and name lookups.
 * The kernel source is included directly; snprintf and strcmp come from
 * the host C library, whose signatures match <kelp/string.h>.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <limits.h>
#include <cmocka.h>

/* glibc's <sys/cdefs.h> has its own; take the kernel's. */
#undef __always_inline
#include "../../kernel/kallsyms.c"

/* printk keeps the last message, for the sympos error texts. */
static char last_msg[256];

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;	/* the KERN_<LEVEL> prefix */
	va_start(ap, fmt);
	n = vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
	return n;
}

/*
 * The table, sorted by address. Aliases at 0x1040 and 0x3000 are in an
 * order the generator would not produce, so the text preference is tested.
 */
const u64 kallsyms_num = 11;
const u64 kallsyms_addrs[] = {
	0x1000, 0x1020, 0x1040, 0x1040, 0x1040, 0x1080,
	0x2000, 0x3000, 0x3000, 0x4000, 0xffffffff80200000,
};
const u32 kallsyms_sizes[] = {
	0x10, 0x20, 0, 0x40, 0x40, 0x8,
	0x100, 0x20, 0x8, 0x10, 0x80,
};
const char kallsyms_types[] = {
	'T', 't', 'D', 'T', 't', 'd',
	'T', 'D', 't', 'W', 'T',
};
const char kallsyms_names[] =
	"first\0second\0__marker\0alias_text\0alias_local\0data_obj\0"
	"dup\0x_obj\0t_lbl\0dup\0last";
const u32 kallsyms_name_off[] = {
	0, 6, 13, 22, 33, 45, 54, 58, 64, 70, 74,
};
/* As tools/kallsyms sorts it: by name, then table order. */
const u32 kallsyms_name_idx[] = {
	2, 4, 3, 5, 6, 9, 0, 10, 1, 8, 7,
};

static void assert_lookup(unsigned long addr, const char *name,
			  unsigned long size, unsigned long offset)
{
	unsigned long sz = 0xdead, off = 0xbeef;
	const char *got = kallsyms_lookup(addr, &sz, &off);

	if (!name) {
		assert_null(got);
		assert_int_equal(sz, 0xdead);	/* untouched */
		assert_int_equal(off, 0xbeef);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, name);
	assert_int_equal(sz, size);
	assert_int_equal(off, offset);
}

static void test_lookup_before_first(void **state)
{
	(void)state;
	assert_lookup(0, NULL, 0, 0);
	assert_lookup(0xfff, NULL, 0, 0);
}

static void test_lookup_inside(void **state)
{
	(void)state;
	assert_lookup(0x1000, "first", 0x10, 0);
	assert_lookup(0x100f, "first", 0x10, 0xf);
	assert_lookup(0x1020, "second", 0x20, 0);
	assert_lookup(0x103f, "second", 0x20, 0x1f);
	assert_lookup(0x1084, "data_obj", 0x8, 4);
}

static void test_lookup_gap(void **state)
{
	(void)state;
	assert_lookup(0x1010, NULL, 0, 0);	/* past first's size */
	assert_lookup(0x101f, NULL, 0, 0);
	assert_lookup(0x1088, NULL, 0, 0);
	assert_lookup(0x2100, NULL, 0, 0);
}

static void test_lookup_last(void **state)
{
	(void)state;
	assert_lookup(0xffffffff80200000, "last", 0x80, 0);
	assert_lookup(0xffffffff8020007f, "last", 0x80, 0x7f);
	assert_lookup(0xffffffff80200080, NULL, 0, 0);
	assert_lookup(ULONG_MAX, NULL, 0, 0);
}

static void test_lookup_aliases(void **state)
{
	(void)state;
	/* A zero-sized data marker and two text names share 0x1040. */
	assert_lookup(0x1040, "alias_text", 0x40, 0);
	assert_lookup(0x107f, "alias_text", 0x40, 0x3f);
	/* Text first, but only while it contains the address. */
	assert_lookup(0x3004, "t_lbl", 0x8, 4);
	assert_lookup(0x3008, "x_obj", 0x20, 8);
	assert_lookup(0x3020, NULL, 0, 0);
}

static void test_lookup_null_outputs(void **state)
{
	(void)state;
	assert_string_equal(kallsyms_lookup(0x1001, NULL, NULL), "first");
}

static void test_snprint(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(kallsyms_snprint_symbol(buf, sizeof(buf), 0x100c), 14);
	assert_string_equal(buf, "first+0xc/0x10");
	kallsyms_snprint_symbol(buf, sizeof(buf), 0x1040);
	assert_string_equal(buf, "alias_text+0x0/0x40");
	kallsyms_snprint_symbol(buf, sizeof(buf), 0xffffffff8020001c);
	assert_string_equal(buf, "last+0x1c/0x80");
}

static void test_snprint_unknown(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(kallsyms_snprint_symbol(buf, sizeof(buf), 0xffffffff80101234), 18);
	assert_string_equal(buf, "0xffffffff80101234");
	kallsyms_snprint_symbol(buf, sizeof(buf), 0x10);
	assert_string_equal(buf, "0x10");
}

static void test_snprint_truncated(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	/* C99: returns the full length, writes a terminated prefix. */
	assert_int_equal(kallsyms_snprint_symbol(buf, sizeof(buf), 0x1000), 14);
	assert_string_equal(buf, "first+0");
	assert_int_equal(kallsyms_snprint_symbol(NULL, 0, 0x1000), 14);
}

static void test_lookup_name(void **state)
{
	(void)state;
	assert_int_equal(kallsyms_lookup_name("first"), 0x1000);
	assert_int_equal(kallsyms_lookup_name("alias_local"), 0x1040);
	assert_int_equal(kallsyms_lookup_name("__marker"), 0x1040);
	assert_int_equal(kallsyms_lookup_name("last"), 0xffffffff80200000);
	/* Two symbols called dup: the first (lowest address) wins. */
	assert_int_equal(kallsyms_lookup_name("dup"), 0x2000);
}

static void test_lookup_name_missing(void **state)
{
	(void)state;
	assert_int_equal(kallsyms_lookup_name("missing"), 0);
	assert_int_equal(kallsyms_lookup_name("firs"), 0);
	assert_int_equal(kallsyms_lookup_name("first2"), 0);
	assert_int_equal(kallsyms_lookup_name(""), 0);
	assert_int_equal(kallsyms_lookup_name(NULL), 0);
}

static void test_count_name(void **state)
{
	unsigned long addr;

	(void)state;
	assert_int_equal(kallsyms_count_name("dup", 0, &addr), 2);
	assert_int_equal(addr, 0x2000);
	assert_int_equal(kallsyms_count_name("dup", 2, &addr), 2);
	assert_int_equal(addr, 0x4000);
	assert_int_equal(kallsyms_count_name("dup", 3, &addr), 2);
	assert_int_equal(addr, 0x2000);
	assert_int_equal(kallsyms_count_name("first", 0, &addr), 1);
	assert_int_equal(addr, 0x1000);
	assert_int_equal(kallsyms_count_name("x_obj", 1, &addr), 1);
	assert_int_equal(addr, 0x3000);
	assert_int_equal(kallsyms_count_name("__marker", 1, &addr), 1);
	assert_int_equal(kallsyms_count_name("zzz", 0, &addr), 0);
	assert_int_equal(addr, 0);
	assert_int_equal(kallsyms_count_name("aaa", 0, &addr), 0);
	assert_int_equal(kallsyms_count_name("du", 0, &addr), 0);
}

/* Linux livepatch's klp_find_object_symbol, message for message. */
static void test_lookup_sympos(void **state)
{
	unsigned long addr = 1;

	(void)state;
	assert_int_equal(kallsyms_lookup_sympos(NULL, "first", 0, &addr), 0);
	assert_int_equal(addr, 0x1000);
	assert_int_equal(kallsyms_lookup_sympos(NULL, "first", 1, &addr), 0);
	assert_int_equal(addr, 0x1000);
	assert_int_equal(kallsyms_lookup_sympos(NULL, "dup", 1, &addr), 0);
	assert_int_equal(addr, 0x2000);
	assert_int_equal(kallsyms_lookup_sympos(NULL, "dup", 2, &addr), 0);
	assert_int_equal(addr, 0x4000);

	assert_int_equal(kallsyms_lookup_sympos(NULL, "dup", 0, &addr), -EINVAL);
	assert_int_equal(addr, 0);
	assert_string_equal(last_msg, "unresolvable ambiguity for symbol 'dup' in object 'vmlinux'\n");
	assert_int_equal(kallsyms_lookup_sympos("mod", "dup", 3, &addr), -EINVAL);
	assert_string_equal(last_msg, "symbol position 3 for symbol 'dup' in object 'mod' not found\n");
	assert_int_equal(kallsyms_lookup_sympos(NULL, "first", 2, &addr), -EINVAL);
	assert_string_equal(last_msg, "symbol position 2 for symbol 'first' in object 'vmlinux' not found\n");
	assert_int_equal(kallsyms_lookup_sympos(NULL, "nope", 0, &addr), -EINVAL);
	assert_string_equal(last_msg, "symbol 'nope' not found in symbol table\n");
}

static int count_cb(void *data, const char *name, unsigned long addr)
{
	unsigned long *n = data;

	(void)name;
	(void)addr;
	return ++*n == 5 ? 42 : 0;
}

static void test_iterate_and_format(void **state)
{
	struct kallsyms_sym s;
	unsigned long n = 0;
	char line[80];

	(void)state;
	assert_int_equal(kallsyms_count(), 11);
	assert_true(kallsyms_symbol(10, &s));
	assert_false(kallsyms_symbol(11, &s));
	assert_int_equal(kallsyms_on_each_symbol(count_cb, &n), 42);
	assert_int_equal(n, 5);
	assert_true(kallsyms_symbol(1, &s));
	kallsyms_format_line(line, sizeof(line), &s);
	assert_string_equal(line, "0000000000001020 t second\n");
	assert_true(kallsyms_symbol(10, &s));
	kallsyms_format_line(line, sizeof(line), &s);
	assert_string_equal(line, "ffffffff80200000 T last\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_before_first),
		cmocka_unit_test(test_lookup_inside),
		cmocka_unit_test(test_lookup_gap),
		cmocka_unit_test(test_lookup_last),
		cmocka_unit_test(test_lookup_aliases),
		cmocka_unit_test(test_lookup_null_outputs),
		cmocka_unit_test(test_snprint),
		cmocka_unit_test(test_snprint_unknown),
		cmocka_unit_test(test_snprint_truncated),
		cmocka_unit_test(test_lookup_name),
		cmocka_unit_test(test_lookup_name_missing),
		cmocka_unit_test(test_count_name),
		cmocka_unit_test(test_lookup_sympos),
		cmocka_unit_test(test_iterate_and_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
