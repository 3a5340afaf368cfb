/*
 * libFuzzer target for kernel/dynamic_debug.c's query engine (whatever is
 * written to /sys/kernel/debug/dynamic_debug/control reaches it). The
 * input becomes one NUL-terminated write run against a small table of
 * sites. Checked: no crash or overrun (ASan), only -EINVAL or a count of
 * matches comes back, that count is at most sites x queries, and no site
 * ever gets a flag outside Linux's pmfslt set.
 */
#define KELP_NO_CMOCKA
#include "unit.h"

#include "../../kernel/lib/string.c"
#include "../../kernel/lib/glob.c"
#include "../../kernel/dynamic_debug.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"

#include <kelp/errno.h>

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return snprintf(buf, len, "0x%lx", addr);
}

static struct _ddebug sites[] = {
	{ NULL, "klp_init_transition", "livepatch/transition.c", "'%s': initializing\n", 350, 1 },
	{ NULL, "boot_mark_prompt", "kernel/main.c", "kelp: prompt\n", 217, 1 },
	{ "dyndbg_test", "dyndbg_test_init", "tests/modules/dyndbg_test.c", "loaded\n", 15, 0 },
};

#define ALL_FLAGS 0x3fu

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ddebug_table table = { .sites = sites, .num = 3 };
	static bool init;
	char *buf = malloc(size + 1);
	size_t queries = 1;
	int ret;

	if (!init) {
		INIT_LIST_HEAD(&ddebug_tables);
		ddebug_table_add(&table);
		init = true;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (size_t i = 0; i < size; i++)
		queries += data[i] == ';' || data[i] == '\n';
	ret = ddebug_exec_queries(buf);
	free(buf);
	if (ret != -EINVAL && (ret < 0 || (size_t)ret > queries * 3))
		abort();
	for (int i = 0; i < 3; i++)
		if (sites[i].flags & ~ALL_FLAGS)
			abort();
	return 0;
}
