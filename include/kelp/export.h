/*
 * Exported symbols (kernel/module/ksymtab.c): EXPORT_SYMBOL(sym) and
 * EXPORT_SYMBOL_GPL(sym) put a struct kernel_symbol into the __ksymtab /
 * __ksymtab_gpl sections (linker.ld). Modules link against these tables
 * only; livepatch reaches unexported symbols through kallsyms instead.
 */
#ifndef KELP_EXPORT_H
#define KELP_EXPORT_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct kernel_symbol {
	unsigned long value;
	const char *name;
};

#define __EXPORT_SYMBOL(sym, sec)                                              \
	static const char __kstrtab_##sym[] = #sym;                            \
	static const struct kernel_symbol __ksymtab_##sym __used               \
		__section(sec) __aligned(8) = { (unsigned long)&sym, __kstrtab_##sym }

#if defined(__KELP_USER__) || defined(__KELP_HOST__)
/*
 * kernel/lib/ is also built into user programs and host tests: no export
 * table there (a declaration that emits nothing, so the ';' stays legal).
 */
#define EXPORT_SYMBOL(sym) _Static_assert(1, #sym)
#define EXPORT_SYMBOL_GPL(sym) _Static_assert(1, #sym)
#else
#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, "__ksymtab")
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, "__ksymtab_gpl")
#endif

/*
 * Finds the export called name. Returns it and sets *gpl (may be NULL) when
 * it is GPL-only, or returns NULL. Reads constant tables: any context.
 */
const struct kernel_symbol *ksymtab_find(const char *name, bool *gpl);

/* Number of exports (plain + GPL). */
unsigned long ksymtab_count(void);

#endif /* KELP_EXPORT_H */
