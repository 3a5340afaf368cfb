/*
 * Unit tests of the kallsyms generator (tools/kallsyms.c, included with
 * its main() left out): nm line parsing, symbol filtering, alias order,
 * computed sizes, and the property the three-pass link depends on: the
 * emitted table has the same byte size whatever the addresses are. Sizes
 * are measured by a small reader of the emitted directives (asm_bytes).
 */
#define KALLSYMS_NO_MAIN
#include "../../tools/kallsyms.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

/* Parses one line; returns 0 and the name (static buffer) or -1. */
static int parse(const char *line, struct sym *s, const char **name)
{
	static char buf[256];
	const char *n;
	size_t len;

	if (parse_nm_line(line, s, &n, &len))
		return -1;
	assert_true(len < sizeof(buf));
	memcpy(buf, n, len);
	buf[len] = '\0';
	*name = buf;
	return 0;
}

/* Builds a sorted table from nm text. */
static void load(struct symtab *t, const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	assert_non_null(f);
	memset(t, 0, sizeof(*t));
	assert_int_equal(symtab_read(t, f), 0);
	fclose(f);
	symtab_sort(t);
}

/* Emits the table of t into a string (caller frees). */
static char *emit(const struct symtab *t)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	emit_table(f, t);
	fclose(f);
	return out;
}

/* Bytes that one .asciz "..." operand assembles to. */
static size_t asciz_bytes(const char *p)
{
	size_t n = 1;

	assert_int_equal(*p, '"');
	for (p++; *p != '"'; p++, n++) {
		assert_true(*p != '\0' && *p != '\n');
		if (*p == '\\') {
			/* Only octal escapes are emitted: \ooo. */
			assert_true(p[1] >= '0' && p[1] <= '3');
			assert_true(p[2] >= '0' && p[2] <= '7');
			assert_true(p[3] >= '0' && p[3] <= '7');
			p += 3;
		}
	}
	return n;
}

static size_t align_to(size_t v, size_t a)
{
	return (v + a - 1) / a * a;
}

static size_t count_operands(const char *p)
{
	size_t n = 1;

	for (; *p && *p != '\n' && *p != '/'; p++)
		n += *p == ',';
	return n;
}

/* Size of the data the emitted assembler text defines in .rodata.kallsyms. */
static size_t asm_bytes(const char *text)
{
	size_t size = 0;
	const char *p;
	int in_table = 0;

	for (p = text; *p; p = strchr(p, '\n') + 1) {
		while (*p == '\t' || *p == ' ')
			p++;
		if (!strncmp(p, ".section", 8))
			in_table = !strncmp(p, ".section .rodata.kallsyms,", 26);
		else if (in_table && !strncmp(p, ".quad ", 6))
			size += 8 * count_operands(p + 6);
		else if (in_table && !strncmp(p, ".long ", 6))
			size += 4 * count_operands(p + 6);
		else if (in_table && !strncmp(p, ".byte ", 6))
			size += count_operands(p + 6);
		else if (in_table && !strncmp(p, ".asciz ", 7))
			size += asciz_bytes(p + 7);
		else if (in_table && !strncmp(p, ".balign ", 8))
			size = align_to(size, strtoul(p + 8, NULL, 0));
		if (!strchr(p, '\n'))
			break;
	}
	return size;
}

static void test_parse_sized(void **state)
{
	struct sym s;
	const char *name;

	(void)state;
	assert_int_equal(parse("ffffffff80100010 0000000000000036 T kmain\n", &s, &name), 0);
	assert_true(s.addr == 0xffffffff80100010ULL);
	assert_int_equal(s.size, 0x36);
	assert_true(s.has_size);
	assert_int_equal(s.type, 'T');
	assert_string_equal(name, "kmain");
}

static void test_parse_unsized(void **state)
{
	struct sym s;
	const char *name;

	(void)state;
	assert_int_equal(parse("ffffffff80100007 t boot_loop\r\n", &s, &name), 0);
	assert_true(s.addr == 0xffffffff80100007ULL);
	assert_false(s.has_size);
	assert_int_equal(s.type, 't');
	assert_string_equal(name, "boot_loop");
	/* Upper-case hex, tabs, no newline at all. */
	assert_int_equal(parse("\tFFFFFFFF8010ABCD\tT\tx", &s, &name), 0);
	assert_true(s.addr == 0xffffffff8010abcdULL);
	assert_string_equal(name, "x");
}

static void test_parse_garbage(void **state)
{
	static const char *const bad[] = {
		"", "\n", "   \n", "kelp.elf:\n", "                 U printk\n",
		"ffffffff80100000 T\n", "ffffffff80100000\n",
		"zzzzzzzzzzzzzzzz T foo\n", "ffffffff8010000g T foo\n",
		"1ffffffff80100000 T foo\n", "ffffffff80100000 TT foo\n",
		"ffffffff80100000 0x10 T foo\n", "ffffffff80100000 10 T foo bar\n",
		"ffffffff80100000 10 20 T foo\n", "nm: kelp.elf: no symbols\n",
	};
	struct sym s;
	const char *name;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i], &s, &name) != -1)
			fail_msg("accepted: \"%s\"", bad[i]);
	}
}

static int wanted(const char *line)
{
	struct sym s;
	const char *name;

	if (parse(line, &s, &name))
		return -1;
	return sym_wanted(&s, name, strlen(name));
}

static void test_filter(void **state)
{
	static const char keep[] = "tTwWrRdDbB";

	(void)state;
	for (const char *t = keep; *t; t++) {
		char line[64];

		snprintf(line, sizeof(line), "ffffffff80100000 %c sym\n", *t);
		assert_int_equal(wanted(line), 1);
	}
	assert_int_equal(wanted("ffffffff80000000 A KERNEL_VMA\n"), 0);
	assert_int_equal(wanted("0000000000100000 A _start_phys\n"), 0);
	assert_int_equal(wanted("0000000000100000 T low_text\n"), 0);
	assert_int_equal(wanted("ffffffff7fffffff T below_window\n"), 0);
	assert_int_equal(wanted("ffffffff80000000 T at_window\n"), 1);
	assert_int_equal(wanted("ffffffff80100000 a abs_local\n"), 0);
	assert_int_equal(wanted("ffffffff80100000 N debug\n"), 0);
	assert_int_equal(wanted("ffffffff80100000 V weak_obj\n"), 0);
	assert_int_equal(wanted("ffffffff80100000 t $x\n"), 0);
	assert_int_equal(wanted("ffffffff80100000 t .Ltmp0\n"), 0);
	assert_int_equal(wanted("ffffffff80100000 t .loop\n"), 1);
}

static const char sample_nm[] =
	"0000000000100000 A KERNEL_LMA\n"
	"0000000000100000 A _start_phys\n"
	"ffffffff80000000 A KERNEL_VMA\n"
	"garbage line here\n"
	"ffffffff80100000 T _text\n"
	"ffffffff80100000 T _start\n"
	"ffffffff80100000 t mb2_header_end\n"
	"ffffffff80100007 t boot_loop\n"
	"ffffffff80100010 0000000000000036 T kmain\n"
	"ffffffff80100050 000000000000000b W weak_fn\n"
	"ffffffff80100050 000000000000000b T strong_fn\n"
	"ffffffff80100280 T __entry_text_start\n"
	"ffffffff80100280 t entry0\n"
	"ffffffff80100284 t common\n"
	"ffffffff80101000 R __rodata_start\n"
	"ffffffff80101000 0000000000000006 R msg\n"
	"ffffffff80102000 0000000000000004 D counter\n"
	"ffffffff80103000 0000000000000190 b hidden\n"
	"ffffffff80104000 B _end\n";

static struct sym *find(struct symtab *t, const char *name)
{
	for (size_t i = 0; i < t->count; i++) {
		if (!strcmp(t->syms[i].name, name))
			return &t->syms[i];
	}
	fail_msg("no symbol %s", name);
	return NULL;
}

static void test_read_and_sort(void **state)
{
	static const char *const order[] = {
		"_start", "_text", "mb2_header_end", "boot_loop", "kmain", "strong_fn", "weak_fn",
		"entry0", "__entry_text_start", "common", "msg", "__rodata_start",
		"counter", "hidden", "_end",
	};
	struct symtab t;

	(void)state;
	load(&t, sample_nm);
	assert_int_equal(t.count, sizeof(order) / sizeof(order[0]));
	for (size_t i = 0; i < t.count; i++) {
		assert_string_equal(t.syms[i].name, order[i]);
		if (i)
			assert_true(t.syms[i - 1].addr <= t.syms[i].addr);
	}
	symtab_free(&t);
}

static void test_marker_names(void **state)
{
	(void)state;
	assert_true(is_marker_name("__start_mcount_loc"));
	assert_true(is_marker_name("__stop_ktests"));
	assert_true(is_marker_name("__entry_text_start"));
	assert_true(is_marker_name("__bss_end"));
	assert_true(is_marker_name("mb2_header_end"));
	assert_true(is_marker_name("_end"));
	assert_false(is_marker_name("_start"));
	assert_false(is_marker_name("kthread_start"));
	assert_false(is_marker_name("__schedule"));
	assert_false(is_marker_name("end"));
	assert_false(is_marker_name("__"));
}

static void test_sizes(void **state)
{
	struct symtab t;

	(void)state;
	load(&t, sample_nm);
	/* Text labels reach the next higher address, aliases skipped. */
	assert_int_equal(find(&t, "_start")->size, 7);
	assert_int_equal(find(&t, "_text")->size, 7);
	assert_int_equal(find(&t, "boot_loop")->size, 9);
	assert_int_equal(find(&t, "entry0")->size, 4);
	assert_int_equal(find(&t, "common")->size, 0xd7c);
	/* nm's sizes are kept; data labels stay empty (never matched). */
	assert_int_equal(find(&t, "kmain")->size, 0x36);
	assert_int_equal(find(&t, "msg")->size, 6);
	assert_int_equal(find(&t, "__rodata_start")->size, 0);
	assert_int_equal(find(&t, "_end")->size, 0);
	symtab_free(&t);
}

static void test_sizes_edges(void **state)
{
	struct symtab t;

	(void)state;
	/* Last address: no next one, size 1. nm sizes past u32: clamped. */
	load(&t, "ffffffff80000000 t far\n"
		 "ffffffff80000000 0000000100000000 T huge\n"
		 "ffffffffff000000 T a\n"
		 "ffffffffff000000 T last\n");
	assert_int_equal(find(&t, "far")->size, 0x7f000000);
	assert_int_equal(sym_size32(find(&t, "huge")), UINT32_MAX);
	assert_int_equal(find(&t, "a")->size, 1);
	assert_int_equal(find(&t, "last")->size, 1);
	assert_string_equal(t.syms[0].name, "huge");
	symtab_free(&t);
}

static void test_emit_empty(void **state)
{
	struct symtab t = { 0 };
	char *out;

	(void)state;
	out = emit(&t);
	assert_non_null(strstr(out, "kallsyms_num:\n\t.quad 0\n"));
	assert_non_null(strstr(out, "kallsyms_names:\n"));
	assert_int_equal(asm_bytes(out), 8);
	free(out);
}

static void test_emit_contents(void **state)
{
	struct symtab t;
	struct layout l;
	char *out;

	(void)state;
	load(&t, sample_nm);
	out = emit(&t);
	symtab_layout(&t, &l);
	assert_non_null(strstr(out, ".section .rodata.kallsyms, \"a\"\n\t.balign 8\n"));
	assert_non_null(strstr(out, "\t.quad 15\n"));
	assert_non_null(strstr(out, "\t.quad 0xffffffff80100010\n"));
	assert_non_null(strstr(out, "\t.asciz \"kmain\"\n"));
	assert_int_equal(asm_bytes(out), l.total);
	assert_int_equal(l.total % 8, 0);
	free(out);
	symtab_free(&t);
}

/* Shifts every in-window address of nm text by delta, keeping the order. */
static char *shift_nm(const char *text, unsigned long long delta)
{
	char *out = NULL, line[256];
	size_t len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *f = open_memstream(&out, &len);

	while (fgets(line, sizeof(line), in)) {
		unsigned long long addr;
		int n = 0;

		if (sscanf(line, "%llx%n", &addr, &n) == 1 && addr >= KERNEL_WINDOW_START)
			fprintf(f, "%016llx%s", addr + delta, line + n);
		else
			fputs(line, f);
	}
	fclose(in);
	fclose(f);
	return out;
}

static void test_emit_size_address_independent(void **state)
{
	struct symtab a, b;
	char *moved = shift_nm(sample_nm, 0x12345);
	char *out_a, *out_b;

	(void)state;
	load(&a, sample_nm);
	load(&b, moved);
	out_a = emit(&a);
	out_b = emit(&b);
	assert_string_not_equal(out_a, out_b);
	assert_int_equal(asm_bytes(out_a), asm_bytes(out_b));
	free(out_a);
	free(out_b);
	symtab_free(&a);
	symtab_free(&b);
	free(moved);
}

static void test_emit_escapes(void **state)
{
	struct symtab t;
	struct layout l;
	char *out;

	(void)state;
	load(&t, "ffffffff80100000 T a\"b\\c\xe9\n");
	out = emit(&t);
	symtab_layout(&t, &l);
	assert_non_null(strstr(out, "\t.asciz \"a\\042b\\134c\\351\"\n"));
	assert_int_equal(asm_bytes(out), l.total);
	assert_int_equal(l.end - l.names, 7);
	free(out);
	symtab_free(&t);
}

/* The name index: every table index once, sorted by name, ties in table order. */
static void test_name_index(void **state)
{
	struct symtab t;
	uint32_t *idx;
	char *out;

	(void)state;
	load(&t, "ffffffff80100000 0000000000000010 t dup\n"
		 "ffffffff80100010 0000000000000010 T beta\n"
		 "ffffffff80100020 0000000000000010 t dup\n"
		 "ffffffff80100030 0000000000000010 T alpha\n"
		 "ffffffff80100040 0000000000000010 t _x\n");
	idx = symtab_name_index(&t);
	assert_non_null(idx);
	assert_string_equal(t.syms[idx[0]].name, "_x");
	assert_string_equal(t.syms[idx[1]].name, "alpha");
	assert_string_equal(t.syms[idx[2]].name, "beta");
	assert_int_equal(idx[3], 0);	/* first dup */
	assert_int_equal(idx[4], 2);	/* second dup */
	out = emit(&t);
	assert_non_null(strstr(out, "kallsyms_name_idx:\n\t.long 4\n\t.long 3\n\t.long 1\n"
				   "\t.long 0\n\t.long 2\n"));
	free(out);
	free(idx);
	symtab_free(&t);
}

/* Each index table has count entries of 4 bytes: in the layout and the size. */
static void test_name_index_layout(void **state)
{
	struct symtab t;
	struct layout l;

	(void)state;
	load(&t, sample_nm);
	symtab_layout(&t, &l);
	assert_int_equal(l.name_idx - l.name_off, 4 * t.count);
	assert_int_equal(l.types - l.name_idx, 4 * t.count);
	symtab_free(&t);
}

static void test_read_long_garbage(void **state)
{
	size_t n = 100000;
	char *text = malloc(n + 64);
	struct symtab t;

	(void)state;
	memset(text, 'x', n);
	strcpy(text + n, "\nffffffff80100000 T ok\n\n\x01\x02\n");
	load(&t, text);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.syms[0].name, "ok");
	symtab_free(&t);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_sized),
		cmocka_unit_test(test_parse_unsized),
		cmocka_unit_test(test_parse_garbage),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_read_and_sort),
		cmocka_unit_test(test_marker_names),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_sizes_edges),
		cmocka_unit_test(test_emit_empty),
		cmocka_unit_test(test_emit_contents),
		cmocka_unit_test(test_emit_size_address_independent),
		cmocka_unit_test(test_emit_escapes),
		cmocka_unit_test(test_name_index),
		cmocka_unit_test(test_name_index_layout),
		cmocka_unit_test(test_read_long_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
