/*
 * seq_file output helpers (include/kelp/seq_file.h): everything ends in the
 * reader's write callback, which may be called from task context only.
 */
#include <kelp/seq_file.h>
#include <kelp/string.h>

/* See seq_file.h. */
void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (!len)
		return;
	m->write(m, data, len);
	m->count += len;
}

/* See seq_file.h. */
void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

/* See seq_file.h. */
int seq_printf(struct seq_file *m, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	seq_write(m, buf, n);
	return n;
}
