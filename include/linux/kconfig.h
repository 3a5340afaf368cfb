/*
 * <linux/kconfig.h>: the configuration a module sees, force-included into
 * every module build (MODCFLAGS) as Linux force-includes its own. Kelp
 * has no Kconfig; these are the options whose Linux code paths match what
 * Kelp is (x86-64, SMP, fentry ftrace with regs and direct calls, kprobes
 * on ftrace, livepatch), so that a module's `#ifdef CONFIG_X86_64` picks
 * the code that works here (Linux's samples/ftrace trampolines).
 * IS_ENABLED() as Linux.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_64BIT 1
#define CONFIG_SMP 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_TRACING 1
#define CONFIG_FUNCTION_TRACER 1
#define CONFIG_DYNAMIC_FTRACE 1
#define CONFIG_DYNAMIC_FTRACE_WITH_REGS 1
#define CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS 1
#define CONFIG_KPROBES 1
#define CONFIG_KPROBES_ON_FTRACE 1
#define CONFIG_KRETPROBES 1
#define CONFIG_LIVEPATCH 1

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_ENABLED(option) (IS_BUILTIN(option) || IS_MODULE(option))

#endif /* _LINUX_KCONFIG_H */
