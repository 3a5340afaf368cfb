/*
 * seq_file: the way /proc, tracefs and debugfs files produce text, with
 * Linux's two models. Kelp's own files are show-function snapshots: the
 * show prints the whole text into a growing buffer with seq_printf and
 * friends once per open (seq_run, seq_open_snapshot). Files written as for
 * Linux use the iterator: seq_open() with struct seq_operations (start,
 * next, stop, show a record at a time), or single_open() with one show,
 * and seq_read()/seq_lseek()/seq_release() as their read, llseek and
 * release, so that a file of any length is produced page by page as it is
 * read. Same names and signatures as Linux's, so show functions such as
 * cmdline_proc_show(struct seq_file *m, void *v) look exactly like
 * Linux's (live patches target them).
 */
#ifndef KELP_SEQ_FILE_H
#define KELP_SEQ_FILE_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/list.h>
#include <kelp/mutex.h>
#include <kelp/string_helpers.h>

#ifndef __KELP_HOST__
typedef long long loff_t;	/* Linux's __kernel_loff_t: %lld prints it */
#endif

struct seq_file;
struct file;
struct inode;

/*
 * A record iterator. start returns the record at *pos (NULL at the end,
 * or an ERR_PTR); next advances *pos and returns the following record;
 * stop ends a pass (unlocking what start locked); show prints one record,
 * returning 0, SEQ_SKIP to drop what it printed, or a negative errno.
 */
struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1
/* What start may return for a header line before the first record. */
#define SEQ_START_TOKEN ((void *)1)

struct seq_file {
	char *buf;
	size_t size;		/* capacity */
	size_t from;		/* iterator: start of the bytes not yet read */
	size_t count;		/* bytes produced (not yet read) */
	size_t pad_until;	/* seq_setwidth()'s column for seq_pad() */
	loff_t index;		/* iterator: the next record's position */
	loff_t read_pos;	/* iterator: the file position the buffer ends at */
	struct mutex lock;	/* iterator: serialises reads and seeks of one file */
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
	void *private;
	bool overflow;		/* the show ran out of room: retried with more */
};

/* True once a write did not fit (the record is retried with a bigger buffer). */
static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->overflow;
}

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
/* Prints a buffer vbin_printf() packed for fmt (<kelp/string_helpers.h>). */
void seq_bprintf(struct seq_file *m, const char *fmt, const u32 *binary);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);
void seq_write(struct seq_file *m, const void *data, size_t len);
/*
 * Writes len bytes of src with string_escape_mem(flags, esc) (Linux's
 * ESCAPE_* flags, <kelp/string_helpers.h>); all or nothing, as Linux's.
 */
void seq_escape_mem(struct seq_file *m, const char *src, size_t len, unsigned int flags,
		    const char *esc);

/*
 * The iterator model (Linux's API). seq_open: a new seq_file in
 * file->private_data for op; 0 or -ENOMEM. single_open: one record shown
 * by show, with data as m->private (single_open_size preallocates size
 * bytes). seq_open_private/__seq_open_private: also a zeroed psize-byte
 * m->private (returned by the latter, or NULL). seq_read: reads from the
 * position, producing records as needed; bytes or -errno. seq_lseek:
 * SEEK_SET/SEEK_CUR only, by re-running the iterator; the new position or
 * -EINVAL. The releases free what the matching open made; 0. Task context
 * (they sleep; show functions may too).
 */
int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
int single_open(struct file *file, int (*show)(struct seq_file *m, void *v), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *m, void *v), void *data,
		     size_t size);
int single_release(struct inode *inode, struct file *file);
void *__seq_open_private(struct file *file, const struct seq_operations *ops, int psize);
int seq_open_private(struct file *file, const struct seq_operations *ops, int psize);
int seq_release_private(struct inode *inode, struct file *file);
/* Iterators over a list_head list: the entry at pos (after head for _head), the next one. */
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);

/* Linux's seq_escape(m, s, esc): octal escapes of the characters of esc in s. */
static inline void seq_escape_str(struct seq_file *m, const char *src, unsigned int flags,
				  const char *esc)
{
	seq_escape_mem(m, src, __builtin_strlen(src), flags, esc);
}
static inline void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
	seq_escape_str(m, s, ESCAPE_OCTAL, esc);
}

/*
 * Kelp's snapshot model. seq_run runs show(m, v) into a buffer that grows
 * until the output fits (up to limit bytes). Returns 0 with m->buf
 * (kmalloc'd, free with seq_run_free) holding m->count bytes, or a
 * negative errno (the show's, or -ENOMEM/-EFBIG).
 */
int seq_run(struct seq_file *m, int (*show)(struct seq_file *m, void *v), void *v, size_t limit);
void seq_run_free(struct seq_file *m);

/*
 * File helpers for filesystems whose files are a snapshot of a show
 * function (procfs, /proc/<pid>, tracefs): seq_open_snapshot runs show
 * (with v, which is also m->private as Linux's single_open gives) into a
 * new seq_file kept in f->private (0 or -errno); seq_read_snapshot serves
 * reads from it (0 at its end or when there is none); seq_release_snapshot
 * frees it.
 */
int seq_open_snapshot(struct file *f, int (*show)(struct seq_file *m, void *v), void *v,
		      size_t limit);
ssize_t seq_read_snapshot(struct file *f, char *buf, size_t len, u64 *pos);
int seq_release_snapshot(struct inode *inode, struct file *f);

#endif /* KELP_SEQ_FILE_H */
