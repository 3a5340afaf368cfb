/*
 * The shell's view of /sys/kernel/tracing until there is a filesystem:
 *   tracing                   lists the files
 *   tracing FILE              cat /sys/kernel/tracing/FILE
 *   tracing FILE WORDS...     echo WORDS > /sys/kernel/tracing/FILE
 *   tracing -a FILE WORDS...  echo WORDS >> /sys/kernel/tracing/FILE
 *   tracing -c FILE           wc -l < /sys/kernel/tracing/FILE
 * The files are include/kelp/trace.h's table, unchanged.
 */
#include <kelp/trace.h>
#include <kelp/errno.h>
#include <kelp/seq_file.h>
#include <kelp/shell.h>
#include <kelp/string.h>

static void tracing_sh_write(struct seq_file *m, const char *s, size_t len)
{
	sh_write(s, len);
}

/* Counts newlines instead of printing (tracing -c). */
static void tracing_count_lines(struct seq_file *m, const char *s, size_t len)
{
	unsigned long *lines = m->private;

	for (size_t i = 0; i < len; i++)
		*lines += s[i] == '\n';
}

/* Joins argv[0..argc) with spaces and a newline, as echo would write them. */
static size_t tracing_join(char *buf, size_t size, int argc, char **argv)
{
	size_t n = 0;

	for (int i = 0; i < argc; i++)
		n += scnprintf(buf + n, size - n, "%s%s", argv[i], i + 1 < argc ? " " : "\n");
	return n;
}

static int cmd_tracing(int argc, char **argv)
{
	struct seq_file m = { .write = tracing_sh_write };
	const struct trace_file *f;
	bool append = argc > 1 && !strcmp(argv[1], "-a");
	char buf[SHELL_LINE_MAX];
	unsigned int n;
	int err;

	if (argc == 3 && !strcmp(argv[1], "-c") && (f = trace_file_find(argv[2]))) {
		unsigned long lines = 0;

		m.write = tracing_count_lines;
		m.private = &lines;
		f->show(&m);
		sh_printf("%lu\n", lines);
		return 0;
	}
	if (argc == 1) {
		f = trace_files(&n);
		for (unsigned int i = 0; i < n; i++)
			sh_printf("%s\n", f[i].name);
		return 0;
	}
	f = trace_file_find(argv[1 + append]);
	if (!f) {
		sh_printf("tracing: %s: %s\n", argv[1 + append], strerror(ENOENT));
		return 1;
	}
	if (argc == 2 && !append) {
		f->show(&m);
		return 0;
	}
	if (!f->write) {
		sh_printf("tracing: %s: %s\n", f->name, strerror(EACCES));
		return 1;
	}
	n = tracing_join(buf, sizeof(buf), argc - 2 - append, argv + 2 + append);
	err = f->write(buf, n, append);
	if (err) {
		sh_printf("tracing: %s: write error: %s\n", f->name, strerror(-err));
		return 1;
	}
	return 0;
}
SHELL_COMMAND("tracing", "[-c|-a] [FILE [VALUE...]]  /sys/kernel/tracing: cat, echo VALUE > (-a: >>), wc -l (-c)",
	      cmd_tracing);
