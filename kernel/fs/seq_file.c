/*
 * seq_file buffers. A show function writes into m->buf; when it does not
 * fit, the overflow flag is set and the output is produced again with a
 * buffer twice the size, as Linux's seq_read does, so show functions never
 * deal with partial output. Two drivers: seq_run() runs a whole-file show
 * once (Kelp's snapshot files), and seq_read() runs a seq_operations
 * iterator record by record from the file position (Linux's model, which
 * procfs's proc_ops files use); both share the printing functions.
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
void seq_bprintf(struct seq_file *m, const char *fmt, const u32 *binary)
{
	size_t room = m->size - m->count;
	int n;

	if (m->overflow)
		return;
	n = bstr_printf(m->buf + m->count, room, fmt, binary);
	if (n < 0 || (size_t)n >= room) {
		m->overflow = true;
		return;
	}
	m->count += n;
}
EXPORT_SYMBOL(seq_bprintf);

/* See seq_file.h. The escaped text goes in whole or not at all (overflow). */
void seq_escape_mem(struct seq_file *m, const char *src, size_t len, unsigned int flags,
		    const char *esc)
{
	size_t room = m->size - m->count;
	int n;

	if (m->overflow)
		return;
	n = string_escape_mem(src, len, m->buf + m->count, room, flags, esc);
	if ((size_t)n >= room) {
		m->overflow = true;
		return;
	}
	m->count += n;
}
EXPORT_SYMBOL(seq_escape_mem);

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
				seq_run_free(m);
			return err;
		}
		seq_run_free(m);
		if (size >= limit)
			return -EFBIG;
		size *= 2;
	}
}
EXPORT_SYMBOL_FOR_KTEST(seq_run);

/* See seq_file.h. */
void seq_run_free(struct seq_file *m)
{
	kfree(m->buf);
	m->buf = NULL;
	m->size = m->count = 0;
}
EXPORT_SYMBOL_FOR_KTEST(seq_run_free);

/* See seq_file.h. */
int seq_open_snapshot(struct file *f, int (*show)(struct seq_file *m, void *v), void *v,
		      size_t limit)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int err;

	if (m)
		m->private = v;	/* Linux's single_open gives the data there */
	err = m ? seq_run(m, show, v, limit) : -ENOMEM;

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
		seq_run_free(m);
		kfree(m);
	}
	return 0;
}

/* ---- the iterator model (Linux's seq_open/seq_read) ---- */

#define SEQ_FIRST_SIZE PAGE_SIZE

/* Forgets the buffer's contents: nothing produced, nothing overflowed. */
static void seq_empty(struct seq_file *m)
{
	m->count = 0;
	m->from = 0;
	m->overflow = false;
}

/* Replaces the buffer by one twice the size after an overflow; 0 or -ENOMEM. */
static int seq_grow(struct seq_file *m)
{
	kfree(m->buf);
	seq_empty(m);
	m->size <<= 1;
	m->buf = kmalloc(m->size, GFP_KERNEL);
	return m->buf ? 0 : -ENOMEM;
}

static int seq_need_buf(struct seq_file *m)
{
	if (m->buf)
		return 0;
	m->size = SEQ_FIRST_SIZE;
	m->buf = kmalloc(m->size, GFP_KERNEL);
	return m->buf ? 0 : -ENOMEM;
}

/*
 * Runs the iterator from the start until offset bytes were produced, and
 * leaves the rest of the record that crosses offset in the buffer. 0,
 * -EAGAIN (a record overflowed: the buffer grew, try again), or the
 * iterator's error. m->lock held.
 */
static int seq_traverse(struct seq_file *m, loff_t offset)
{
	loff_t pos = 0;
	int err = 0;
	void *p;

	m->index = 0;
	seq_empty(m);
	if (!offset)
		return 0;
	if (seq_need_buf(m))
		return -ENOMEM;
	p = m->op->start(m, &m->index);
	while (p) {
		if (IS_ERR(p)) {
			err = PTR_ERR(p);
			break;
		}
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (err) {		/* SEQ_SKIP */
			err = 0;
			seq_empty(m);
		}
		if (m->overflow) {
			m->op->stop(m, p);
			return seq_grow(m) ?: -EAGAIN;
		}
		p = m->op->next(m, p, &m->index);
		if (pos + (loff_t)m->count > offset) {
			m->from = offset - pos;
			m->count -= m->from;
			break;
		}
		pos += m->count;
		m->count = 0;
		if (pos == offset)
			break;
	}
	m->op->stop(m, p);
	return err;
}

/* See seq_file.h. */
int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	mutex_init(&m->lock);
	m->op = op;
	m->file = file;
	file->private_data = m;
	return 0;
}
EXPORT_SYMBOL(seq_open);

/*
 * See seq_file.h. Linux's algorithm: what is left of the last record goes
 * out first; then records are shown until one is not empty (growing the
 * buffer while a record overflows it), and more are added while they fit
 * and the reader wants more. The iterator advances once per record shown,
 * so the next read starts at the record after the buffer's. buf is a
 * kernel buffer: Kelp's read system call copies to user space itself.
 */
ssize_t seq_read(struct file *file, char *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	size_t copied = 0, n;
	int err = 0;
	void *p;

	if (!size)
		return 0;
	mutex_lock(&m->lock);
	if (*ppos == 0) {	/* a read from 0 starts over: records may have changed */
		m->index = 0;
		m->count = 0;
	}
	if (*ppos != m->read_pos) {
		while ((err = seq_traverse(m, *ppos)) == -EAGAIN)
			;
		if (err) {
			m->read_pos = 0;
			m->index = 0;
			seq_empty(m);
			goto done;
		}
		m->read_pos = *ppos;
	}
	err = seq_need_buf(m);
	if (err)
		goto done;
	if (m->count) {
		n = min(m->count, size);
		memcpy(buf, m->buf + m->from, n);
		m->count -= n;
		m->from += n;
		copied += n;
		if (m->count)
			goto done;
	}
	seq_empty(m);
	p = m->op->start(m, &m->index);
	for (;;) {
		err = PTR_ERR(p);
		if (!p || IS_ERR(p))
			break;
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (err)		/* SEQ_SKIP */
			seq_empty(m);
		if (!m->count && !m->overflow) {	/* an empty record */
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!m->overflow)
			goto fill;
		m->op->stop(m, p);
		err = seq_grow(m);
		if (err)
			goto done;
		p = m->op->start(m, &m->index);
	}
	m->op->stop(m, p);
	seq_empty(m);
	goto done;
fill:
	for (;;) {
		size_t offs = m->count;
		loff_t pos = m->index;

		p = m->op->next(m, p, &m->index);
		if (pos == m->index) {
			pr_info("seq_file: buggy .next function %ps did not update position index\n",
				m->op->next);
			m->index++;
		}
		if (!p || IS_ERR(p))
			break;
		if (m->count >= size - copied)
			break;
		err = m->op->show(m, p);
		if (err > 0) {
			m->count = offs;
		} else if (err || m->overflow) {
			m->count = offs;
			m->overflow = false;
			break;
		}
	}
	m->op->stop(m, p);
	n = min(m->count, size - copied);
	memcpy(buf + copied, m->buf, n);
	copied += n;
	m->count -= n;
	m->from = n;
done:
	if (!copied) {
		mutex_unlock(&m->lock);
		return err;
	}
	*ppos += copied;
	m->read_pos += copied;
	mutex_unlock(&m->lock);
	return copied;
}
EXPORT_SYMBOL(seq_read);

/* See seq_file.h. A seek re-runs the iterator up to the new position. */
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t ret = -EINVAL;

	mutex_lock(&m->lock);
	switch (whence) {
	case SEEK_CUR:
		offset += file->pos;
		__attribute__((__fallthrough__));
	case SEEK_SET:
		if (offset < 0)
			break;
		ret = offset;
		if (offset != m->read_pos) {
			while ((ret = seq_traverse(m, offset)) == -EAGAIN)
				;
			if (ret) {
				file->pos = 0;
				m->read_pos = 0;
				m->index = 0;
				seq_empty(m);
				break;
			}
			m->read_pos = offset;
			ret = offset;
		}
		file->pos = offset;
	}
	mutex_unlock(&m->lock);
	return ret;
}
EXPORT_SYMBOL(seq_lseek);

/* See seq_file.h. */
int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	(void)inode;
	if (m) {
		kfree(m->buf);
		kfree(m);
		file->private_data = NULL;
	}
	return 0;
}
EXPORT_SYMBOL(seq_release);

/* single_open's iterator: one record, SEQ_START_TOKEN, at position 0. */
static void *single_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
}

/* See seq_file.h. The operations are per file, since show is. */
int single_open(struct file *file, int (*show)(struct seq_file *m, void *v), void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL);
	int err;

	if (!op)
		return -ENOMEM;
	op->start = single_start;
	op->next = single_next;
	op->stop = single_stop;
	op->show = show;
	err = seq_open(file, op);
	if (err) {
		kfree(op);
		return err;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}
EXPORT_SYMBOL(single_open);

/* See seq_file.h. */
int single_open_size(struct file *file, int (*show)(struct seq_file *m, void *v), void *data,
		     size_t size)
{
	char *buf = kmalloc(size ? size : 1, GFP_KERNEL);
	int err;

	if (!buf)
		return -ENOMEM;
	err = single_open(file, show, data);
	if (err) {
		kfree(buf);
		return err;
	}
	((struct seq_file *)file->private_data)->buf = buf;
	((struct seq_file *)file->private_data)->size = size ? size : 1;
	return 0;
}
EXPORT_SYMBOL(single_open_size);

/* See seq_file.h. */
int single_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	const struct seq_operations *op = m ? m->op : NULL;

	seq_release(inode, file);
	kfree((void *)op);
	return 0;
}
EXPORT_SYMBOL(single_release);

/* See seq_file.h. */
void *__seq_open_private(struct file *file, const struct seq_operations *ops, int psize)
{
	void *private = kzalloc(psize > 0 ? psize : 1, GFP_KERNEL);

	if (!private)
		return NULL;
	if (seq_open(file, ops)) {
		kfree(private);
		return NULL;
	}
	((struct seq_file *)file->private_data)->private = private;
	return private;
}
EXPORT_SYMBOL(__seq_open_private);

/* See seq_file.h. */
int seq_open_private(struct file *file, const struct seq_operations *ops, int psize)
{
	return __seq_open_private(file, ops, psize) ? 0 : -ENOMEM;
}
EXPORT_SYMBOL(seq_open_private);

/* See seq_file.h. */
int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	if (m) {
		kfree(m->private);
		m->private = NULL;
	}
	return seq_release(inode, file);
}
EXPORT_SYMBOL(seq_release_private);

/* See seq_file.h. */
struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	struct list_head *lh;

	list_for_each(lh, head)
		if (pos-- == 0)
			return lh;
	return NULL;
}
EXPORT_SYMBOL(seq_list_start);

/* See seq_file.h. Position 0 is the head itself (a header line). */
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
	if (!pos)
		return head;
	return seq_list_start(head, pos - 1);
}
EXPORT_SYMBOL(seq_list_start_head);

/* See seq_file.h. */
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *lh = ((struct list_head *)v)->next;

	++*ppos;
	return lh == head ? NULL : lh;
}
EXPORT_SYMBOL(seq_list_next);
