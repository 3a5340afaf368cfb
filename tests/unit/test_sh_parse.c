/*
 * Host tests of the shell's tokenizer (userland/lib/sh_parse.c): words,
 * quotes, escapes, comments, redirections, and every refusal (too many
 * words, unterminated quotes, redirection without a target, over-long line).
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../userland/lib/sh_parse.c"

static struct sh_cmdline cl;

static int parse(const char *line)
{
	const char *msg;

	return sh_parse(line, &cl, &msg);
}

static void test_words(void **state)
{
	assert_int_equal(parse("  echo   hello\tworld  "), 0);
	assert_int_equal(cl.argc, 3);
	assert_string_equal(cl.argv[0], "echo");
	assert_string_equal(cl.argv[1], "hello");
	assert_string_equal(cl.argv[2], "world");
	assert_null(cl.argv[3]);
	assert_null(cl.redir);
}

static void test_empty_and_comment(void **state)
{
	assert_int_equal(parse(""), 0);
	assert_int_equal(cl.argc, 0);
	assert_int_equal(parse("   # just a comment"), 0);
	assert_int_equal(cl.argc, 0);
	assert_int_equal(parse("echo a#b # c"), 0);
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.argv[1], "a#b");
}

static void test_quotes_and_escapes(void **state)
{
	assert_int_equal(parse("echo 'a  b' \"c \\\"d\\\"\" e\\ f 'x'y\"z\""), 0);
	assert_int_equal(cl.argc, 5);
	assert_string_equal(cl.argv[1], "a  b");
	assert_string_equal(cl.argv[2], "c \"d\"");
	assert_string_equal(cl.argv[3], "e f");
	assert_string_equal(cl.argv[4], "xyz");
	assert_int_equal(parse("echo ''"), 0);
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.argv[1], "");
	assert_int_equal(parse("echo 'a>b'"), 0);
	assert_string_equal(cl.argv[1], "a>b");
	assert_null(cl.redir);
}

static void test_redirections(void **state)
{
	assert_int_equal(parse("echo 1 > /sys/x"), 0);
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.redir, "/sys/x");
	assert_false(cl.redir_append);
	assert_int_equal(parse("echo hi>>log"), 0);
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.argv[1], "hi");
	assert_string_equal(cl.redir, "log");
	assert_true(cl.redir_append);
	assert_int_equal(parse(">f echo x"), 0);
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.redir, "f");
}

static void test_errors(void **state)
{
	const char *msg = NULL;

	assert_int_equal(sh_parse("echo 'open", &cl, &msg), -EINVAL);
	assert_non_null(msg);
	assert_int_equal(parse("echo \"open"), -EINVAL);
	assert_int_equal(parse("echo >"), -ENOENT);
	assert_int_equal(parse("echo > >x"), -ENOENT);
	assert_int_equal(parse("echo >'x"), -EINVAL);
	/* Found by fuzz_sh_parse: an empty quoted target was accepted. */
	assert_int_equal(parse("echo > ''"), -ENOENT);
}

static void test_too_many_words(void **state)
{
	char line[SHELL_LINE_MAX];
	size_t n = 0;

	for (int i = 0; i < SHELL_MAX_ARGS; i++)
		n += host_snprintf(line + n, sizeof(line) - n, "w%d ", i);
	assert_int_equal(parse(line), 0);
	assert_int_equal(cl.argc, SHELL_MAX_ARGS);
	host_snprintf(line + n, sizeof(line) - n, "one-more");
	assert_int_equal(parse(line), -E2BIG);
}

static void test_too_long(void **state)
{
	static char line[SHELL_LINE_MAX + 1];

	for (int i = 0; i < SHELL_LINE_MAX; i++)
		line[i] = i % 2 ? ' ' : 'a';
	line[SHELL_LINE_MAX] = '\0';
	assert_int_equal(parse(line), -E2BIG);
	line[SHELL_LINE_MAX - 1] = '\0';	/* the longest accepted line */
	assert_int_equal(parse(line), -E2BIG);	/* 512 words > SHELL_MAX_ARGS */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_empty_and_comment),
		cmocka_unit_test(test_quotes_and_escapes),
		cmocka_unit_test(test_redirections),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_too_many_words),
		cmocka_unit_test(test_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
