/*
 * The in-kernel test and benchmark runners (see include/kelp/ktest.h).
 * Cases live in linker sections, so adding a test is adding a KTEST()
 * anywhere in the kernel; output is TAP so the QEMU harness counts every
 * case. Cases run one after another in the caller's context.
 */
#include <kelp/ktest.h>
#include <kelp/printk.h>
#include <kelp/string.h>

extern const struct ktest_case __start_ktests[], __stop_ktests[];
extern const struct kbench_case __start_kbenches[], __stop_kbenches[];

/* Console output of the runners bypasses the log: TAP must not get timestamps. */
static void tap_printf(const char *fmt, ...) __printf(1, 2);
static void tap_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, n);
}

/* See ktest.h. */
void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failures++;
	tap_printf("    # %s:%d: %s\n", file, line, msg);
}

/* One comma-separated filter word: exact name, "all", or a prefix ending in '*'. */
static bool word_match(const char *w, size_t len, const char *name)
{
	if (len == 3 && !strncmp(w, "all", 3))
		return true;
	if (len && w[len - 1] == '*')
		return !strncmp(w, name, len - 1);
	return strlen(name) == len && !strncmp(w, name, len);
}

/* See ktest.h. */
bool ktest_filter_match(const char *filter, const char *name)
{
	while (filter && *filter) {
		const char *end = strchr(filter, ',');
		size_t len = end ? (size_t)(end - filter) : strlen(filter);

		if (word_match(filter, len, name))
			return true;
		filter = end ? end + 1 : NULL;
	}
	return false;
}

/* See ktest.h. */
int ktest_run(const char *filter)
{
	const struct ktest_case *c;
	int planned = 0, n = 0, failed = 0;

	for (c = __start_ktests; c < __stop_ktests; c++)
		planned += ktest_filter_match(filter, c->name);
	tap_printf("TAP version 13\n1..%d\n", planned);
	for (c = __start_ktests; c < __stop_ktests; c++) {
		struct ktest t = { .name = c->name };

		if (!ktest_filter_match(filter, c->name))
			continue;
		c->fn(&t);
		n++;
		if (t.failures)
			failed++;
		tap_printf("%sok %d - %s\n", t.failures ? "not " : "", n, c->name);
	}
	tap_printf("# ktest: %d passed, %d failed\n", n - failed, failed);
	return failed;
}

/* See ktest.h. */
void kbench_report(const char *name, unsigned long long value, const char *unit)
{
	tap_printf("bench: %s: %llu %s\n", name, value, unit);
}

/* See ktest.h. */
void kbench_reportf(const char *name, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tap_printf("bench: %s: %s\n", name, buf);
}

/* See ktest.h. */
void kbench_run(const char *filter)
{
	for (const struct kbench_case *c = __start_kbenches; c < __stop_kbenches; c++)
		if (ktest_filter_match(filter, c->name))
			c->fn();
}
