/*
 * The ktest runner, linked first into every test and benchmark module
 * (Makefile KTEST_RUNNER): the module's init runs the KTEST() cases the
 * filter= parameter selects and prints them as one TAP block straight to
 * the console (no timestamps), then the KBENCH() cases it selects (a
 * bench-*.ko module has only those). The cases are found between this
 * object's markers at the start of .ktests/.kbenches and runner_end.c's
 * at their end: ld -r concatenates the sections in link order. The kernel
 * keeps no test code.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <kelp/fs.h>
#include <kelp/ktest.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/sched.h>
#include <kelp/smp.h>

MODULE_IMPORT_NS(EXPORTED_FOR_KTEST);
MODULE_LICENSE("GPL");

/* Start markers: nothing may come before this object in a module's link. */
static const struct ktest_case ktests_begin[0] __used __section(".ktests") __aligned(8);
static const struct kbench_case kbenches_begin[0] __used __section(".kbenches") __aligned(8);
extern const struct ktest_case __ktests_end[];
extern const struct kbench_case __kbenches_end[];

static char *filter = "all";
module_param(filter, charp, 0444);
MODULE_PARM_DESC(filter, "cases to run: all, NAME, PREFIX*, comma-separated");
static int failed;
module_param(failed, int, 0444);
MODULE_PARM_DESC(failed, "failed cases of the last run (read by /bin/ktest)");

/* The markers are distinct objects to the compiler: hide where p comes from. */
#define KTEST_HIDE(p) ({ typeof(&(p)[0]) __p = (p); asm("" : "+r"(__p)); __p; })

/* Console output of the runner bypasses the log: TAP must not get timestamps. */
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
void ktest_settle(void)
{
	/*
	 * A task that left the task list is freed at its last switch-out, on
	 * its CPU, maybe a moment later: the first grace period sees every
	 * CPU enter the scheduler after that, the second leave it.
	 */
	synchronize_rcu();
	synchronize_rcu();
}

/* See ktest.h. */
int ktest_run(const char *filter)
{
	const struct ktest_case *first = KTEST_HIDE(ktests_begin), *c;
	int planned = 0, n = 0, failed = 0;

	for (c = first; c < __ktests_end; c++)
		planned += ktest_filter_match(filter, c->name);
	if (!planned)
		return 0;	/* a module without selected cases says nothing */
	tap_printf("TAP version 13\n# module: %s\n1..%d\n", THIS_MODULE->name, planned);
	for (c = first; c < __ktests_end; c++) {
		struct ktest t = { .name = c->name };

		if (!ktest_filter_match(filter, c->name))
			continue;
		ktest_settle();
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
	const struct kbench_case *c;

	for (c = KTEST_HIDE(kbenches_begin); c < __kbenches_end; c++)
		if (ktest_filter_match(filter, c->name))
			c->fn();
}

/*
 * Runs the selected cases at load. Always 0: the module stays loaded so
 * that /bin/ktest can read failed= from /sys/module/NAME/parameters/ and
 * then unload it.
 */
static int __init ktest_module_init(void)
{
	failed = ktest_run(filter);
	kbench_run(filter);
	return 0;
}

static void __exit ktest_module_exit(void)
{
}

module_init(ktest_module_init);
module_exit(ktest_module_exit);

/* See ktest.h. */
int ktest_write_file(const char *path, const char *s)
{
	struct file *f;
	ssize_t n;
	int err = vfs_open(path, O_WRONLY, 0, &f);

	if (err)
		return err;
	n = vfs_write(f, s, strlen(s));
	vfs_close(f);
	return n < 0 ? (int)n : 0;
}

/* See ktest.h. */
ssize_t ktest_read_file(const char *path, char *buf, size_t len)
{
	struct file *f;
	ssize_t n;
	int err = vfs_open(path, O_RDONLY, 0, &f);

	if (err)
		return err;
	n = vfs_read(f, buf, len - 1);
	vfs_close(f);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* See ktest.h. */
u64 ktest_pin_cpu(void)
{
	u64 old = current->cpus_allowed;
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	preempt_enable();
	set_cpus_allowed(current, 1ULL << cpu);	/* moves us there if we moved meanwhile */
	return old;
}

/* See ktest.h. */
void ktest_unpin_cpu(u64 old)
{
	set_cpus_allowed(current, old);
}
