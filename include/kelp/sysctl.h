/*
 * Kernel parameters of /proc/sys (kernel/sysctl.c): named values with
 * show/store functions, served as /proc/sys files (kernel.ftrace_enabled
 * is /proc/sys/kernel/ftrace_enabled), which the `sysctl`
 * program (userland/bin/sysctl.c) reads and writes. Each subsystem
 * declares its own table next to its variables with SYSCTL_TABLE(); the
 * sysctl code knows none of them.
 */
#ifndef KELP_SYSCTL_H
#define KELP_SYSCTL_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct ctl_table {
	const char *name;		/* "kernel.ftrace_enabled" */
	/* Formats the value (no newline) into buf; returns its length. */
	int (*show)(char *buf, size_t len);
	/* Parses and sets the value; returns 0 or a negative errno. */
	int (*store)(const char *val);
};

/* One subsystem's table, as SYSCTL_TABLE() records it. */
struct ctl_table_set {
	const struct ctl_table *table;
	size_t count;
};

/*
 * Registers a subsystem's table (an array of struct ctl_table): its
 * entries appear under /proc/sys at boot (Linux's register_sysctl_init,
 * without the call). Use at file scope, once per array, in the kernel
 * image only (modules' sections are not walked).
 */
#define SYSCTL_TABLE(tbl)                                                      \
	static const struct ctl_table_set __sysctl_set_##tbl __used            \
		__section(".sysctl_tables") __aligned(8) = { tbl, ARRAY_SIZE(tbl) }

/* Creates the /proc/sys files of every table. Boot, after procfs. */
void sysctl_init(void);

#endif /* KELP_SYSCTL_H */
