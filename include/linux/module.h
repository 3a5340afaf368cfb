/*
 * <linux/module.h> for modules built against Kelp: module_init/exit,
 * MODULE_* info tags, THIS_MODULE, try_module_get/module_put, EXPORT_SYMBOL.
 * Maps onto include/kelp/module.h; tools/modpost.py generates the struct
 * module (name, init, exit) each .ko carries, as Linux's modpost does.
 * As Linux's (through kmod.h, srcu.h, kobject.h), it brings the mutex,
 * completion, wait-queue, spinlock, jiffies/timer, workqueue, kobject,
 * sysfs, GFP and stat headers with it.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/compiler.h>
#include <linux/moduleparam.h>
#include <linux/list.h>
#include <linux/stat.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/sysfs.h>
#include <kelp/module.h>

#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, #ns)

/*
 * The loader calls init_module()/cleanup_module(): aliases of the author's
 * functions. As Linux's, each ends with its own ';', so that
 * `module_init(fn)` builds without one (test_klp_kprobe.c writes it so).
 */
typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);
#define module_init(initfn)                                                   \
	static inline initcall_t __maybe_unused __inittest(void) { return initfn; } \
	int init_module(void) __attribute__((alias(#initfn)));
#define module_exit(exitfn)                                                   \
	static inline exitcall_t __maybe_unused __exittest(void) { return exitfn; } \
	void cleanup_module(void) __attribute__((alias(#exitfn)));

static inline const char *module_name(const struct module *mod)
{
	return mod ? mod->name : "kernel";
}

#endif /* _LINUX_MODULE_H */
