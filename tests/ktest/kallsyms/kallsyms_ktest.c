/*
 * In-kernel tests of kallsyms lookups by name and sympos against the
 * deliberately duplicated static kallsyms_test_dup (kallsyms_dup_a.c and
 * kallsyms_dup_b.c, in target-ktest.ko), iteration, the /proc/kallsyms line, and the export
 * tables.
 */
#include <kelp/ktest.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/kallsyms.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include "../target.h"

unsigned long kallsyms_dup_a_addr(void);
unsigned long kallsyms_dup_b_addr(void);

/*
 * The twins live in target-ktest.ko, where livepatch looks them up by
 * sympos for a module object; the kernel has no test symbol at all.
 */
KTEST(kallsyms_sympos_duplicate_static)
{
	unsigned long a = kallsyms_dup_a_addr(), b = kallsyms_dup_b_addr();
	unsigned long lo = min(a, b), hi = max(a, b), addr, count;
	const char *mod = KTEST_TARGET_MOD;

	KT_ASSERT(t, a != b);
	KT_EXPECT_EQ(t, ktest_target_symbol_pos(mod, "kallsyms_test_dup", 1, &count), lo);
	KT_EXPECT_EQ(t, count, 2);
	KT_EXPECT_EQ(t, ktest_target_symbol_pos(mod, "kallsyms_test_dup", 2, NULL), hi);
	KT_EXPECT_EQ(t, ktest_target_symbol_pos(mod, "kallsyms_test_dup", 3, NULL), 0);
	KT_EXPECT_EQ(t, ktest_target_symbol(mod, "kallsyms_dup_a_addr"),
		     (unsigned long)kallsyms_dup_a_addr);
	KT_EXPECT_EQ(t, kallsyms_lookup_name("kallsyms_test_dup"), 0);
	KT_EXPECT_EQ(t, kallsyms_count_name("kallsyms_test_dup", 0, &addr), 0);
	KT_EXPECT_EQ(t, kallsyms_lookup_sympos(NULL, "kallsyms_test_dup", 1, &addr), -EINVAL);
}

static int find_kmalloc(void *data, const char *name, unsigned long addr)
{
	return !strcmp(name, "kmalloc") && addr == (unsigned long)kmalloc;
}

KTEST(kallsyms_iterate_and_format)
{
	struct kallsyms_sym s;
	char line[128], want[128];
	unsigned long i;

	KT_EXPECT_EQ(t, kallsyms_on_each_symbol(find_kmalloc, NULL), 1);
	for (i = 0; kallsyms_symbol(i, &s); i++)
		if (!strcmp(s.name, "kmalloc"))
			break;
	KT_ASSERT(t, i < kallsyms_count());
	KT_EXPECT_EQ(t, s.type, 'T');
	KT_EXPECT(t, s.size > 0);
	kallsyms_format_line(line, sizeof(line), &s);
	snprintf(want, sizeof(want), "%016lx T kmalloc\n", (unsigned long)kmalloc);
	KT_EXPECT(t, !strcmp(line, want));
}

KTEST(ksymtab_exports)
{
	const struct kernel_symbol *ks;
	bool gpl = true;

	ks = ksymtab_find("kmalloc", &gpl);
	KT_ASSERT(t, ks != NULL);
	KT_EXPECT_EQ(t, ks->value, (unsigned long)kmalloc);
	KT_EXPECT(t, !gpl);
	KT_EXPECT(t, ksymtab_find("kallsyms_test_dup", NULL) == NULL);
	KT_EXPECT(t, ksymtab_count() >= 4);
}
