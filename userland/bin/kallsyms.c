/*
 * kallsyms [-n COUNT] [GLOB] | kallsyms -p NAME SYMPOS: /proc/kallsyms
 * lines ("ffffffff80101234 t name") whose name matches GLOB, at most COUNT
 * (what grep and head would do); or the line of NAME as livepatch resolves
 * old_sympos: 0 = the name must be unique, N = the Nth in table order,
 * with livepatch's messages when it cannot ("unresolvable ambiguity for
 * symbol 'x' in object 'vmlinux'") and status 1.
 */
#include <kelp.h>

/* Calls fn on each line of /proc/kallsyms (NUL-terminated, with its '\n') until it returns false. */
static int for_each_line(bool (*fn)(char *line, void *arg), void *arg)
{
	static char buf[8192];
	size_t len = 0;
	ssize_t n;
	int fd = open("/proc/kallsyms", O_RDONLY);

	if (fd < 0) {
		dprintf(2, "kallsyms: /proc/kallsyms: %s\n", strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0) {
		char *line = buf, *eol;

		len += n;
		buf[len] = '\0';
		while ((eol = strchr(line, '\n'))) {
			char keep = eol[1];

			eol[1] = '\0';
			if (!fn(line, arg)) {
				close(fd);
				return 0;
			}
			eol[1] = keep;
			line = eol + 1;
		}
		len -= line - buf;
		memmove(buf, line, len);
	}
	close(fd);
	return n < 0 ? 1 : 0;
}

/* The symbol name of a line ("ADDR T NAME\n"), cut at the end of the name. */
static const char *line_name(char *line, char *name, size_t cap)
{
	const char *p = strchr(line, ' ');

	p = p ? strchr(p + 1, ' ') : NULL;
	if (!p)
		return "";
	strlcpy(name, p + 1, cap);
	for (char *q = name; *q; q++) {
		if (*q == ' ' || *q == '\n') {
			*q = '\0';
			break;
		}
	}
	return name;
}

struct filter {
	const char *glob;
	unsigned long max, shown;
};

static bool print_matching(char *line, void *arg)
{
	struct filter *f = arg;
	char name[128];

	if (f->max && f->shown == f->max)
		return false;
	if (f->glob && !glob_match(f->glob, line_name(line, name, sizeof(name))))
		return true;
	write_all(1, line, strlen(line));
	f->shown++;
	return true;
}

struct sympos {
	const char *name;
	unsigned long pos, count;
	char line[160];		/* the pos-th match */
};

static bool count_matches(char *line, void *arg)
{
	struct sympos *s = arg;
	char name[128];

	if (strcmp(line_name(line, name, sizeof(name)), s->name))
		return true;
	if (++s->count == s->pos || (!s->pos && s->count == 1))
		strlcpy(s->line, line, sizeof(s->line));
	return true;
}

/* `kallsyms -p NAME SYMPOS`. */
static int sympos(const char *name, const char *pos)
{
	struct sympos s = { .name = name };

	if (parse_ulong(pos, 10, &s.pos)) {
		dprintf(2, "kallsyms: invalid position '%s'\n", pos);
		return 1;
	}
	if (for_each_line(count_matches, &s))
		return 1;
	if (!s.count)
		dprintf(2, "symbol '%s' not found in symbol table\n", name);
	else if (s.count > 1 && !s.pos)
		dprintf(2, "unresolvable ambiguity for symbol '%s' in object 'vmlinux'\n", name);
	else if (s.pos > s.count)
		dprintf(2, "symbol position %lu for symbol '%s' in object 'vmlinux' not found\n", s.pos,
			name);
	else {
		write_all(1, s.line, strlen(s.line));
		return 0;
	}
	dprintf(2, "kallsyms: %s,%lu: %s\n", name, s.pos, strerror(EINVAL));
	return 1;
}

static int usage(void)
{
	dprintf(2, "usage: kallsyms [-n COUNT] [GLOB] | kallsyms -p NAME SYMPOS\n");
	return 1;
}

int main(int argc, char **argv)
{
	struct filter f = { 0 };
	int i = 1;

	if (argc > 1 && !strcmp(argv[1], "-p"))
		return argc == 4 ? sympos(argv[2], argv[3]) : usage();
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		if (parse_ulong(argv[2], 10, &f.max) || !f.max) {
			dprintf(2, "kallsyms: invalid number '%s'\n", argv[2]);
			return 1;
		}
		i = 3;
	}
	if (i < argc)
		f.glob = argv[i++];
	if (i < argc || (f.glob && f.glob[0] == '-'))
		return usage();
	return for_each_line(print_matching, &f);
}
