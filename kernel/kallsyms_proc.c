/*
 * /proc/kallsyms (kallsyms_proc_show) and the shell's `kallsyms` command:
 * the same lines filtered by a glob and cut after N (what `grep` and
 * `head` would do), and sympos lookups as livepatch resolves old_sympos.
 * Kept apart from kallsyms.c, whose lookups are pure and unit-tested on
 * the host.
 */
#include <kelp/kallsyms.h>
#include <kelp/errno.h>
#include <kelp/glob.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/shell.h>
#include <kelp/string.h>

#define KALLSYMS_SHOW_LIMIT (4UL << 20)

/* See kallsyms.h. */
unsigned long kallsyms_show(struct seq_file *m, const char *glob, unsigned long max)
{
	struct kallsyms_sym s;
	unsigned long i, lines = 0;
	char line[160];

	for (i = 0; kallsyms_symbol(i, &s); i++) {
		if (glob && !glob_match(glob, s.name))
			continue;
		if (max && lines == max)
			break;
		kallsyms_format_line(line, sizeof(line), &s);
		seq_puts(m, line);
		lines++;
	}
	return lines;
}

/* See kallsyms.h. Linux's show for /proc/kallsyms. */
int kallsyms_proc_show(struct seq_file *m, void *v)
{
	kallsyms_show(m, NULL, 0);
	return 0;
}

/* See kallsyms.h. */
void kallsyms_proc_init(void)
{
	if (!proc_create_single("kallsyms", 0444, NULL, kallsyms_proc_show))
		pr_err("kallsyms: cannot create /proc/kallsyms\n");
}

struct kallsyms_cmd_args {
	const char *glob;
	unsigned long max;
};

static int kallsyms_cmd_show(struct seq_file *m, void *v)
{
	struct kallsyms_cmd_args *a = v;

	kallsyms_show(m, a->glob, a->max);
	return 0;
}

/* `kallsyms -p NAME SYMPOS`: one symbol, resolved as livepatch does. */
static int kallsyms_cmd_sympos(const char *name, const char *pos)
{
	unsigned long sympos, addr;
	struct kallsyms_sym s = { .name = name };
	char line[160];

	if (kstrtoul(pos, 10, &sympos)) {
		sh_eprintf("kallsyms: invalid position '%s'\n", pos);
		return 1;
	}
	if (kallsyms_lookup_sympos(NULL, name, sympos, &addr)) {
		sh_eprintf("kallsyms: %s,%lu: %s\n", name, sympos, strerror(-EINVAL));
		return 1;
	}
	s.addr = addr;
	for (unsigned long i = 0; kallsyms_symbol(i, &s); i++)
		if (s.addr == addr && !strcmp(s.name, name))
			break;
	kallsyms_format_line(line, sizeof(line), &s);
	sh_write(line, strlen(line));
	return 0;
}

static int kallsyms_usage(void)
{
	sh_eprintf("usage: kallsyms [-n COUNT] [GLOB] | kallsyms -p NAME SYMPOS\n");
	return 1;
}

static int cmd_kallsyms(int argc, char **argv)
{
	struct kallsyms_cmd_args a = { 0 };
	struct seq_file m = { 0 };
	unsigned long max = 0;
	const char *glob = NULL;
	int i = 1, err;

	if (argc > 1 && !strcmp(argv[1], "-p"))
		return argc == 4 ? kallsyms_cmd_sympos(argv[2], argv[3]) : kallsyms_usage();
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		if (kstrtoul(argv[2], 10, &max) || !max) {
			sh_eprintf("kallsyms: invalid number '%s'\n", argv[2]);
			return 1;
		}
		i = 3;
	}
	if (i < argc)
		glob = argv[i++];
	if (i < argc || (glob && glob[0] == '-'))
		return kallsyms_usage();
	a.glob = glob;
	a.max = max;
	err = seq_run(&m, kallsyms_cmd_show, &a, KALLSYMS_SHOW_LIMIT);
	if (err) {
		sh_eprintf("kallsyms: %s\n", strerror(err));
		return 1;
	}
	sh_write(m.buf, m.count);
	seq_release(&m);
	return 0;
}
SHELL_COMMAND("kallsyms", "[-n COUNT] [GLOB] | -p NAME SYMPOS  /proc/kallsyms lines", cmd_kallsyms);
