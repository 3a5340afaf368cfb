/*
 * Private to the test and benchmark modules: the target modules that hold
 * the code they call, look up and patch (target-ktest.ko: livepatch/ and
 * kallsyms/ targets; target-bench.ko: the 1000 generated klp_bench_fN).
 * /bin/ktest and /bin/bench load every target-*.ko before the suites.
 * Also symbol lookups that see the tests' own module.
 */
#ifndef TESTS_KTEST_TARGET_H
#define TESTS_KTEST_TARGET_H

#include <kelp/kallsyms.h>
#include <kelp/module.h>

#define KTEST_TARGET_MOD "target_ktest"
#define BENCH_TARGET_MOD "target_bench"

/*
 * Address of the sympos-th symbol called name (1-based; 0: the first) in
 * the loaded module modname, or 0; *count (may be NULL) gets how many.
 */
static inline unsigned long ktest_target_symbol_pos(const char *modname, const char *name,
						    unsigned long sympos, unsigned long *count)
{
	unsigned long addr = 0;
	struct module *mod;

	if (count)
		*count = 0;
	module_mutex_lock();
	mod = find_module(modname);
	if (mod)
		addr = module_kallsyms_lookup_name(mod, name, sympos, count);
	module_mutex_unlock();
	return addr;
}

/* Address of the first symbol called name in the loaded module modname, or 0. */
static inline unsigned long ktest_target_symbol(const char *modname, const char *name)
{
	return ktest_target_symbol_pos(modname, name, 0, NULL);
}

/*
 * kallsyms_lookup() that also finds module symbols (the tests' own
 * functions live in their module now): the name at addr, or NULL.
 */
static inline const char *ktest_sym_lookup(unsigned long addr, unsigned long *size,
					   unsigned long *offset)
{
	const char *name = kallsyms_lookup(addr, size, offset);

	return name ? name : module_address_lookup(addr, size, offset, NULL);
}

#endif /* TESTS_KTEST_TARGET_H */
