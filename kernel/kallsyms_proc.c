/*
 * /proc/kallsyms (kallsyms_show) and the shell's `kallsyms` command, its
 * front-end until the filesystem issue serves the same function as
 * /proc/kallsyms. Kept apart from kallsyms.c, whose lookups are pure and
 * unit-tested on the host.
 */
#include <kelp/kallsyms.h>
#include <kelp/errno.h>
#include <kelp/glob.h>
#include <kelp/kstrto.h>
#include <kelp/seq_file.h>
#include <kelp/shell.h>
#include <kelp/string.h>

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

static void kallsyms_sh_write(struct seq_file *m, const char *s, size_t len)
{
	sh_write(s, len);
}

/* `kallsyms -p NAME SYMPOS`: one symbol, resolved as livepatch does. */
static int kallsyms_cmd_sympos(const char *name, const char *pos)
{
	unsigned long sympos, addr;
	struct kallsyms_sym s = { .name = name };
	char line[160];

	if (kstrtoul(pos, 10, &sympos)) {
		sh_printf("kallsyms: invalid position '%s'\n", pos);
		return 1;
	}
	if (kallsyms_lookup_sympos(NULL, name, sympos, &addr)) {
		sh_printf("kallsyms: %s,%lu: %s\n", name, sympos, strerror(-EINVAL));
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
	sh_printf("usage: kallsyms [-n COUNT] [GLOB] | kallsyms -p NAME SYMPOS\n");
	return 1;
}

static int cmd_kallsyms(int argc, char **argv)
{
	struct seq_file m = { .write = kallsyms_sh_write };
	unsigned long max = 0;
	const char *glob = NULL;
	int i = 1;

	if (argc > 1 && !strcmp(argv[1], "-p"))
		return argc == 4 ? kallsyms_cmd_sympos(argv[2], argv[3]) : kallsyms_usage();
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		if (kstrtoul(argv[2], 10, &max) || !max) {
			sh_printf("kallsyms: invalid number '%s'\n", argv[2]);
			return 1;
		}
		i = 3;
	}
	if (i < argc)
		glob = argv[i++];
	if (i < argc || (glob && glob[0] == '-'))
		return kallsyms_usage();
	kallsyms_show(&m, glob, max);
	return 0;
}
SHELL_COMMAND("kallsyms", "[-n COUNT] [GLOB] | -p NAME SYMPOS  /proc/kallsyms lines", cmd_kallsyms);
