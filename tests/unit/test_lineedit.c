/*
 * Host tests of the console line editor both shells share
 * (userland/lib/lineedit.c): echo and erase, Ctrl-U, Ctrl-C, CR LF as one
 * end of line, swallowed escape sequences, dropped non-text bytes and an
 * overlong line refused whole.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "../../userland/lib/lineedit.c"

/* vsprintf's %pS needs it; the editor never prints a symbol. */
int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

static char echoed[4 * SHELL_LINE_MAX], errors[512];
static size_t echoed_len, errors_len;
static const char *input;
static size_t input_len, input_pos;

static void echo(const char *s, size_t len)
{
	assert_true(echoed_len + len < sizeof(echoed));
	memcpy(echoed + echoed_len, s, len);
	echoed[echoed_len += len] = '\0';
}

static void error(const char *s, size_t len)
{
	assert_true(errors_len + len < sizeof(errors));
	memcpy(errors + errors_len, s, len);
	errors[errors_len += len] = '\0';
}

static int next_byte(void)
{
	assert_true(input_pos < input_len);	/* the editor never reads past a line */
	return (unsigned char)input[input_pos++];
}

static struct sh_line_editor le = { .echo = echo, .error = error };

/* Feeds bytes (len of them: NULs allowed) and reads one line. */
static bool read_bytes(const char *bytes, size_t len)
{
	input = bytes;
	input_len = len;
	input_pos = 0;
	echoed_len = errors_len = 0;
	echoed[0] = errors[0] = '\0';
	return sh_le_read_line(&le, next_byte);
}

#define READ(lit) read_bytes(lit, sizeof(lit) - 1)

static void test_plain_line(void **state)
{
	assert_true(READ("echo hi\r"));
	assert_string_equal(le.buf, "echo hi");
	assert_string_equal(echoed, "echo hi\n");
	assert_string_equal(errors, "");
}

static void test_crlf_is_one_line(void **state)
{
	assert_true(READ("a\r"));
	assert_true(READ("\nb\n"));	/* the LF after CR is not an empty line */
	assert_string_equal(le.buf, "b");
	assert_true(READ("\n"));	/* a lone LF after LF is one */
	assert_string_equal(le.buf, "");
}

static void test_erase_and_kill(void **state)
{
	assert_true(READ("abc\x7f\bd\r"));
	assert_string_equal(le.buf, "ad");
	assert_string_equal(echoed, "abc\b \b\b \bd\n");
	assert_true(READ("junk\x15ok\x7f\x7f\x7fk\r"));	/* Ctrl-U, then erase past the start */
	assert_string_equal(le.buf, "k");
}

static void test_ctrl_c_abandons(void **state)
{
	assert_false(READ("rm x\x03"));
	assert_string_equal(echoed, "rm x^C\n");
	assert_true(READ("ls\r"));
	assert_string_equal(le.buf, "ls");
}

static void test_escapes_swallowed(void **state)
{
	assert_true(READ("l\x1b[A\x1b[1;5Ds\x1bOB\t-l\r"));
	assert_string_equal(le.buf, "ls -l");
}

/* Regression (fuzz_lineedit): Enter inside an unfinished escape sequence ends the line. */
static void test_control_ends_escape(void **state)
{
	assert_true(READ("ls\x1b[\r"));
	assert_string_equal(le.buf, "ls");
	assert_true(READ("\x1b\n"));
	assert_string_equal(le.buf, "");
	assert_false(READ("x\x1b[1;\x03"));	/* Ctrl-C too */
	assert_true(READ("\x1b[\x1b[Bok\r"));	/* ESC restarts a sequence */
	assert_string_equal(le.buf, "ok");
}

static void test_non_text_dropped(void **state)
{
	static const char bytes[] = { 'o', 'k', 0x00, (char)0xff, 0x01, '\r' };

	assert_true(read_bytes(bytes, sizeof(bytes)));
	assert_string_equal(le.buf, "ok");
	assert_string_equal(errors, "sh: ignored 3 non-text input bytes\n");
	assert_true(READ("x\x02\r"));
	assert_string_equal(errors, "sh: ignored 1 non-text input byte\n");
}

static void test_overlong_line_refused(void **state)
{
	static char line[SHELL_LINE_MAX + 2];

	memset(line, 'x', SHELL_LINE_MAX - 1);
	line[SHELL_LINE_MAX - 1] = '\r';	/* the longest accepted line */
	assert_true(read_bytes(line, SHELL_LINE_MAX));
	assert_int_equal(strlen(le.buf), SHELL_LINE_MAX - 1);

	memset(line, 'x', SHELL_LINE_MAX);	/* one more: refused whole */
	line[SHELL_LINE_MAX] = '\r';
	assert_false(read_bytes(line, SHELL_LINE_MAX + 1));
	assert_string_equal(errors, "sh: line too long (more than 1023 characters), ignored\n");
	assert_true(READ("ok\r"));		/* the next line is clean */
	assert_string_equal(le.buf, "ok");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_line),
		cmocka_unit_test(test_crlf_is_one_line),
		cmocka_unit_test(test_erase_and_kill),
		cmocka_unit_test(test_ctrl_c_abandons),
		cmocka_unit_test(test_escapes_swallowed),
		cmocka_unit_test(test_control_ends_escape),
		cmocka_unit_test(test_non_text_dropped),
		cmocka_unit_test(test_overlong_line_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
