/*
 * Unit tests of tools/klp-diff, klp-build's object diff: each case writes
 * an original and a patched C file into a temporary folder, compiles both
 * with the kernel's code-generation flags (-pg -mfentry -mrecord-mcount,
 * -ffunction-sections -fdata-sections, ...), runs build/tools/klp-diff on
 * the pair and checks its manifest, its exit status and the object it
 * writes. Nothing is committed in binary form: the objects are built here.
 * A host tool's test: it does not include unit.h (no kernel code in it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define KLP_DIFF "build/tools/klp-diff"
#define CFLAGS "-O2 -ffreestanding -fno-pic -mcmodel=kernel -mno-red-zone -pg -mfentry " \
	"-mnop-mcount -mrecord-mcount -ffunction-sections -fdata-sections " \
	"-fno-asynchronous-unwind-tables -flive-patching=inline-clone " \
	"-fno-optimize-sibling-calls -fcf-protection=none -fno-common"

static char dir[64];
static char out[16384];		/* the manifest (stdout and stderr of klp-diff) */
static int status;

/* Runs cmd (in dir); returns its exit status; its output lands in out. */
static int run(const char *cmd)
{
	char full[4096];
	FILE *p;
	size_t n;

	snprintf(full, sizeof(full), "cd %s && %s 2>&1", dir, cmd);
	p = popen(full, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Compiles a.c -> a.o; returns 0 or fails the test. */
static void cc(const char *base)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "gcc " CFLAGS " -c -o %s.o %s.c", base, base);
	if (run(cmd)) {
		print_error("%s", out);
		fail();
	}
}

/* Diffs orig.c against patched.c (compiled here); status in status, manifest in out. */
static void diff(const char *orig, const char *patched, const char *extra)
{
	char cmd[1024], cwd[512];

	write_file("orig.c", orig);
	write_file("patched.c", patched);
	cc("orig");
	cc("patched");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(cmd, sizeof(cmd), "%s/" KLP_DIFF " %s -o out.o orig.o patched.o", cwd, extra);
	run("rm -f out.o");
	status = run(cmd);
}

static bool has(const char *line)
{
	return strstr(out, line) != NULL;
}

static void expect(const char *line)
{
	if (!has(line)) {
		print_error("expected \"%s\" in:\n%s", line, out);
		fail();
	}
}

/* The symbol table of out.o as nm prints it. */
static void nm_out(void)
{
	assert_int_equal(run("nm out.o"), 0);
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/klp-diff-test.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) ? -1 : 0;
}

#define PRE "extern int printk(const char *fmt, ...);\n"

static void test_unchanged(void **state)
{
	const char *src = PRE "int f(int x) { return printk(\"%d\\n\", x); }\nint d = 3;\n";

	diff(src, src, "");
	assert_int_equal(status, 0);
	assert_false(has("changed"));
	assert_false(has("new"));
	assert_int_equal(run("test -e out.o"), 1);
}

static void test_changed_function(void **state)
{
	diff(PRE "int f(int x) { return printk(\"%d\\n\", x); }\n"
		 "int g(int x) { return printk(\"g%d\\n\", x); }\n",
	     PRE "int f(int x) { return printk(\"%d\\n\", x + 1); }\n"
		 "int g(int x) { return printk(\"g%d\\n\", x); }\n", "");
	assert_int_equal(status, 0);
	expect("changed f 0 __klp_new_f\n");
	assert_false(has("changed g"));
	nm_out();
	expect("t f\n");			/* the copy keeps its name, locally */
	expect("T __klp_new_f\n");
	expect("U .klp.sym.vmlinux.printk,0\n");	/* no target: nothing is exported */
}

/* A call to a function whose only change is elsewhere: compared by symbol, not address. */
static void test_relocation_by_symbol(void **state)
{
	diff(PRE "int a(void) { return printk(\"a\"); }\nint b(void) { return a() + printk(\"b\"); }\n",
	     PRE "int z(void) { return printk(\"z\"); }\n"
		 "int a(void) { return printk(\"a\"); }\nint b(void) { return a() + printk(\"b\"); }\n",
	     "");
	assert_int_equal(status, 0);
	assert_false(has("changed"));
	expect("new z\n");
}

static void test_new_function(void **state)
{
	diff(PRE "int f(int x) { return printk(\"%d\\n\", x); }\n",
	     PRE "static __attribute__((noinline)) int helper(int x) { return x * 3 + printk(\"h\"); }\n"
		 "int f(int x) { return printk(\"%d\\n\", helper(x)); }\n", "");
	assert_int_equal(status, 0);
	expect("new helper\n");
	expect("changed f 0");
	nm_out();
	expect("t helper\n");		/* carried, referenced locally */
	assert_false(has(".klp.sym.vmlinux.helper"));
}

static void test_static_local(void **state)
{
	/* a second static local in front renumbers counter.N in the patched object */
	diff(PRE "int f(void) { static int counter; return printk(\"%d\", ++counter); }\n",
	     PRE "int f(void) { static int extra; static int counter; extra++;\n"
		 "  return printk(\"%d %d\", ++counter, extra); }\n", "");
	assert_int_equal(status, 0);
	expect("changed f 0");
	expect("data-new extra.");
	assert_false(has("data-new counter"));
	char orig_name[64];
	assert_int_equal(run("nm orig.o | sed -n 's/.* \\(counter\\.[0-9]*\\)$/\\1/p'"), 0);
	snprintf(orig_name, sizeof(orig_name), "U .klp.sym.vmlinux.%.*s,0", (int)strcspn(out, "\n"), out);
	nm_out();
	expect(orig_name);			/* the running kernel's counter, not a copy */
	expect(" extra.");			/* the new one is carried */
}

static void test_string_literal(void **state)
{
	diff(PRE "int f(void) { return printk(\"old text\\n\"); }\n"
		 "int g(void) { return printk(\"other\\n\"); }\n",
	     PRE "int f(void) { return printk(\"new text!\\n\"); }\n"
		 "int g(void) { return printk(\"other\\n\"); }\n", "");
	assert_int_equal(status, 0);
	expect("changed f 0");
	assert_false(has("changed g"));	/* its string moved but did not change */
	assert_int_equal(run("strings -a out.o"), 0);
	expect("new text!");
	assert_false(has("other"));		/* only what the carried code uses */
}

static void test_duplicate_static_sympos(void **state)
{
	char cmd[1024], cwd[512];

	/* the target: x.c and orig.c both have a static show(); orig.c's comes second */
	write_file("x.c", PRE "static __attribute__((noinline)) int show(int x) { return printk(\"x%d\", x); }\n"
			      "int xs(int v) { return show(v); }\n");
	write_file("orig.c", PRE "static __attribute__((noinline)) int show(int x) { return printk(\"y%d\", x); }\n"
			     "int ys(int v) { return show(v); }\n");
	write_file("patched.c", PRE "static __attribute__((noinline)) int show(int x) { return printk(\"y%d!\", x); }\n"
				"int ys(int v) { return show(v); }\n");
	cc("x");
	cc("orig");
	cc("patched");
	write_file("pk.c", "int printk(const char *fmt, ...) { return 0; }\n");
	cc("pk");
	assert_int_equal(run("ld -e 0 -o target.elf x.o orig.o pk.o"), 0);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(cmd, sizeof(cmd), "%s/" KLP_DIFF " --target target.elf --file orig.c "
		 "--file-index 0 -o out.o orig.o patched.o", cwd);
	status = run(cmd);
	assert_int_equal(status, 0);
	expect("changed show 2 ");		/* the second show in address order */
	assert_false(has("changed ys"));
}

/* gcc's f.cold (the unlikely path, no fentry) goes with f, even when only f's hot part changed. */
static void test_cold_part_carried(void **state)
{
	const char *cold = PRE "extern void oops(const char *s) __attribute__((cold));\n"
		"int f(int x) { if (x < 0) { oops(\"neg\"); printk(\"after %d\", x); return -1; }\n";

	char a[512], b[512];
	snprintf(a, sizeof(a), "%s return printk(\"%%d\", x * 2); }\n", cold);
	snprintf(b, sizeof(b), "%s return printk(\"%%d\", x * 3); }\n", cold);
	diff(a, b, "");
	assert_int_equal(status, 0);
	expect("changed f 0");
	assert_false(has("error"));
	nm_out();
	expect("t f.cold\n");			/* carried, not the running kernel's */
	assert_false(has(".klp.sym.vmlinux.f.cold"));
}

/* A fix that adds lines moves every later WARN's __LINE__: no change (kpatch's warn-detect). */
static void test_line_numbers_only(void **state)
{
	/* one file name for both (__FILE__ is in the strings compared) */
	const char *warn = "#line 1 \"t.c\"\n" PRE
		"extern void __warn(const char *file, int line, void *ip, const char *fmt);\n";
	const char *g = "int g(int x) { if (x > 5) __warn(__FILE__, __LINE__, 0, \"big\"); return x * 2; }\n"
			"int h(int x) { return x > 99 ? 99 : x; }\n";
	char a[1024], b[1024];

	snprintf(a, sizeof(a), "%sint f(int x) { return printk(\"%%d\", x); }\n%s", warn, g);
	snprintf(b, sizeof(b), "%sint f(int x)\n{\n\treturn printk(\"%%d!\", x);\n}\n\n%s", warn, g);
	diff(a, b, "");
	assert_int_equal(status, 0);
	expect("changed f 0");
	assert_false(has("changed g"));		/* only its __LINE__ moved */
	/* a real constant change next to nothing that takes a line stays a change */
	snprintf(b, sizeof(b), "%sint f(int x)\n{\n\treturn printk(\"%%d\", x);\n}\n\n%s", warn,
		 "int g(int x) { if (x > 5) __warn(__FILE__, __LINE__, 0, \"big\"); return x * 2; }\n"
		 "int h(int x) { return x > 100 ? 100 : x; }\n");
	diff(a, b, "");
	expect("changed h 0");
	assert_false(has("changed g"));
}

static void test_changed_data_refused(void **state)
{
	diff(PRE "int limit = 10;\nint f(void) { return printk(\"%d\", limit); }\n",
	     PRE "int limit = 20;\nint f(void) { return printk(\"%d\", limit); }\n", "");
	assert_int_equal(status, 1);
	expect("error limit changed data");
}

static void test_data_size_refused(void **state)
{
	diff(PRE "int table[4];\nint f(void) { return printk(\"%d\", table[1]); }\n",
	     PRE "int table[8];\nint f(void) { return printk(\"%d\", table[1]); }\n", "");
	assert_int_equal(status, 1);
	expect("error table changed data: its size changed from 16 to 32 bytes");
}

static void test_new_data_carried(void **state)
{
	diff(PRE "int f(void) { return printk(\"f\"); }\n",
	     PRE "static int calls;\nint f(void) { return printk(\"f%d\", ++calls); }\n", "");
	assert_int_equal(status, 0);
	expect("data-new calls\n");
	nm_out();
	expect("b calls\n");
}

static void test_rodata_copied(void **state)
{
	diff(PRE "static const int tab[3] = { 1, 2, 3 };\nint f(int i) { return printk(\"%d\", tab[i]); }\n",
	     PRE "static const int tab[3] = { 1, 2, 4 };\nint f(int i) { return printk(\"%d\", tab[i]); }\n",
	     "");
	assert_int_equal(status, 0);
	expect("rodata-copy tab\n");
	expect("changed f 0");
}

static void test_init_refused(void **state)
{
	diff(PRE "__attribute__((section(\".init.text\"))) int setup(void) { return printk(\"a\"); }\n",
	     PRE "__attribute__((section(\".init.text\"))) int setup(void) { return printk(\"b\"); }\n", "");
	assert_int_equal(status, 1);
	expect("error setup changed __init/__exit code");
}

static void test_notrace_refused(void **state)
{
	diff(PRE "__attribute__((no_instrument_function)) int nt(void) { return printk(\"a\"); }\n",
	     PRE "__attribute__((no_instrument_function)) int nt(void) { return printk(\"b\"); }\n", "");
	assert_int_equal(status, 1);
	expect("error nt has no fentry site (notrace)");
}

static void test_core_refused(void **state)
{
	diff(PRE "int klp_thing(void) { return printk(\"a\"); }\n",
	     PRE "int klp_thing(void) { return printk(\"b\"); }\n", "--core");
	assert_int_equal(status, 1);
	expect("error klp_thing is used by the livepatch core while patching");
}

static void test_module_init_refused(void **state)
{
	const char *tail = "int init_module(void) __attribute__((alias(\"my_init\")));\n";
	char a[512], b[512];

	snprintf(a, sizeof(a), PRE "static int my_init(void) { return printk(\"a\"); }\n%s", tail);
	snprintf(b, sizeof(b), PRE "static int my_init(void) { return printk(\"b\"); }\n%s", tail);
	diff(a, b, "--objname mymod");
	assert_int_equal(status, 1);
	expect("error my_init changed module init code");
}

static void test_callbacks(void **state)
{
	diff(PRE "int f(void) { return printk(\"f\"); }\n",
	     PRE "struct klp_object;\n"
		 "static int pre(struct klp_object *o) { return printk(\"pre\"); }\n"
		 "static int (*cb)(struct klp_object *) __attribute__((used, section(\".klp.callbacks.pre_patch\"))) = pre;\n"
		 "int f(void) { return printk(\"f\"); }\n", "");
	assert_int_equal(status, 0);
	expect("callback pre_patch __klp_cb_pre_patch_pre\n");
	nm_out();
	expect("T __klp_cb_pre_patch_pre\n");
}

static void test_module_object_names(void **state)
{
	diff(PRE "static int calls;\nint f(void) { return printk(\"%d\", ++calls); }\n",
	     PRE "static int calls;\nint f(void) { return printk(\"%d!\", ++calls); }\n",
	     "--objname my_mod");
	assert_int_equal(status, 0);
	nm_out();
	expect("U .klp.sym.my_mod.calls,0\n");
	expect("U printk\n");		/* a module's imports are exports */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_function, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relocation_by_symbol, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_function, setup, teardown),
		cmocka_unit_test_setup_teardown(test_static_local, setup, teardown),
		cmocka_unit_test_setup_teardown(test_string_literal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_static_sympos, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cold_part_carried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_numbers_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_data_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_size_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_data_carried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rodata_copied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notrace_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_core_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_module_init_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_callbacks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_module_object_names, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
