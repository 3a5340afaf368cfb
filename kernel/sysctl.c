/*
 * /proc/sys parameters (include/kelp/sysctl.h): the files under /proc/sys
 * of the tables subsystems declare with SYSCTL_TABLE() (this file knows
 * none of them). The `sysctl` program (userland/bin/sysctl.c) reads and
 * writes them, with procps's output and messages: "kernel.ftrace_enabled
 * = 1", `sysctl: setting key "kernel.ftrace_enabled": Device or resource
 * busy` (what Linux's livepatch selftests expect).
 */
#include <kelp/sysctl.h>
#include <kelp/errno.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/string.h>

extern const struct ctl_table_set __start_sysctl_tables[], __stop_sysctl_tables[];

#define for_each_sysctl(t)                                                        \
	for (const struct ctl_table_set *__set = __start_sysctl_tables;           \
	     __set < __stop_sysctl_tables; __set++)                                \
		for (t = __set->table; t < __set->table + __set->count; t++)

/* A /proc/sys file: "VALUE\n"; v is its struct ctl_table. */
static int sysctl_proc_show(struct seq_file *m, void *v)
{
	const struct ctl_table *t = v;
	char val[64];

	t->show(val, sizeof(val));
	seq_printf(m, "%s\n", val);
	return 0;
}

/* A write stores one value; a trailing newline is dropped. */
static ssize_t sysctl_proc_write(void *data, const char *buf, size_t len)
{
	const struct ctl_table *t = data;
	char val[32];
	size_t n = min(len, sizeof(val) - 1);
	int err;

	memcpy(val, buf, n);
	val[n] = '\0';
	if (n && val[n - 1] == '\n')
		val[n - 1] = '\0';
	err = t->store(val);
	return err ? err : (ssize_t)len;
}

/* Creates /proc/sys/a/b/c for the entry "a.b.c" (directories as needed). */
static int sysctl_create_file(struct proc_dir_entry *sys, const struct ctl_table *t)
{
	struct proc_dir_entry *dir = sys;
	const char *p = t->name, *dot;
	char part[64];

	while ((dot = strchr(p, '.'))) {
		if ((size_t)(dot - p) >= sizeof(part))
			return -ENAMETOOLONG;
		memcpy(part, p, dot - p);
		part[dot - p] = '\0';
		dir = proc_mkdir_or_get(part, dir);
		if (!dir)
			return -ENOMEM;
		p = dot + 1;
	}
	if (!proc_create_show_data(p, 0644, dir, sysctl_proc_show, sysctl_proc_write, (void *)t))
		return -EEXIST;
	return 0;
}

/* See sysctl.h. */
void sysctl_init(void)
{
	struct proc_dir_entry *sys = proc_mkdir("sys", NULL);
	const struct ctl_table *t;

	for_each_sysctl(t)
		if (!sys || sysctl_create_file(sys, t))
			pr_err("sysctl: cannot create /proc/sys for %s\n", t->name);
}
