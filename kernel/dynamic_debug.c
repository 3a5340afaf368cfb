/*
 * Dynamic debug, as Linux's lib/dynamic_debug.c: every pr_debug() call
 * site has a struct _ddebug (include/kelp/printk.h) in the __dyndbg
 * section. The kernel's table is linker.ld's; a module's is added when it
 * is coming and dropped when it goes (a module notifier, so the loader
 * only has to find the section). /sys/kernel/debug/dynamic_debug/control
 * lists every site ("file:line [module]function =flags \"format\"") and
 * takes Linux's queries ("file F func F module M format S line N[-M]"
 * then a flags change "+p", "-p", "=pmflt_"), several separated by ';' or
 * newlines; the dyndbg="QUERY" boot parameter runs one at boot, as
 * Linux's. The query parser (ddebug_exec_queries) is pure apart from the
 * tables, so the host unit test and the fuzzer run it on tables of their
 * own. ddebug_lock (a mutex) guards the table list; flags are written
 * with WRITE_ONCE and read locklessly by the call sites.
 */
#define pr_fmt(fmt) "dyndbg: " fmt

#include <kelp/printk.h>
#include <kelp/errno.h>
#include <kelp/glob.h>
#include <kelp/list.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#ifndef __KELP_HOST__
#include <kelp/boot_info.h>
#include <kelp/fs.h>
#include <kelp/kobject.h>
#include <kelp/module.h>
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/seq_file.h>
#endif
#include "dynamic_debug.h"

#define DDEBUG_MAXWORDS 9	/* four keyword pairs and the flags */

static LIST_HEAD(ddebug_tables);

/* Linux's flag letters, in the order they are shown. */
static const struct { unsigned int flag; char c; } ddebug_opts[] = {
	{ _DPRINTK_FLAGS_PRINT, 'p' },
	{ _DPRINTK_FLAGS_INCL_MODNAME, 'm' },
	{ _DPRINTK_FLAGS_INCL_FUNCNAME, 'f' },
	{ _DPRINTK_FLAGS_INCL_SOURCENAME, 's' },
	{ _DPRINTK_FLAGS_INCL_LINENO, 'l' },
	{ _DPRINTK_FLAGS_INCL_TID, 't' },
};

/* See dynamic_debug.h. */
void ddebug_table_add(struct ddebug_table *t)
{
	list_add_tail(&t->link, &ddebug_tables);
}

/* See dynamic_debug.h. */
void ddebug_table_del(struct ddebug_table *t)
{
	list_del(&t->link);
}

/*
 * The module name a site shows: its KBUILD_MODNAME, else (the kernel
 * proper) "livepatch" for livepatch/ as Linux's kernel/livepatch/, and
 * the file's base name otherwise, as Linux names a built-in object.
 */
const char *ddebug_modname(const struct _ddebug *dp, char *buf, size_t size)
{
	const char *base, *dot;
	size_t n;

	if (dp->modname)
		return dp->modname;
	if (!strncmp(dp->filename, "livepatch/", 10))
		return "livepatch";
	base = strrchr(dp->filename, '/');
	base = base ? base + 1 : dp->filename;
	dot = strrchr(base, '.');
	n = dot ? (size_t)(dot - base) : strlen(base);
	if (n >= size)
		n = size - 1;
	memcpy(buf, base, n);
	buf[n] = '\0';
	return buf;
}

/* One parsed query: NULL fields match everything. */
struct ddebug_query {
	const char *filename, *module, *function, *format;
	unsigned int first_lineno, last_lineno;
};

/*
 * Splits buf in place into words (blank separated; "..." and '...' quote),
 * at most max. Returns the count, or -EINVAL (unterminated quote, too many).
 */
static int ddebug_tokenize(char *buf, char **words, int max)
{
	int n = 0;

	for (;;) {
		char *end;

		while (*buf == ' ' || *buf == '\t')
			buf++;
		if (!*buf)
			return n;
		if (n == max) {
			pr_err("too many words, legal max <=%d\n", max);
			return -EINVAL;
		}
		if (*buf == '"' || *buf == '\'') {
			char q = *buf++;

			end = strchr(buf, q);
			if (!end) {
				pr_err("unclosed quote: %s\n", buf);
				return -EINVAL;
			}
		} else {
			for (end = buf; *end && *end != ' ' && *end != '\t'; end++)
				;
		}
		words[n++] = buf;
		if (!*end)
			return n;
		*end = '\0';
		buf = end + 1;
	}
}

static int ddebug_parse_uint(const char *s, unsigned int *out)
{
	unsigned long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 0xfffffff)
			return -EINVAL;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

/* "N", "N-M", "N-", "-M" (Linux's parse_linerange). */
static int ddebug_parse_lines(struct ddebug_query *q, char *s)
{
	char *dash = strchr(s, '-');

	if (q->first_lineno || q->last_lineno) {
		pr_err("match-spec: line used 2x\n");
		return -EINVAL;
	}
	if (dash) {
		*dash = '\0';
		if (*s && ddebug_parse_uint(s, &q->first_lineno))
			goto bad;
		if (dash[1] && ddebug_parse_uint(dash + 1, &q->last_lineno))
			goto bad;
		if (!dash[1])
			q->last_lineno = ~0u;
		if (q->last_lineno < q->first_lineno) {
			pr_err("last-line:%u < 1st-line:%u\n", q->last_lineno, q->first_lineno);
			return -EINVAL;
		}
		return 0;
	}
	if (ddebug_parse_uint(s, &q->first_lineno))
		goto bad;
	q->last_lineno = q->first_lineno;
	return 0;
bad:
	pr_err("bad line-number: %s\n", s);
	return -EINVAL;
}

static int ddebug_set(const char **dest, const char *val, const char *name)
{
	if (*dest) {
		pr_err("match-spec:%s val:%s overridden by %s\n", name, *dest, val);
		return -EINVAL;
	}
	*dest = val;
	return 0;
}

/* keyword value pairs into q. */
static int ddebug_parse_query(char **words, int n, struct ddebug_query *q)
{
	int err = 0;

	if (n % 2) {
		pr_err("expecting pairs of match-spec <value>\n");
		return -EINVAL;
	}
	for (int i = 0; i < n && !err; i += 2) {
		char *kw = words[i], *arg = words[i + 1];

		if (!strcmp(kw, "func"))
			err = ddebug_set(&q->function, arg, "func");
		else if (!strcmp(kw, "file"))
			err = ddebug_set(&q->filename, arg, "file");
		else if (!strcmp(kw, "module"))
			err = ddebug_set(&q->module, arg, "module");
		else if (!strcmp(kw, "format"))
			err = ddebug_set(&q->format, arg, "format");
		else if (!strcmp(kw, "line"))
			err = ddebug_parse_lines(q, arg);
		else {
			pr_err("unknown keyword \"%s\"\n", kw);
			return -EINVAL;
		}
	}
	return err;
}

/* "+p", "-pf", "=_": *mask keeps, *set adds (Linux's ddebug_parse_flags). */
static int ddebug_parse_flags(const char *s, unsigned int *mask, unsigned int *set)
{
	char op = *s++;
	unsigned int flags = 0;

	if (op != '+' && op != '-' && op != '=') {
		pr_err("bad flag-op %c, at start of %s\n", op ? op : ' ', s - 1);
		return -EINVAL;
	}
	for (; *s; s++) {
		unsigned int i;

		if (*s == '_')
			continue;
		for (i = 0; i < ARRAY_SIZE(ddebug_opts); i++)
			if (ddebug_opts[i].c == *s)
				break;
		if (i == ARRAY_SIZE(ddebug_opts)) {
			pr_err("unknown flag '%c'\n", *s);
			return -EINVAL;
		}
		flags |= ddebug_opts[i].flag;
	}
	switch (op) {
	case '=':
		*mask = 0;
		*set = flags;
		break;
	case '+':
		*mask = ~0u;
		*set = flags;
		break;
	default:
		*mask = ~flags;
		*set = 0;
		break;
	}
	return 0;
}

/*
 * A file pattern matches the path, its base name, or (Linux's selftests
 * name kernel/livepatch/ files) "kernel/" + the path for Kelp's livepatch/.
 */
static bool ddebug_match_file(const char *pat, const char *file)
{
	const char *base = strrchr(file, '/');
	char alias[128];

	if (glob_match(pat, file) || (base && glob_match(pat, base + 1)))
		return true;
	if (strncmp(file, "livepatch/", 10) || strlen(file) + 8 > sizeof(alias))
		return false;
	memcpy(alias, "kernel/", 7);
	strlcpy(alias + 7, file, sizeof(alias) - 7);
	return glob_match(pat, alias);
}

/* Changes every matching site; returns how many matched. */
static int ddebug_change(const struct ddebug_query *q, unsigned int mask, unsigned int set)
{
	struct ddebug_table *t;
	int found = 0;
	char mbuf[64];

	list_for_each_entry(t, &ddebug_tables, link) {
		for (unsigned int i = 0; i < t->num; i++) {
			struct _ddebug *dp = &t->sites[i];

			if (q->module && !glob_match(q->module, ddebug_modname(dp, mbuf, sizeof(mbuf))))
				continue;
			if (q->filename && !ddebug_match_file(q->filename, dp->filename))
				continue;
			if (q->function && !glob_match(q->function, dp->function))
				continue;
			if (q->format && !strstr(dp->format, q->format))
				continue;
			if (q->first_lineno && dp->lineno < q->first_lineno)
				continue;
			if (q->last_lineno && dp->lineno > q->last_lineno)
				continue;
			WRITE_ONCE(dp->flags, (dp->flags & mask) | set);
			found++;
		}
	}
	return found;
}

/* One query: returns the sites it matched, or -EINVAL. */
static int ddebug_exec_query(char *text)
{
	struct ddebug_query q = { 0 };
	char *words[DDEBUG_MAXWORDS];
	unsigned int mask, set;
	int n = ddebug_tokenize(text, words, DDEBUG_MAXWORDS);

	if (n <= 0) {
		pr_err("tokenize failed\n");
		return -EINVAL;
	}
	if (ddebug_parse_flags(words[n - 1], &mask, &set)) {
		pr_err("flags parse failed\n");
		return -EINVAL;
	}
	if (ddebug_parse_query(words, n - 1, &q)) {
		pr_err("query parse failed\n");
		return -EINVAL;
	}
	return ddebug_change(&q, mask, set);
}

/* True if s has nothing but blanks (and a '#' comment). */
static bool ddebug_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s || *s == '#';
}

/*
 * See dynamic_debug.h. As Linux: every query runs, the matches are
 * summed, and any bad query makes the result its error.
 */
int ddebug_exec_queries(char *buf)
{
	int err = 0, found = 0, r;

	while (buf) {
		char *q = buf, *end = buf;

		while (*end && *end != ';' && *end != '\n')
			end++;

		buf = *end ? end + 1 : NULL;
		*end = '\0';
		if (ddebug_blank(q))
			continue;
		r = ddebug_exec_query(q);
		if (r < 0)
			err = r;
		else
			found += r;
	}
	return err ? err : found;
}

#ifndef __KELP_HOST__

static DEFINE_MUTEX(ddebug_lock);
extern struct _ddebug __start___dyndbg[], __stop___dyndbg[];
static struct ddebug_table ddebug_kernel_table;

/* See printk.h. Linux's prefix order: [tid] module:function:file:line: */
void __dynamic_pr_debug(struct _ddebug *dp, const char *fmt, ...)
{
	unsigned int flags = READ_ONCE(dp->flags);
	char prefix[128], mbuf[64];
	size_t n = 0;
	va_list ap;

	if (flags & _DPRINTK_FLAGS_INCL_TID)
		n += scnprintf(prefix + n, sizeof(prefix) - n, "[%d] ", current->pid);
	if (flags & _DPRINTK_FLAGS_INCL_MODNAME)
		n += scnprintf(prefix + n, sizeof(prefix) - n, "%s:",
			       ddebug_modname(dp, mbuf, sizeof(mbuf)));
	if (flags & _DPRINTK_FLAGS_INCL_FUNCNAME)
		n += scnprintf(prefix + n, sizeof(prefix) - n, "%s:", dp->function);
	if (flags & _DPRINTK_FLAGS_INCL_SOURCENAME)
		n += scnprintf(prefix + n, sizeof(prefix) - n, "%s:", dp->filename);
	if (flags & _DPRINTK_FLAGS_INCL_LINENO)
		n += scnprintf(prefix + n, sizeof(prefix) - n, "%u:", dp->lineno);
	if (n)
		n += scnprintf(prefix + n, sizeof(prefix) - n, " ");
	va_start(ap, fmt);
	if (n) {
		/* One record: the prefix first, the message as a continuation. */
		char msg[512];

		vscnprintf(msg, sizeof(msg), fmt, ap);
		printk(KERN_DEBUG "%s%s", prefix, msg);
	} else {
		char kfmt[512];

		scnprintf(kfmt, sizeof(kfmt), KERN_DEBUG "%s", fmt);
		vprintk(kfmt, ap);
	}
	va_end(ap);
}
EXPORT_SYMBOL(__dynamic_pr_debug);

/* Shows a format with Linux's escapes (\n, \t, \r, \"). */
static void ddebug_show_format(struct seq_file *m, const char *f)
{
	for (; *f; f++) {
		switch (*f) {
		case '\n':
			seq_puts(m, "\\n");
			break;
		case '\t':
			seq_puts(m, "\\t");
			break;
		case '\r':
			seq_puts(m, "\\r");
			break;
		case '"':
			seq_puts(m, "\\\"");
			break;
		default:
			seq_putc(m, *f);
		}
	}
}

/*
 * The file name the listing shows. Kelp's livepatch core sits in
 * livepatch/, Linux's in kernel/livepatch/; the selftests' push_config
 * greps the listing for '^kernel/livepatch' and writes those lines back
 * as "file F line N =p" queries, so the core shows Linux's path (which
 * ddebug_match_file accepts).
 */
static void ddebug_show_file(struct seq_file *m, const char *file)
{
	if (!strncmp(file, "livepatch/", 10))
		seq_puts(m, "kernel/");
	seq_puts(m, file);
}

static int ddebug_control_show(struct seq_file *m, void *v)
{
	struct ddebug_table *t;
	char mbuf[64];

	seq_puts(m, "# filename:lineno [module]function flags format\n");
	mutex_lock(&ddebug_lock);
	list_for_each_entry(t, &ddebug_tables, link) {
		for (unsigned int i = 0; i < t->num; i++) {
			const struct _ddebug *dp = &t->sites[i];
			unsigned int flags = READ_ONCE(dp->flags);

			ddebug_show_file(m, dp->filename);
			seq_printf(m, ":%u [%s]%s =", dp->lineno,
				   ddebug_modname(dp, mbuf, sizeof(mbuf)), dp->function);
			if (!flags)
				seq_putc(m, '_');
			for (unsigned int k = 0; k < ARRAY_SIZE(ddebug_opts); k++)
				if (flags & ddebug_opts[k].flag)
					seq_putc(m, ddebug_opts[k].c);
			seq_puts(m, " \"");
			ddebug_show_format(m, dp->format);
			seq_puts(m, "\"\n");
		}
	}
	mutex_unlock(&ddebug_lock);
	return 0;
}

static int ddebug_control_write(const char *buf, size_t len)
{
	char *text = kmemdup_nul(buf, len, GFP_KERNEL);
	int ret;

	if (!text)
		return -ENOMEM;
	mutex_lock(&ddebug_lock);
	ret = ddebug_exec_queries(text);
	mutex_unlock(&ddebug_lock);
	kfree(text);
	return ret < 0 ? ret : 0;
}

static const struct debugfs_file ddebug_files[] = {
	{ "control", 0644, ddebug_control_show, ddebug_control_write },
};

/* A module's sites come with it and go with it. */
static int ddebug_module_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;
	struct ddebug_table *t;

	if (!mod->num_dyndbg)
		return NOTIFY_DONE;
	mutex_lock(&ddebug_lock);
	if (action == MODULE_STATE_COMING) {
		t = kzalloc(sizeof(*t), GFP_KERNEL);
		if (t) {
			t->owner = mod;
			t->sites = mod->dyndbg;
			t->num = mod->num_dyndbg;
			ddebug_table_add(t);
		}
	} else if (action == MODULE_STATE_GOING) {
		list_for_each_entry(t, &ddebug_tables, link) {
			if (t->owner == mod) {
				ddebug_table_del(t);
				kfree(t);
				break;
			}
		}
	}
	mutex_unlock(&ddebug_lock);
	return NOTIFY_DONE;
}

static struct notifier_block ddebug_module_nb = {
	.notifier_call = ddebug_module_notify,
};

/* See dynamic_debug.h. */
void dynamic_debug_init(void)
{
	static char query[256];

	ddebug_kernel_table.sites = __start___dyndbg;
	ddebug_kernel_table.num = __stop___dyndbg - __start___dyndbg;
	ddebug_table_add(&ddebug_kernel_table);
	register_module_notifier(&ddebug_module_nb);
	/* Linux's dyndbg="QUERY" boot parameter, for the kernel's own sites. */
	if (boot_cmdline_get(boot_info.cmdline, "dyndbg", query, sizeof(query))) {
		mutex_lock(&ddebug_lock);
		ddebug_exec_queries(query);
		mutex_unlock(&ddebug_lock);
	}
	if (debugfs_create_files("dynamic_debug", ddebug_files, ARRAY_SIZE(ddebug_files)))
		pr_err("cannot create /sys/kernel/debug/dynamic_debug\n");
}

#endif /* !__KELP_HOST__ */
