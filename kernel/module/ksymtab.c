/*
 * The lookup in the export tables that EXPORT_SYMBOL()/EXPORT_SYMBOL_GPL()
 * (include/kelp/export.h) build between linker-script markers; each export
 * stands next to its definition, in the file that defines it. The module
 * loader resolves a module's undefined symbols here, refusing GPL-only
 * exports to modules without a GPL-compatible license. A linear scan: a
 * module load looks up a few dozen names.
 */
#include <kelp/export.h>
#include <kelp/string.h>

extern const struct kernel_symbol __start___ksymtab[], __stop___ksymtab[];
extern const struct kernel_symbol __start___ksymtab_gpl[], __stop___ksymtab_gpl[];

static const struct kernel_symbol *ksymtab_search(const struct kernel_symbol *start,
						  const struct kernel_symbol *stop,
						  const char *name)
{
	for (const struct kernel_symbol *ks = start; ks < stop; ks++)
		if (!strcmp(ks->name, name))
			return ks;
	return NULL;
}

/* See export.h. */
const struct kernel_symbol *ksymtab_find(const char *name, bool *gpl)
{
	const struct kernel_symbol *ks;

	if (!name)
		return NULL;
	ks = ksymtab_search(__start___ksymtab, __stop___ksymtab, name);
	if (gpl)
		*gpl = false;
	if (ks)
		return ks;
	ks = ksymtab_search(__start___ksymtab_gpl, __stop___ksymtab_gpl, name);
	if (ks && gpl)
		*gpl = true;
	return ks;
}
EXPORT_SYMBOL_FOR_KTEST(ksymtab_find);

/* See export.h. */
unsigned long ksymtab_count(void)
{
	return (__stop___ksymtab - __start___ksymtab) +
	       (__stop___ksymtab_gpl - __start___ksymtab_gpl);
}
EXPORT_SYMBOL_FOR_KTEST(ksymtab_count);
