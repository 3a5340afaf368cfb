/*
 * /proc/kallsyms (kallsyms_proc_show), and kallsyms_show(), the same lines
 * filtered by a glob and cut after N. The `kallsyms` program
 * (userland/bin/kallsyms.c) reads the file. Kept apart from kallsyms.c,
 * whose lookups are pure and unit-tested on the host.
 */
#include <kelp/kallsyms.h>
#include <kelp/errno.h>
#include <kelp/glob.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
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
