/*
 * Host unit tests of kernel/dynamic_debug.c's query engine on a table of
 * made-up call sites: Linux's keywords (file with path, base name and the
 * kernel/livepatch/ alias, func, module, format, line N, N-M, N-, -M),
 * flag operations (+ - = and the letters pmfslt_), several queries per
 * write, quoting, and every refusal with -EINVAL while the good queries
 * of the same write still apply.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/glob.c"
#include "../../kernel/dynamic_debug.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"

#include <kelp/errno.h>

/* vsprintf.c's %pS needs it; these tests print no symbols. */
int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return snprintf(buf, len, "0x%lx", addr);
}

static struct _ddebug sites[] = {
	{ NULL, "klp_init_transition", "livepatch/transition.c", "'%s': initializing %s transition\n", 350, 1 },
	{ NULL, "klp_start_transition", "livepatch/transition.c", "'%s': starting %s transition\n", 375, 1 },
	{ NULL, "klp_enable_patch", "livepatch/core.c", "enabling patch '%s'\n", 621, 1 },
	{ NULL, "boot_mark_prompt", "kernel/main.c", "kelp: prompt %llu us\n", 217, 1 },
	{ "dyndbg_test", "dyndbg_test_init", "tests/modules/dyndbg_test.c", "loaded\n", 15, 0 },
};

static struct ddebug_table table = { .sites = sites, .num = 5 };

static int run(const char *q)
{
	char buf[512];

	strlcpy(buf, q, sizeof(buf));
	return ddebug_exec_queries(buf);
}

static unsigned int flags_of(int i)
{
	return sites[i].flags;
}

static int setup(void **state)
{
	(void)state;
	INIT_LIST_HEAD(&ddebug_tables);
	ddebug_table_add(&table);
	for (int i = 0; i < 4; i++)
		sites[i].flags = _DPRINTK_FLAGS_PRINT;
	sites[4].flags = 0;
	return 0;
}

static void test_file(void **state)
{
	(void)state;
	assert_int_equal(run("file kernel/livepatch/* -p"), 3);	/* Linux's path for livepatch/ */
	assert_int_equal(flags_of(0), 0);
	assert_int_equal(flags_of(3), _DPRINTK_FLAGS_PRINT);
	assert_int_equal(run("file livepatch/transition.c +p"), 2);
	assert_int_equal(run("file core.c +p"), 1);	/* base name */
	assert_int_equal(run("file nosuch.c +p"), 0);	/* no match: not an error */
}

static void test_func_module_format_line(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(run("func klp_*_transition =pf"), 2);
	assert_int_equal(flags_of(0), _DPRINTK_FLAGS_PRINT | _DPRINTK_FLAGS_INCL_FUNCNAME);
	assert_int_equal(run("module livepatch -f"), 3);
	assert_int_equal(flags_of(0), _DPRINTK_FLAGS_PRINT);
	assert_int_equal(run("module main =_"), 1);
	assert_int_equal(flags_of(3), 0);
	assert_int_equal(run("module dyndbg_test +pmlt"), 1);
	assert_int_equal(flags_of(4), _DPRINTK_FLAGS_PRINT | _DPRINTK_FLAGS_INCL_MODNAME |
			 _DPRINTK_FLAGS_INCL_LINENO | _DPRINTK_FLAGS_INCL_TID);
	assert_int_equal(run("format \"starting %s\" -p"), 1);
	assert_int_equal(flags_of(1), 0);
	assert_int_equal(run("format 'enabling patch' -p"), 1);
	assert_int_equal(run("line 350 +s"), 1);
	assert_int_equal(run("line 300-400 +p"), 2);
	assert_int_equal(run("line 600- +p"), 1);
	assert_int_equal(run("line -300 =p"), 2);	/* 15 and 217 */
	assert_int_equal(run("module livepatch line 1-400 func klp_start* file transition.c +p"), 1);
	assert_string_equal(ddebug_modname(&sites[3], buf, sizeof(buf)), "main");
	assert_string_equal(ddebug_modname(&sites[0], buf, sizeof(buf)), "livepatch");
	assert_string_equal(ddebug_modname(&sites[4], buf, sizeof(buf)), "dyndbg_test");
}

static void test_several(void **state)
{
	(void)state;
	assert_int_equal(run("func klp_init_transition -p; func klp_start_transition -p\n"
			     "module main -p\n\n  ;# a comment\n"), 3);
	assert_int_equal(flags_of(0) | flags_of(1) | flags_of(3), 0);
	assert_int_equal(run(""), 0);
	assert_int_equal(run("  \n ; "), 0);
}

static void test_refusals(void **state)
{
	static const char *const bad[] = {
		"bogus thing +p", "func", "func a b +p", "func a func b +p", "file x.c +z",
		"file x.c p", "line 12x +p", "line 20-10 +p", "line 1-2-3 +p",
		"format 'unclosed +p", "a b c d e f g h i j +p", "line 99999999999 +p",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (run(bad[i]) != -EINVAL)
			fail_msg("accepted: \"%s\"", bad[i]);
	/* The good query of a write with a bad one still applies. */
	assert_int_equal(run("module livepatch -p; nonsense"), -EINVAL);
	assert_int_equal(flags_of(0) | flags_of(1) | flags_of(2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_file, setup),
		cmocka_unit_test_setup(test_func_module_format_line, setup),
		cmocka_unit_test_setup(test_several, setup),
		cmocka_unit_test_setup(test_refusals, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
