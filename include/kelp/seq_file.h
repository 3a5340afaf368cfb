/*
 * seq_file: the way /proc and tracefs files produce text. A
 * show function prints into a growing buffer with seq_printf/seq_puts;
 * reads are served from the buffer at the file position. Same names as
 * Linux's, so functions such as cmdline_proc_show(struct seq_file *m,
 * void *v) look exactly like Linux's (live patches target them).
 */
#ifndef KELP_SEQ_FILE_H
#define KELP_SEQ_FILE_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct seq_file {
	char *buf;
	size_t size;		/* capacity */
	size_t count;		/* bytes produced */
	bool overflow;		/* the show ran out of room: retried with more */
	void *private;
	size_t pad_until;	/* seq_setwidth()'s column for seq_pad() */
};

/* Linux's: the next seq_pad() pads with spaces up to count + size. */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}
/* Pads to the column seq_setwidth() set, then writes c unless it is 0. */
void seq_pad(struct seq_file *m, char c);
/* print_hex_dump()'s rows (kernel/lib/hexdump.c) into m, one line each. */
void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type, int rowsize,
		  int groupsize, const void *buf, size_t len, bool ascii);

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);
void seq_write(struct seq_file *m, const void *data, size_t len);

/*
 * Runs show(m, v) into a buffer that grows until the output fits (up to
 * limit bytes). Returns 0 with m->buf (kmalloc'd, free with seq_release)
 * holding m->count bytes, or a negative errno (the show's, or -ENOMEM).
 */
int seq_run(struct seq_file *m, int (*show)(struct seq_file *m, void *v), void *v, size_t limit);
void seq_release(struct seq_file *m);

struct file;
struct inode;
/*
 * File helpers for filesystems whose files are a snapshot of a show
 * function (procfs, /proc/<pid>, tracefs): seq_open_snapshot runs show
 * into a new seq_file kept in f->private (0 or -errno); seq_read_snapshot
 * serves reads from it (0 at its end or when there is none);
 * seq_release_snapshot frees it.
 */
int seq_open_snapshot(struct file *f, int (*show)(struct seq_file *m, void *v), void *v,
		      size_t limit);
ssize_t seq_read_snapshot(struct file *f, char *buf, size_t len, u64 *pos);
int seq_release_snapshot(struct inode *inode, struct file *f);

#endif /* KELP_SEQ_FILE_H */
