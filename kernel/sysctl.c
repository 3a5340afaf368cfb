/*
 * /proc/sys parameters (include/kelp/sysctl.h): the files under /proc/sys
 * of the tables subsystems declare with SYSCTL_TABLE() (this file knows
 * none of them), and the shell's `sysctl`, whose output and messages are
 * procps's: "kernel.ftrace_enabled = 1", `sysctl: setting key
 * "kernel.ftrace_enabled": Device or resource busy` (what Linux's
 * livepatch selftests expect).
 */
#include <kelp/sysctl.h>
#include <kelp/errno.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/shell.h>
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
	if (!proc_create_data(p, 0644, dir, sysctl_proc_show, sysctl_proc_write, (void *)t))
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

/* Whether name (with dots or slashes) is entry's. */
static bool sysctl_name_eq(const char *entry, const char *name)
{
	for (; *entry && *name; entry++, name++)
		if (*entry != *name && !(*entry == '.' && *name == '/'))
			return false;
	return !*entry && !*name;
}

/* See sysctl.h. */
const struct ctl_table *sysctl_find(const char *name)
{
	const struct ctl_table *t;

	for_each_sysctl(t)
		if (sysctl_name_eq(t->name, name))
			return t;
	return NULL;
}

/* Prints "key = value" (or the value alone with -n). */
static int sysctl_print(const struct ctl_table *t, bool value_only)
{
	char val[64];

	t->show(val, sizeof(val));
	if (value_only)
		sh_printf("%s\n", val);
	else
		sh_printf("%s = %s\n", t->name, val);
	return 0;
}

/* One KEY or KEY=VALUE argument. Returns the exit status. */
static int sysctl_one(char *arg, bool value_only)
{
	char *eq = strchr(arg, '=');
	const struct ctl_table *t;
	int err;

	if (eq)
		*eq = '\0';
	t = sysctl_find(arg);
	if (!t) {
		for (char *p = arg; *p; p++)
			if (*p == '.')
				*p = '/';
		sh_eprintf("sysctl: cannot stat /proc/sys/%s: %s\n", arg, strerror(ENOENT));
		return 1;
	}
	if (!eq)
		return sysctl_print(t, value_only);
	err = t->store(eq + 1);
	if (err) {
		sh_eprintf("sysctl: setting key \"%s\": %s\n", t->name, strerror(-err));
		return 1;
	}
	return sysctl_print(t, value_only);
}

static int cmd_sysctl(int argc, char **argv)
{
	bool value_only = false;
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-n")) {
			value_only = true;
		} else if (strcmp(argv[i], "-w")) {
			sh_eprintf("sysctl: invalid option '%s'\n", argv[i]);
			return 1;
		}
	}
	if (i == argc) {
		sh_eprintf("usage: sysctl [-n] [-w] KEY[=VALUE]...\n");
		return 1;
	}
	for (; i < argc; i++)
		status |= sysctl_one(argv[i], value_only);
	return status;
}
SHELL_COMMAND("sysctl", "[-n] [-w] KEY[=VALUE]...  /proc/sys parameters (kernel.ftrace_enabled)",
	      cmd_sysctl);
