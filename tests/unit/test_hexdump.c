/*
 * Host unit tests of kernel/lib/hexdump.c: hex_dump_to_buffer() rows and
 * print_hex_dump() lines, compared with the text Linux's lib/hexdump.c
 * prints for the same bytes (groups of 1, 2, 4 and 8, 16- and 32-byte
 * rows, the ASCII column, offsets, and the lengths returned when the
 * buffer is too small).
 */
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/kallsyms.h>
#include <kelp/printk.h>
#include <kelp/string.h>

#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"

/* print_hex_dump's lines land here. */
static char logged[1024];

int printk(const char *fmt, ...)
{
	va_list ap;
	size_t n = kelp_strlen(logged);
	int r;

	va_start(ap, fmt);
	r = kelp_vsnprintf(logged + n, sizeof(logged) - n, fmt, ap);
	va_end(ap);
	return r;
}

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "0x%lx", addr);
}

#include "../../kernel/lib/hexdump.c"

static const unsigned char data[20] = "Kelp\x01\x02\x03\xff live patchi";

static void test_rows(void **state)
{
	char line[200];

	(void)state;
	assert_int_equal(hex_dump_to_buffer(data, 8, 16, 1, line, sizeof(line), false), 23);
	assert_string_equal(line, "4b 65 6c 70 01 02 03 ff");
	hex_dump_to_buffer(data, 16, 16, 1, line, sizeof(line), true);
	assert_string_equal(line, "4b 65 6c 70 01 02 03 ff 20 6c 69 76 65 20 70 61  Kelp.... live pa");
	hex_dump_to_buffer(data, 8, 16, 2, line, sizeof(line), false);
	assert_string_equal(line, "654b 706c 0201 ff03");
	hex_dump_to_buffer(data, 8, 16, 4, line, sizeof(line), true);
	assert_string_equal(line, "706c654b ff030201                    Kelp....");
	hex_dump_to_buffer(data, 16, 16, 8, line, sizeof(line), false);
	assert_string_equal(line, "ff030201706c654b 6170206576696c20");
	/* 7 bytes cannot be groups of 4: bytes */
	hex_dump_to_buffer(data, 7, 16, 4, line, sizeof(line), false);
	assert_string_equal(line, "4b 65 6c 70 01 02 03");
	/* more than a row: one row only */
	hex_dump_to_buffer(data, 20, 16, 1, line, sizeof(line), false);
	assert_int_equal(kelp_strlen(line), 47);
	hex_dump_to_buffer(data, 0, 16, 1, line, sizeof(line), true);
	assert_string_equal(line, "");
}

static void test_hex_helpers(void **state)
{
	unsigned char b[3];
	char h[7];

	(void)state;
	assert_int_equal(hex_to_bin('7'), 7);
	assert_int_equal(hex_to_bin('c'), 12);
	assert_int_equal(hex_to_bin('F'), 15);
	assert_int_equal(hex_to_bin('g'), -1);
	assert_int_equal(hex_to_bin('@'), -1);
	assert_int_equal(hex2bin(b, "0aFf10", 3), 0);
	assert_true(b[0] == 0x0a && b[1] == 0xff && b[2] == 0x10);
	assert_int_equal(hex2bin(b, "0x", 1), -EINVAL);
	assert_ptr_equal(bin2hex(h, b, 3), h + 6);
	h[6] = '\0';
	assert_string_equal(h, "0aff10");
}

static void test_small_buffer(void **state)
{
	char line[10];

	(void)state;
	/* Linux returns what the whole row needs and cuts the text */
	assert_int_equal(hex_dump_to_buffer(data, 16, 16, 1, line, sizeof(line), true), 65);
	assert_true(kelp_strlen(line) < sizeof(line));
	assert_int_equal(hex_dump_to_buffer(data, 16, 16, 4, line, sizeof(line), false), 35);
	assert_int_equal(hex_dump_to_buffer(data, 16, 16, 1, line, 0, false), 47);
}

static void test_print_hex_dump(void **state)
{
	(void)state;
	logged[0] = '\0';
	print_hex_dump(KERN_INFO, "raw: ", DUMP_PREFIX_OFFSET, 16, 1, data, sizeof(data), true);
	assert_string_equal(logged,
		KERN_INFO "raw: 00000000: 4b 65 6c 70 01 02 03 ff 20 6c 69 76 65 20 70 61  Kelp.... live pa\n"
		KERN_INFO "raw: 00000010: 74 63 68 69                                      tchi\n");
	logged[0] = '\0';
	print_hex_dump(KERN_INFO, "", DUMP_PREFIX_NONE, 32, 1, data, 4, false);
	assert_string_equal(logged, KERN_INFO "4b 65 6c 70\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_hex_helpers),
		cmocka_unit_test(test_small_buffer),
		cmocka_unit_test(test_print_hex_dump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
