/*
 * Exported symbols (kernel/module/ksymtab.c): EXPORT_SYMBOL(sym) and
 * EXPORT_SYMBOL_GPL(sym) put a struct kernel_symbol into the __ksymtab /
 * __ksymtab_gpl sections (linker.ld). Modules link against these tables
 * only; livepatch reaches unexported symbols through kallsyms instead.
 * EXPORT_SYMBOL_NS(sym, NS) exports into a namespace, as Linux: a module
 * may use the symbol only if it says MODULE_IMPORT_NS(NS) (<linux/module.h>),
 * else the loader refuses it with -EINVAL. Kernel internals that only the
 * in-kernel test modules need go to the namespace EXPORTED_FOR_KTEST
 * (EXPORT_SYMBOL_FOR_KTEST, next to the definition like every export),
 * which keeps them out of the module API (docs/testing.md).
 */
#ifndef KELP_EXPORT_H
#define KELP_EXPORT_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct kernel_symbol {
	unsigned long value;
	const char *name;
	const char *namespace;		/* NULL: no namespace */
};

/*
 * tag names the entry: __ksymtab_SYM for a plain export, __ksymtab_ns_SYM
 * for a namespaced one, so that tools reading the image (tools/klp-diff)
 * tell an export any module may use from one a namespace guards.
 */
#define __EXPORT_SYMBOL(sym, sec, ns, tag)                                     \
	static const char __kstrtab##tag##_##sym[] = #sym;                     \
	static const struct kernel_symbol __ksymtab##tag##_##sym __used        \
		__section(sec) __aligned(8) = { (unsigned long)&sym, __kstrtab##tag##_##sym, ns }

#if defined(__KELP_USER__) || defined(__KELP_HOST__)
/*
 * kernel/lib/ is also built into user programs and host tests: no export
 * table there (a declaration that emits nothing, so the ';' stays legal).
 */
#define EXPORT_SYMBOL(sym) _Static_assert(1, #sym)
#define EXPORT_SYMBOL_GPL(sym) _Static_assert(1, #sym)
#define EXPORT_SYMBOL_NS(sym, ns) _Static_assert(1, #sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns) _Static_assert(1, #sym)
#else
#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, "__ksymtab", NULL, )
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, "__ksymtab_gpl", NULL, )
/* ns is an identifier, as MODULE_IMPORT_NS(ns) takes it. */
#define EXPORT_SYMBOL_NS(sym, ns) __EXPORT_SYMBOL(sym, "__ksymtab", #ns, _ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __EXPORT_SYMBOL(sym, "__ksymtab_gpl", #ns, _ns)
#endif
/* Internals for the test modules only (compare Linux's EXPORT_SYMBOL_IF_KUNIT). */
#define EXPORT_SYMBOL_FOR_KTEST(sym) EXPORT_SYMBOL_NS_GPL(sym, EXPORTED_FOR_KTEST)

/*
 * Finds the export called name. Returns it and sets *gpl (may be NULL) when
 * it is GPL-only, or returns NULL. Reads constant tables: any context.
 */
const struct kernel_symbol *ksymtab_find(const char *name, bool *gpl);

/* Number of exports (plain + GPL). */
unsigned long ksymtab_count(void);

#endif /* KELP_EXPORT_H */
