/*
 * /proc/sys parameters (include/kelp/sysctl.h): the table and its files
 * under /proc/sys/kernel/. The `sysctl` program (userland/bin/sysctl.c)
 * reads and writes these files, with procps's output and messages
 * ("kernel.ftrace_enabled = 1", `sysctl: setting key
 * "kernel.ftrace_enabled": Device or resource busy`, what Linux's
 * livepatch selftests expect).
 */
#include <kelp/sysctl.h>
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/livepatch.h>
#include <kelp/panic.h>
#include <kelp/kstrto.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
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

/* kernel.tainted: the taint bits as a number; a write adds bits (Linux). */
static int tainted_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%lu", tainted_mask);
}

static int tainted_store(const char *val)
{
	unsigned long v;

	if (kstrtoul(val, 10, &v))
		return -EINVAL;
	for (unsigned int i = 0; i < 64; i++)
		if (v & (1UL << i))
			add_taint(i);
	return 0;
}

/* kernel.livepatch_signal_ms: when a stalled transition wakes its sleepers. */
static int klp_signal_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%u", klp_signal_ms);
}

static int klp_signal_store(const char *val)
{
	return kstrtouint(val, 10, &klp_signal_ms) ? -EINVAL : 0;
}

/* kernel.livepatch_verify: 1 runs the stack check after each transition. */
static int klp_verify_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%u", klp_verify_enabled);
}

static int klp_verify_store(const char *val)
{
	unsigned int v;

	if (kstrtouint(val, 10, &v) || v > 1)
		return -EINVAL;
	klp_verify_enabled = v;
	return 0;
}

static const struct ctl_table sysctl_table[] = {
	{ "kernel.ftrace_enabled", ftrace_enabled_show, ftrace_enabled_store },
	{ "kernel.tainted", tainted_show, tainted_store },
	{ "kernel.livepatch_signal_ms", klp_signal_show, klp_signal_store },
	{ "kernel.livepatch_verify", klp_verify_show, klp_verify_store },
};

/* A /proc/sys file of the table: "VALUE\n"; a write stores one value. */
static int sysctl_proc_show_entry(struct seq_file *m, const struct ctl_table *t)
{
	char val[32];

	t->show(val, sizeof(val));
	seq_printf(m, "%s\n", val);
	return 0;
}

static ssize_t sysctl_proc_write_entry(const struct ctl_table *t, const char *buf, size_t len)
{
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

static int tainted_proc_show(struct seq_file *m, void *v)
{
	return sysctl_proc_show_entry(m, &sysctl_table[1]);
}

static ssize_t tainted_proc_write(const char *buf, size_t len)
{
	return sysctl_proc_write_entry(&sysctl_table[1], buf, len);
}

static int klp_verify_proc_show(struct seq_file *m, void *v)
{
	return sysctl_proc_show_entry(m, &sysctl_table[3]);
}

static ssize_t klp_verify_proc_write(const char *buf, size_t len)
{
	return sysctl_proc_write_entry(&sysctl_table[3], buf, len);
}

static int klp_signal_proc_show(struct seq_file *m, void *v)
{
	return sysctl_proc_show_entry(m, &sysctl_table[2]);
}

static ssize_t klp_signal_proc_write(const char *buf, size_t len)
{
	return sysctl_proc_write_entry(&sysctl_table[2], buf, len);
}

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
	if (!kernel || !proc_create_rw("tainted", 0644, kernel, tainted_proc_show, tainted_proc_write) ||
	    !proc_create_rw("livepatch_signal_ms", 0644, kernel, klp_signal_proc_show,
			    klp_signal_proc_write) ||
	    !proc_create_rw("livepatch_verify", 0644, kernel, klp_verify_proc_show,
			    klp_verify_proc_write))
		pr_err("sysctl: cannot create /proc/sys/kernel/tainted\n");
}
