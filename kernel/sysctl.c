/*
 * /proc/sys parameters (include/kelp/sysctl.h): the table, its files
 * under /proc/sys, and the shell's `sysctl`, whose output and messages are
 * procps's: "kernel.ftrace_enabled = 1", `sysctl: setting key
 * "kernel.ftrace_enabled": Device or resource busy` (what Linux's
 * livepatch selftests expect).
 */
#include <kelp/sysctl.h>
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/kstrto.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/shell.h>
#include <kelp/string.h>

static int ftrace_enabled_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%d", ftrace_enabled);
}

static int ftrace_enabled_store(const char *val)
{
	int v;

	if (kstrtoint(val, 10, &v))
		return -EINVAL;
	return ftrace_enabled_set(v);
}

static const struct ctl_table sysctl_table[] = {
	{ "kernel.ftrace_enabled", ftrace_enabled_show, ftrace_enabled_store },
};

/* /proc/sys/kernel/ftrace_enabled: "1\n"; a write of "0\n" or "1\n". */
static int ftrace_enabled_proc_show(struct seq_file *m, void *v)
{
	char val[16];

	ftrace_enabled_show(val, sizeof(val));
	seq_printf(m, "%s\n", val);
	return 0;
}

static ssize_t ftrace_enabled_proc_write(const char *buf, size_t len)
{
	char val[16];
	size_t n = min(len, sizeof(val) - 1);
	int err;

	memcpy(val, buf, n);
	val[n] = '\0';
	if (n && val[n - 1] == '\n')
		val[n - 1] = '\0';
	err = ftrace_enabled_store(val);
	return err ? err : (ssize_t)len;
}

/* See sysctl.h. */
void sysctl_init(void)
{
	struct proc_dir_entry *sys = proc_mkdir("sys", NULL);
	struct proc_dir_entry *kernel = sys ? proc_mkdir("kernel", sys) : NULL;

	if (!kernel || !proc_create_rw("ftrace_enabled", 0644, kernel, ftrace_enabled_proc_show,
				       ftrace_enabled_proc_write))
		pr_err("sysctl: cannot create /proc/sys/kernel/ftrace_enabled\n");
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
	for (unsigned int i = 0; i < ARRAY_SIZE(sysctl_table); i++)
		if (sysctl_name_eq(sysctl_table[i].name, name))
			return &sysctl_table[i];
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
