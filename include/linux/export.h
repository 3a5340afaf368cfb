/*
 * <linux/export.h>: EXPORT_SYMBOL(sym) / EXPORT_SYMBOL_GPL(sym) put a
 * {value, name} pair into __ksymtab / __ksymtab_gpl; the module loader
 * reads a module's tables after relocation and links other modules to them.
 * When the kernel's <kelp/export.h> exists it defines the same layout.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/types.h>
#include <kelp/compiler.h>

#if __has_include(<kelp/export.h>)
#include <kelp/export.h>
#else
#define __EXPORT_SYMBOL(sym, sec)                                              \
	static const char __kstrtab_##sym[] = #sym;                            \
	static const struct { unsigned long value; const char *name, *ns; }     \
		__ksymtab_##sym __used __section(sec) __aligned(8) =           \
		{ (unsigned long)&sym, __kstrtab_##sym, 0 }
#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, "__ksymtab")
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, "__ksymtab_gpl")
#endif

#endif /* _LINUX_EXPORT_H */
