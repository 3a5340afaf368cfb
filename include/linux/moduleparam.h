/*
 * <linux/moduleparam.h>: module_param(name, type, perm) for bool, int,
 * uint and charp, and module_param_cb() for a parameter with its own ops. Each becomes a struct kernel_param in the module's
 * __param section; `insmod x.ko name=value` sets it before init, and
 * /sys/module/NAME/parameters/name shows (and, if perm allows, stores) it.
 */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#include <kelp/module.h>
#include <linux/init.h>

#define __param_check_bool(p) ((void)sizeof((bool *)0 == (p)))
#define __param_check_int(p) ((void)sizeof((int *)0 == (p)))
#define __param_check_uint(p) ((void)sizeof((unsigned int *)0 == (p)))
#define __param_check_charp(p) ((void)sizeof((char **)0 == (p)))

/* type is pasted at the first level: bool is a macro (stdbool.h) and must not expand. */
#define __module_param(name, value, ops, check, perm)                          \
	static inline void __maybe_unused __param_check_##name(void)           \
	{ check(&(value)); }                                                   \
	static const char __param_str_##name[] = #name;                        \
	static const struct kernel_param __param_##name __used                 \
		__section("__param") __aligned(8) =                            \
		{ __param_str_##name, THIS_MODULE, &(ops), (perm), &(value) }
#define module_param_named(name, value, type, perm)                            \
	__module_param(name, value, param_ops_##type, __param_check_##type, perm)
#define module_param(name, type, perm)                                         \
	__module_param(name, name, param_ops_##type, __param_check_##type, perm)
/* A parameter with its own set/get (ops: const struct kernel_param_ops *), as Linux's. */
#define module_param_cb(name, ops, arg, perm)                                  \
	static const char __param_str_##name[] = #name;                        \
	static const struct kernel_param __param_##name __used                 \
		__section("__param") __aligned(8) =                            \
		{ __param_str_##name, THIS_MODULE, (ops), (perm), (arg) }
#define MODULE_PARM_DESC(_parm, desc) MODULE_INFO(parm, #_parm ":" desc)

#endif /* _LINUX_MODULEPARAM_H */
