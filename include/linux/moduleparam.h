/*
 * <linux/moduleparam.h>: module_param(name, type, perm) for Linux's
 * standard types (byte short ushort int uint long ulong ullong hexint
 * charp bool invbool), module_param_named, module_param_string,
 * module_param_array(_named) and module_param_cb. Each becomes a struct
 * kernel_param in the module's __param section; `insmod x.ko name=value`
 * sets it before init, and /sys/module/NAME/parameters/name shows (and, if
 * perm allows, stores) it. kernel/module/params.c holds the types' ops.
 */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#include <linux/types.h>
#include <linux/init.h>
#include <linux/stat.h>
#include <kelp/module.h>

#define __MODULE_CAT2(a, b) a##b
#define __MODULE_CAT(a, b) __MODULE_CAT2(a, b)
#define __UNIQUE_ID(prefix) __MODULE_CAT(__UNIQUE_ID_##prefix, __COUNTER__)

/* "tag=info" strings in .modinfo, read by the loader and by modinfo-like tools. */
#define __MODULE_INFO(tag, name, info)                                        \
	static const char __UNIQUE_ID(name)[] __used __section(".modinfo")    \
		__aligned(1) = #tag "=" info
#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)

/* Compile-time type checks: a module_param of the wrong C type is an error. */
#define __param_check(p, type) ((void)sizeof((type *)0 == (p)))
#define __param_check_byte(p) __param_check(p, unsigned char)
#define __param_check_short(p) __param_check(p, short)
#define __param_check_ushort(p) __param_check(p, unsigned short)
#define __param_check_int(p) __param_check(p, int)
#define __param_check_uint(p) __param_check(p, unsigned int)
#define __param_check_long(p) __param_check(p, long)
#define __param_check_ulong(p) __param_check(p, unsigned long)
#define __param_check_ullong(p) __param_check(p, unsigned long long)
#define __param_check_hexint(p) __param_check(p, unsigned int)
#define __param_check_charp(p) __param_check(p, char *)
#define __param_check_bool(p) __param_check(p, _Bool)
#define __param_check_invbool(p) __param_check(p, _Bool)
#define __param_check_bool_enable_only(p) __param_check(p, _Bool)

#define __MODULE_PARM_TYPE(name, _type) MODULE_INFO(parmtype, #name ":" _type)

/* One __param entry; arg is the initializer of the kernel_param's union. */
#define __module_param_call(name, ops, arg, perm)                              \
	static const char __param_str_##name[] = #name;                        \
	static const struct kernel_param __param_##name __used                 \
		__section("__param") __aligned(8) =                            \
		{ __param_str_##name, THIS_MODULE, (ops), (perm), { arg } }

/*
 * type is pasted at the first level of each macro: bool is a macro
 * (stdbool.h) and must not be expanded before it is pasted.
 */
#define __module_param(name, value, ops, check, perm, tname)                   \
	static inline void __maybe_unused __param_check_##name(void)           \
	{ check(&(value)); }                                                   \
	__module_param_call(name, &(ops), &(value), perm);                     \
	__MODULE_PARM_TYPE(name, tname)
#define module_param_named(name, value, type, perm)                            \
	__module_param(name, value, param_ops_##type, __param_check_##type, perm, #type)
#define module_param(name, type, perm)                                         \
	__module_param(name, name, param_ops_##type, __param_check_##type, perm, #type)
#define module_param_unsafe(name, type, perm) module_param(name, type, perm)
#define module_param_named_unsafe(name, value, type, perm)                     \
	module_param_named(name, value, type, perm)

/* A parameter with its own set/get (ops: const struct kernel_param_ops *), as Linux's. */
#define module_param_cb(name, ops, arg, perm) __module_param_call(name, ops, arg, perm)
#define module_param_cb_unsafe(name, ops, arg, perm) module_param_cb(name, ops, arg, perm)

/* A char array of len bytes (len includes the NUL), set by copying. */
#define module_param_string(name, string, len, perm)                           \
	static const struct kparam_string __param_string_##name = { len, string }; \
	__module_param_call(name, &param_ops_string,                           \
			    (void *)&__param_string_##name, perm);             \
	__MODULE_PARM_TYPE(name, "string")

/* An array: "a,b,c" fills array[0..], *nump (may be NULL) counts them. */
#define __module_param_array(name, array, ops, check, nump, perm, tname)       \
	static inline void __maybe_unused __param_check_##name(void)           \
	{ check(&(array)[0]); }                                                \
	static const struct kparam_array __param_arr_##name = {                \
		ARRAY_SIZE(array), sizeof((array)[0]), (nump), &(ops),         \
		(array) };                                                     \
	__module_param_call(name, &param_array_ops, (void *)&__param_arr_##name, perm); \
	__MODULE_PARM_TYPE(name, "array of " tname)
#define module_param_array_named(name, array, type, nump, perm)               \
	__module_param_array(name, array, param_ops_##type, __param_check_##type, nump, perm, #type)
#define module_param_array(name, type, nump, perm)                             \
	__module_param_array(name, name, param_ops_##type, __param_check_##type, nump, perm, #type)

#define MODULE_PARM_DESC(_parm, desc) MODULE_INFO(parm, #_parm ":" desc)

#endif /* _LINUX_MODULEPARAM_H */
