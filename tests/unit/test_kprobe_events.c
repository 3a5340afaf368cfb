/*
 * Host unit tests of kernel/trace/trace_kprobe_parse.c, the kprobe_events
 * line parser: Linux's accepted forms (p/r, GROUP/EVENT, EVENT, the
 * default group and p_SYM_0 / r_SYM_0 names, rN maxactive, deletion),
 * blank and comment lines, and every refusal (bad words and names,
 * offsets, fetch arguments, MOD:SYM, addresses, overlong names).
 */
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/trace.h>

#include "../../kernel/trace/trace_kprobe_parse.c"
#include "../../kernel/lib/kstrto.c"
#include "../../kernel/lib/string.c"

static int parse(const char *s, struct kprobe_event_cmd *c)
{
	return kprobe_event_parse(s, strlen(s), c);
}

static void test_add_forms(void **state)
{
	struct kprobe_event_cmd c;

	(void)state;
	assert_int_equal(parse("p:myprobe do_sys_open", &c), 0);
	assert_int_equal(c.op, KPE_ADD);
	assert_false(c.is_return);
	assert_string_equal(c.group, "kprobes");
	assert_string_equal(c.event, "myprobe");
	assert_string_equal(c.symbol, "do_sys_open");
	assert_int_equal(parse("r:grp/ev_1 vfs_read+0", &c), 0);
	assert_true(c.is_return);
	assert_int_equal(c.maxactive, 0);
	assert_string_equal(c.group, "grp");
	assert_string_equal(c.event, "ev_1");
	assert_string_equal(c.symbol, "vfs_read");
	assert_int_equal(parse("  r10:x   f  ", &c), 0);
	assert_int_equal(c.maxactive, 10);
	assert_string_equal(c.event, "x");
	assert_int_equal(parse("p:g/ f", &c), 0);	/* group, default name */
	assert_string_equal(c.group, "g");
	assert_string_equal(c.event, "p_f_0");
	assert_int_equal(parse("p\tf+0x0", &c), 0);
	assert_string_equal(c.event, "p_f_0");
}

static void test_auto_names(void **state)
{
	struct kprobe_event_cmd c;

	(void)state;
	assert_int_equal(parse("p __x64_sys_getpid", &c), 0);
	assert_string_equal(c.event, "p___x64_sys_getpid_0");
	assert_int_equal(parse("r cmdline_proc_show", &c), 0);
	assert_string_equal(c.event, "r_cmdline_proc_show_0");
	assert_int_equal(parse("p foo.cold", &c), 0);	/* Linux makes '.' '_' */
	assert_string_equal(c.event, "p_foo_cold_0");
	assert_string_equal(c.symbol, "foo.cold");
	assert_int_equal(parse("p:", &c), -EINVAL);	/* no symbol */
	assert_int_equal(parse("p mod_export:mod_export_add", &c), 0);	/* MOD:SYM */
	assert_string_equal(c.symbol, "mod_export:mod_export_add");
	assert_string_equal(c.event, "p_mod_export_mod_export_add_0");	/* ':' made '_' */
	assert_int_equal(parse("r m:f.part.0", &c), 0);
	assert_string_equal(c.event, "r_m_f_part_0_0");
}

static void test_delete(void **state)
{
	struct kprobe_event_cmd c;

	(void)state;
	assert_int_equal(parse("-:myprobe", &c), 0);
	assert_int_equal(c.op, KPE_DELETE);
	assert_string_equal(c.group, "kprobes");
	assert_string_equal(c.event, "myprobe");
	assert_int_equal(parse("-:g/e", &c), 0);
	assert_string_equal(c.group, "g");
	assert_int_equal(parse("-:", &c), -EINVAL);
	assert_int_equal(parse("-:g/", &c), -EINVAL);
	assert_int_equal(parse("-myprobe", &c), -EINVAL);
	assert_int_equal(parse("-:e extra", &c), -EINVAL);
}

static void test_nothing_to_do(void **state)
{
	struct kprobe_event_cmd c;

	(void)state;
	assert_int_equal(parse("", &c), 1);
	assert_int_equal(parse("   \t ", &c), 1);
	assert_int_equal(parse("# p:x f", &c), 1);
	assert_int_equal(parse("  #comment", &c), 1);
}

static void test_refusals(void **state)
{
	static const char *const bad[] = {
		"q:x f", "P:x f", "p", "p:x", "p:x f $arg1", "p:x f a b", "p1:x f", "r0:x f",
		"r5000:x f", "rx:x f", "p-x f", "p:9x f", "p:x-y f", "p:a/b/c f", "p:/x f",
		"p:g.h/x f", "p:x f+4", "p:x f+", "p:x f+zz", "p:x f-1", "p:x :f", "p:x m:", "p:x m:9f",
		"p:x m-x:f", "p:x a:b:c", "p:x 9m:f",
		"p:x 0xffffffff80100000", "p:x 123", "p:x f\x01", "p:x +0", "p:x f+0x0+0",
	};
	struct kprobe_event_cmd c;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i], &c) != -EINVAL)
			fail_msg("accepted: \"%s\"", bad[i]);
	}
}

/* Refusals Linux logs in error_log: the error, its word and offset. */
static void test_error_places(void **state)
{
	static const struct {
		const char *line;
		int err, word, off;
	} cases[] = {
		{ "p1:x f", KPE_ERR_BAD_MAXACT_TYPE, 0, 1 },
		{ "r0:x f", KPE_ERR_BAD_MAXACT, 0, 1 },
		{ "rx:x f", KPE_ERR_BAD_MAXACT, 0, 1 },
		{ "r5000:x f", KPE_ERR_MAXACT_TOO_BIG, 0, 1 },
		{ "p:/x f", KPE_ERR_NO_GROUP_NAME, 0, 2 },
		{ "p:g.h/x f", KPE_ERR_BAD_GROUP_NAME, 0, 2 },
		{ "p:9x f", KPE_ERR_BAD_EVENT_NAME, 0, 2 },
		{ "p:a/b/c f", KPE_ERR_BAD_EVENT_NAME, 0, 4 },
		{ "-:", KPE_ERR_NO_EVENT_NAME, 0, 2 },
		{ "-:g/", KPE_ERR_NO_EVENT_NAME, 0, 4 },
		{ "p:x 0xffffffff80100000", KPE_ERR_BAD_PROBE_ADDR, 1, 0 },
		{ "p:x m:9f", KPE_ERR_BAD_PROBE_ADDR, 1, 2 },
		{ "p:x f\x01", KPE_ERR_BAD_PROBE_ADDR, 1, 1 },
		{ "p:x  f+4", KPE_ERR_BAD_PROBE_ADDR, 1, 1 },
		{ "p:x f $arg1", KPE_ERR_BAD_FETCH_ARG, 2, 0 },
		{ "-:e extra", KPE_ERR_BAD_FETCH_ARG, 1, 0 },
		/* Linux logs nothing for these */
		{ "q:x f", KPE_ERR_NONE, 0, 0 },
		{ "p:x", KPE_ERR_NONE, 0, 0 },
		{ "-myprobe", KPE_ERR_NONE, 0, 0 },
	};
	struct kprobe_event_cmd c;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (parse(cases[i].line, &c) != -EINVAL || c.err != cases[i].err ||
		    c.err_word != cases[i].word || c.err_off != cases[i].off)
			fail_msg("\"%s\": err %d word %d off %d", cases[i].line, c.err, c.err_word,
				 c.err_off);
	}
	assert_string_equal(kprobe_event_errstr(KPE_ERR_BAD_PROBE_ADDR),
			    "Invalid probed address or symbol");
	assert_string_equal(kprobe_event_errstr(KPE_ERR_NONE), "");
	assert_string_equal(kprobe_event_errstr(-1), "");
	assert_string_equal(kprobe_event_errstr(1000), "");
	assert_int_equal(parse("p:x f", &c), 0);
	assert_int_equal(c.err, KPE_ERR_NONE);
}

/* line = a + b + c (no snprintf here: the host build maps it to the kernel's). */
static void join(char *line, const char *a, const char *b, const char *c)
{
	size_t na = strlen(a), nb = strlen(b);

	memcpy(line, a, na);
	memcpy(line + na, b, nb);
	memcpy(line + na + nb, c, strlen(c) + 1);
}

static void test_lengths(void **state)
{
	struct kprobe_event_cmd c;
	char line[400], name[100];

	(void)state;
	memset(name, 'a', 63);
	name[63] = '\0';
	join(line, "p:", name, " f");
	assert_int_equal(parse(line, &c), 0);	/* 63 characters: fits */
	name[63] = 'a';
	name[64] = '\0';
	join(line, "p:", name, " f");
	assert_int_equal(parse(line, &c), -EINVAL);
	/*
	 * p_SYM_0 from a 60-character symbol does not fit 63 characters:
	 * Linux's snprintf cuts it ("p_sss...s_"), the line is accepted.
	 */
	memset(name, 's', 60);
	name[60] = '\0';
	join(line, "p ", name, "");
	assert_int_equal(parse(line, &c), 0);
	assert_int_equal(strlen(c.event), 63);
	assert_memory_equal(c.event, "p_sss", 5);
	assert_int_equal(c.event[62], '_');
	name[59] = '\0';
	join(line, "p ", name, "");
	assert_int_equal(parse(line, &c), 0);
	assert_int_equal(strlen(c.event), 63);	/* 59 + "p_" + "_0": fits exactly */
	assert_string_equal(c.event + 58, "sss_0");
	memset(line, 'z', sizeof(line) - 1);
	memcpy(line, "p:x ", 4);
	line[sizeof(line) - 1] = '\0';
	assert_int_equal(parse(line, &c), -EINVAL);	/* symbol too long */
	/* A length that stops mid-line: only those bytes count. */
	assert_int_equal(kprobe_event_parse("p:x f garbage", 5, &c), 0);
	assert_int_equal(kprobe_event_parse("p:x f garbage", 7, &c), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_forms),
		cmocka_unit_test(test_auto_names),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_nothing_to_do),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_error_places),
		cmocka_unit_test(test_lengths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
