/*
 * Unit tests of kernel/lib/glob.c: stars, question marks, sets, escapes,
 * and the backtracking cases that naive matchers get wrong.
 */
#include "unit.h"
#include "../../kernel/lib/glob.c"

static void test_literal(void **state)
{
	(void)state;
	assert_true(glob_match("kmain", "kmain"));
	assert_false(glob_match("kmain", "kmain2"));
	assert_false(glob_match("kmain", "kmai"));
	assert_true(glob_match("", ""));
	assert_false(glob_match("", "a"));
}

static void test_star(void **state)
{
	(void)state;
	assert_true(glob_match("*", ""));
	assert_true(glob_match("*", "anything"));
	assert_true(glob_match("sched_*", "sched_switch"));
	assert_true(glob_match("sched_*", "sched_"));
	assert_false(glob_match("sched_*", "sche"));
	assert_true(glob_match("*_ops", "ftrace_ops"));
	assert_true(glob_match("*trace*", "ftrace_ops"));
	assert_true(glob_match("a*b*c", "aXbYbZc"));
	assert_false(glob_match("a*b*c", "aXbYbZ"));
	assert_true(glob_match("**x", "abx"));
	assert_true(glob_match("a*a*a*a*b", "aaaaaaaaaaaaab"));
	assert_false(glob_match("a*a*a*a*b", "aaaaaaaaaaaaaa"));
}

static void test_question_and_sets(void **state)
{
	(void)state;
	assert_true(glob_match("k?ain", "kmain"));
	assert_false(glob_match("k?ain", "kain"));
	assert_false(glob_match("kmain?", "kmain"));
	assert_true(glob_match("[a-c]x", "bx"));
	assert_false(glob_match("[a-c]x", "dx"));
	assert_true(glob_match("[!a-c]x", "dx"));
	assert_false(glob_match("[!a-c]x", "ax"));
	assert_true(glob_match("[]]", "]"));
	assert_true(glob_match("[abc", "[abc"));	/* unterminated: literal */
	assert_false(glob_match("[a]", ""));
}

static void test_escape(void **state)
{
	(void)state;
	assert_true(glob_match("a\\*b", "a*b"));
	assert_false(glob_match("a\\*b", "axb"));
	assert_true(glob_match("a\\?", "a?"));
	assert_false(glob_match("a\\?", "ab"));
	assert_true(glob_match("x\\", "x\\"));
}

/* Found by fuzz_glob: bytes >= 0x80 never matched themselves (char sign). */
static void test_non_ascii_literal(void **state)
{
	(void)state;
	assert_true(glob_match("f=_\x93" "est", "f=_\x93" "est"));
	assert_true(glob_match("*\x93*", "ab\x93" "cd"));
	assert_false(glob_match("\x93", "\x94"));
	assert_true(glob_match("[\x80-\xff]", "\xe9"));
}

static void test_has_wildcard(void **state)
{
	(void)state;
	assert_false(glob_has_wildcard("kmain"));
	assert_true(glob_has_wildcard("k*"));
	assert_true(glob_has_wildcard("k?"));
	assert_true(glob_has_wildcard("[k]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_question_and_sets),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_non_ascii_literal),
		cmocka_unit_test(test_has_wildcard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
