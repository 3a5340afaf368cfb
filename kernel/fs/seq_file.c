/*
 * seq_file buffers. A show function writes into m->buf; when it does not
 * fit, the overflow flag is set and seq_run() retries the whole show with a
 * buffer twice the size, as Linux's seq_read does, so show functions never
 * deal with partial output.
 */
#include <kelp/seq_file.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/fs.h>
#include <kelp/export.h>
#include <kelp/printk.h>

/* See seq_file.h. */
void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap)
{
	size_t room = m->size - m->count;
	int n;

	if (m->overflow)
		return;
	n = vsnprintf(m->buf + m->count, room, fmt, ap);
	if (n < 0 || (size_t)n >= room) {
		m->overflow = true;
		return;
	}
	m->count += n;
}
EXPORT_SYMBOL(seq_vprintf);

/* See seq_file.h. */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL(seq_printf);

/* See seq_file.h. */
void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->overflow || len > m->size - m->count) {
		m->overflow = true;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}
EXPORT_SYMBOL(seq_write);

/* See seq_file.h. */
void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}
EXPORT_SYMBOL(seq_puts);

/* See seq_file.h. */
void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}
EXPORT_SYMBOL(seq_putc);

/* See seq_file.h. */
void seq_pad(struct seq_file *m, char c)
{
	static const char spaces[16] = "                ";

	while (m->count < m->pad_until && !m->overflow) {
		size_t n = m->pad_until - m->count;

		seq_write(m, spaces, n < sizeof(spaces) ? n : sizeof(spaces));
	}
	if (c)
		seq_putc(m, c);
}
EXPORT_SYMBOL(seq_pad);

/* See seq_file.h. */
void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type, int rowsize,
		  int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *ptr = buf;
	char line[32 * 3 + 2 + 32 + 1];

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (size_t i = 0; i < len && !m->overflow; i += (size_t)rowsize) {
		size_t linelen = len - i < (size_t)rowsize ? len - i : (size_t)rowsize;

		if (prefix_type == DUMP_PREFIX_ADDRESS)
			seq_printf(m, "%s%p: ", prefix_str, (const void *)(ptr + i));
		else if (prefix_type == DUMP_PREFIX_OFFSET)
			seq_printf(m, "%s%.8zx: ", prefix_str, i);
		else
			seq_puts(m, prefix_str);
		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, line, sizeof(line), ascii);
		seq_puts(m, line);
		seq_putc(m, '\n');
	}
}
EXPORT_SYMBOL(seq_hex_dump);

/*
 * Linux's number writers: the delimiter (if any), then num in decimal or,
 * for seq_put_hex_ll, in hex padded to width digits.
 */
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter ? delimiter : "", num);
}
EXPORT_SYMBOL(seq_put_decimal_ull);

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter ? delimiter : "", num);
}
EXPORT_SYMBOL(seq_put_decimal_ll);

void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	seq_printf(m, "%s%0*llx", delimiter ? delimiter : "", (int)width, v);
}
EXPORT_SYMBOL(seq_put_hex_ll);

/* See seq_file.h. */
int seq_run(struct seq_file *m, int (*show)(struct seq_file *m, void *v), void *v, size_t limit)
{
	size_t size = 1024;

	for (;;) {
		int err;

		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		m->overflow = false;
		m->pad_until = 0;
		err = show(m, v);
		if (err || !m->overflow) {
			if (err)
				seq_release(m);
			return err;
		}
		seq_release(m);
		if (size >= limit)
			return -EFBIG;
		size *= 2;
	}
}
EXPORT_SYMBOL_FOR_KTEST(seq_run);

/* See seq_file.h. */
void seq_release(struct seq_file *m)
{
	kfree(m->buf);
	m->buf = NULL;
	m->size = m->count = 0;
}
EXPORT_SYMBOL_FOR_KTEST(seq_release);

/* See seq_file.h. */
int seq_open_snapshot(struct file *f, int (*show)(struct seq_file *m, void *v), void *v,
		      size_t limit)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int err = m ? seq_run(m, show, v, limit) : -ENOMEM;

	if (err) {
		kfree(m);
		return err;
	}
	f->private = m;
	return 0;
}

/* See seq_file.h. */
ssize_t seq_read_snapshot(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct seq_file *m = f->private;
	size_t n;

	if (!m || *pos >= m->count)
		return 0;
	n = min(len, m->count - (size_t)*pos);
	memcpy(buf, m->buf + *pos, n);
	*pos += n;
	return n;
}

/* See seq_file.h. */
int seq_release_snapshot(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private;

	if (m) {
		seq_release(m);
		kfree(m);
	}
	return 0;
}
