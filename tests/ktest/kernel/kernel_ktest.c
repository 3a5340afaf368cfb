/*
 * In-kernel tests of the foundation's core services: the log ring (records
 * survive wrap-around and eviction in order), the clock (monotonic, and the
 * tick runs), kallsyms (addresses of known functions resolve to their
 * names) and the stack walker (a known call chain is seen).
 */
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/kallsyms.h>
#include <kelp/printk.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/x86.h>
#include "../target.h"

struct last_line {
	char text[128];
	unsigned int count;
};

static void keep_last(const char *line, size_t len, void *arg)
{
	struct last_line *l = arg;

	l->count++;
	strlcpy(l->text, line, min(len + 1, sizeof(l->text)));
}

KTEST(printk_ring_wraps_in_order)
{
	struct last_line last = { 0 };
	u64 dropped = printk_log_dropped();
	char *body;

	/* 3000 debug-level lines (not echoed) overflow the 128 KiB ring. */
	for (int i = 0; i < 3000; i++)
		printk(KERN_DEBUG "ktest: ring line %04d with some padding to fill the ring\n", i);
	printk_log_for_each(keep_last, &last);
	KT_EXPECT(t, printk_log_dropped() > dropped);
	body = strchr(last.text, ']');
	KT_ASSERT(t, body != NULL);
	KT_EXPECT(t, !strncmp(body, "] ktest: ring line 2999", 23));
	KT_EXPECT(t, last.count > 100);
}

static int emit(int facility, int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_emit(facility, level, NULL, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Linux's record priorities as /dev/kmsg shows them: a printk without a
 * level is default_message_loglevel (4), vprintk_emit() keeps the
 * facility and level it is given (LOGLEVEL_DEFAULT: the KERN_ prefix).
 */
KTEST(printk_default_level_and_vprintk_emit)
{
	static const struct { const char *prio, *text; } want[] = {
		{ "4,", ";ktest: a printk without a level\n" },
		{ "13,", ";ktest: user.notice 13\n" },
		{ "3,", ";ktest: kernel err\n" },
		{ "30,", ";ktest: daemon info\n" },
	};
	static char rec[KMSG_RECORD_MAX];
	struct kmsg_iter it;
	int saved = console_loglevel, found = 0;

	console_loglevel = 0;		/* keep the console quiet */
	kmsg_iter_seek(&it, KMSG_SEEK_END);
	printk("ktest: a printk without a level\n");
	emit(1, 5, "ktest: user.notice %d\n", 13);
	emit(0, LOGLEVEL_DEFAULT, KERN_ERR "ktest: kernel err\n");
	emit(3, LOGLEVEL_DEFAULT, KERN_INFO "ktest: daemon info\n");
	console_loglevel = saved;
	/* Other CPUs may log meanwhile: look for ours among the next records. */
	for (int i = 0; i < 64 && found < 4 && kmsg_iter_read(&it, rec, sizeof(rec)) > 0; i++) {
		for (int k = 0; k < 4; k++) {
			if (strstr(rec, want[k].text)) {
				KT_EXPECT(t, !strncmp(rec, want[k].prio, strlen(want[k].prio)));
				found++;
			}
		}
	}
	KT_EXPECT_EQ(t, found, 4);
}

KTEST(clock_monotonic_and_ticking)
{
	u64 j0 = jiffies, n0 = ktime_get_ns(), n1;

	KT_ASSERT(t, !irqs_disabled());
	while (jiffies < j0 + 3)
		safe_halt();
	n1 = ktime_get_ns();
	/*
	 * No lower bound on n1 - n0: on a loaded host QEMU delivers late PIT
	 * ticks in bursts, so three ticks may take far less than 3 ms.
	 */
	KT_EXPECT(t, n1 > n0);
}

KTEST(kallsyms_resolves_functions)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup((unsigned long)kmalloc + 3, &size, &off);

	KT_ASSERT(t, name != NULL);
	KT_EXPECT(t, !strcmp(name, "kmalloc"));
	KT_EXPECT_EQ(t, off, 3);
	KT_EXPECT(t, size > 3);
	KT_EXPECT_EQ(t, kallsyms_lookup_name("kmalloc"), (unsigned long)kmalloc);
	KT_EXPECT_EQ(t, kallsyms_lookup_name("no_such_symbol_anywhere"), 0);
}

static noinline unsigned int walk_here(unsigned long *entries, unsigned int max)
{
	return stack_walk_fp((unsigned long)__builtin_frame_address(0), entries, max);
}

static noinline unsigned int walk_level2(unsigned long *entries, unsigned int max)
{
	unsigned int n = walk_here(entries, max);

	barrier();	/* keep this frame: no tail call */
	return n;
}

/* GCC may clone a function (name.isra.0, name.constprop.0): match the base. */
static bool is_function(const char *sym, const char *base)
{
	size_t n = strlen(base);

	return sym && !strncmp(sym, base, n) && (sym[n] == '\0' || sym[n] == '.');
}

KTEST(stack_walk_sees_callers)
{
	unsigned long entries[16], size, off;
	unsigned int n = walk_level2(entries, ARRAY_SIZE(entries));
	const char *name;

	KT_ASSERT(t, n >= 2);
	name = ktest_sym_lookup(entries[0] - 1, &size, &off);
	KT_EXPECT(t, is_function(name, "walk_level2"));
	name = ktest_sym_lookup(entries[1] - 1, &size, &off);
	KT_EXPECT(t, is_function(name, "ktest_fn_stack_walk_sees_callers"));
}
