/*
 * Kernel parameters of /proc/sys (kernel/sysctl.c): a table of named
 * values with show/store functions, served as /proc/sys files
 * (kernel.ftrace_enabled is /proc/sys/kernel/ftrace_enabled), which the
 * `sysctl` program reads and writes.
 */
#ifndef KELP_SYSCTL_H
#define KELP_SYSCTL_H

#include <kelp/types.h>

struct ctl_table {
	const char *name;		/* "kernel.ftrace_enabled" */
	/* Formats the value (no newline) into buf; returns its length. */
	int (*show)(char *buf, size_t len);
	/* Parses and sets the value; returns 0 or a negative errno. */
	int (*store)(const char *val);
};

/* Creates the /proc/sys files of the table. Boot, after procfs. */
void sysctl_init(void);

#endif /* KELP_SYSCTL_H */
