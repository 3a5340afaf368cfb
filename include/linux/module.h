/*
 * <linux/module.h> for modules built against Kelp: module_init/exit,
 * MODULE_* info tags, THIS_MODULE, try_module_get/module_put, EXPORT_SYMBOL.
 * Maps onto include/kelp/module.h; tools/modpost.py generates the struct
 * module (name, init, exit) each .ko carries, as Linux's modpost does.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/list.h>
#include <kelp/module.h>

#define __MODULE_CAT2(a, b) a##b
#define __MODULE_CAT(a, b) __MODULE_CAT2(a, b)
#define __UNIQUE_ID(prefix) __MODULE_CAT(__UNIQUE_ID_##prefix, __COUNTER__)

/* "tag=info" strings in .modinfo, read by the loader and by modinfo-like tools. */
#define __MODULE_INFO(tag, name, info)                                        \
	static const char __UNIQUE_ID(name)[] __used __section(".modinfo")    \
		__aligned(1) = #tag "=" info
#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)
#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, #ns)

/* The loader calls init_module()/cleanup_module(): aliases of the author's functions. */
typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);
#define module_init(initfn)                                                   \
	static inline initcall_t __maybe_unused __inittest(void) { return initfn; } \
	int init_module(void) __attribute__((alias(#initfn)))
#define module_exit(exitfn)                                                   \
	static inline exitcall_t __maybe_unused __exittest(void) { return exitfn; } \
	void cleanup_module(void) __attribute__((alias(#exitfn)))

static inline const char *module_name(const struct module *mod)
{
	return mod ? mod->name : "kernel";
}

#endif /* _LINUX_MODULE_H */
