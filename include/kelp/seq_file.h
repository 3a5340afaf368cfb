/*
 * Sequential text output for /proc- and /sys-style files (kernel/lib/
 * seq_file.c). A show function prints into a struct seq_file without
 * knowing where the text goes: today the shell passes a writer to the
 * console; the filesystem issue passes one that fills a read buffer, so
 * /proc/kallsyms and the files under /sys/kernel/tracing serve the same functions.
 */
#ifndef KELP_SEQ_FILE_H
#define KELP_SEQ_FILE_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct seq_file {
	/* set by the reader */
	void (*write)(struct seq_file *m, const char *s, size_t len);
	void *private;
	/* owned by the seq_* functions */
	size_t count;		/* bytes written so far */
};

/* Formats (at most 255 bytes per call) and writes. Returns the length written. */
int seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_write(struct seq_file *m, const void *data, size_t len);

#endif /* KELP_SEQ_FILE_H */
