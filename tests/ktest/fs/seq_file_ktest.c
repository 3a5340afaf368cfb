/*
 * In-kernel tests of the iterator seq_file behind procfs's proc_ops files
 * (kernel/fs/seq_file.c, kernel/fs/procfs.c): a proc_create_seq file of
 * 300 records (one bigger than a page, some skipped with SEQ_SKIP) read
 * whole, in 7-byte pieces and after seeks, compared with the text built
 * directly; single_open with pde_data; proc_create_seq_private's state;
 * seq_list_*; seq_escape_mem; seq_bprintf; and the removal of an entry with a file
 * still open (its release runs once, reads then fail with -EIO, nothing
 * leaks).
 */
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/string_helpers.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/string.h>

#define KT_RECORDS 300
#define KT_BIG 150		/* this record is 6000 bytes: the buffer must grow */

static int kt_starts, kt_stops;

/* Record i's text (what show prints), or "" for a skipped one; returns its length. */
static size_t kt_record(char *buf, size_t len, int i)
{
	size_t n;

	if (i % 37 == 5)
		return 0;	/* shown, then skipped */
	if (i == KT_BIG) {
		n = snprintf(buf, len, "big %d:", i);
		for (int k = 0; k < 6000 - 8 && n < len; k++)
			buf[n++] = 'a' + k % 26;
		if (n < len)
			buf[n++] = '\n';
		return n;
	}
	return snprintf(buf, len, "rec %03d %.*s\n", i, i % 23, "abcdefghijklmnopqrstuvwxyz");
}

static void *kt_start(struct seq_file *m, loff_t *pos)
{
	kt_starts++;
	return *pos < KT_RECORDS ? (void *)(unsigned long)(*pos + 1) : NULL;
}

static void *kt_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return *pos < KT_RECORDS ? (void *)(unsigned long)(*pos + 1) : NULL;
}

static void kt_stop(struct seq_file *m, void *v)
{
	kt_stops++;
}

static int kt_show(struct seq_file *m, void *v)
{
	static char rec[6100];
	int i = (int)(unsigned long)v - 1;
	size_t n = kt_record(rec, sizeof(rec), i);

	if (!n) {
		seq_puts(m, "skipped\n");
		return SEQ_SKIP;
	}
	seq_write(m, rec, n);
	return 0;
}

static const struct seq_operations kt_ops = {
	.start = kt_start,
	.next = kt_next,
	.stop = kt_stop,
	.show = kt_show,
};

/* The whole expected text, kmalloc'd; *len gets its length. */
static char *kt_expected(size_t *len)
{
	static char rec[6100];
	size_t total = 0;
	char *s;

	for (int i = 0; i < KT_RECORDS; i++)
		total += kt_record(rec, sizeof(rec), i);
	s = kmalloc(total + 1, GFP_KERNEL);
	if (!s)
		return NULL;
	*len = 0;
	for (int i = 0; i < KT_RECORDS; i++)
		*len += kt_record(s + *len, total + 1 - *len, i);
	return s;
}

/* Reads f to its end in chunk-byte reads into buf (cap bytes); the total or -errno. */
static ssize_t kt_read_all(struct file *f, char *buf, size_t cap, size_t chunk)
{
	size_t got = 0;

	for (;;) {
		ssize_t n = vfs_read(f, buf + got, min(chunk, cap - got));

		if (n < 0)
			return n;
		if (!n || got + n >= cap)
			return got + n;
		got += n;
	}
}

KTEST(seq_file_iterator_reads_seeks_and_grows)
{
	size_t len, cap;
	char *want = kt_expected(&len), *got = NULL;
	struct proc_dir_entry *e = NULL;
	struct file *f = NULL;
	static const s64 offs[] = { 0, 1, 17, 4095, 4096, 4097, 9000, 11000 };

	KT_ASSERT(t, want);
	cap = len + 64;
	got = kmalloc(cap, GFP_KERNEL);
	e = proc_create_seq("kt_seq", 0, NULL, &kt_ops);
	KT_EXPECT(t, got && e);
	if (!got || !e)
		goto out;
	KT_EXPECT(t, len > 2 * 4096 && len > 11100);

	KT_EXPECT_EQ(t, vfs_open("/proc/kt_seq", O_RDONLY, 0, &f), 0);
	if (!f)
		goto out;
	KT_EXPECT_EQ(t, kt_read_all(f, got, cap, 4096), (ssize_t)len);
	KT_EXPECT(t, !memcmp(got, want, len));
	KT_EXPECT_EQ(t, vfs_read(f, got, 10), 0);	/* at the end */

	/* From the start again, in pieces that split records everywhere. */
	KT_EXPECT_EQ(t, vfs_lseek(f, 0, SEEK_SET), 0);
	memset(got, 0, cap);
	KT_EXPECT_EQ(t, kt_read_all(f, got, cap, 7), (ssize_t)len);
	KT_EXPECT(t, !memcmp(got, want, len));

	/* Seeks re-run the iterator up to the offset. */
	for (size_t i = 0; i < ARRAY_SIZE(offs); i++) {
		ssize_t n;

		KT_EXPECT_EQ(t, vfs_lseek(f, offs[i], SEEK_SET), offs[i]);
		n = vfs_read(f, got, 100);
		KT_EXPECT_EQ(t, n, (ssize_t)min((size_t)100, len - (size_t)offs[i]));
		KT_EXPECT(t, n > 0 && !memcmp(got, want + offs[i], n));
	}
	KT_EXPECT_EQ(t, vfs_lseek(f, -50, SEEK_CUR), 11000 + 100 - 50);
	KT_EXPECT_EQ(t, vfs_read(f, got, 20), 20);
	KT_EXPECT(t, !memcmp(got, want + 11050, 20));
	KT_EXPECT_EQ(t, vfs_lseek(f, (s64)len - 3, SEEK_SET), (s64)len - 3);
	KT_EXPECT_EQ(t, vfs_read(f, got, 100), 3);
	KT_EXPECT_EQ(t, vfs_lseek(f, (s64)len + 10, SEEK_SET), (s64)len + 10);
	KT_EXPECT_EQ(t, vfs_read(f, got, 100), 0);
	KT_EXPECT_EQ(t, vfs_lseek(f, -1, SEEK_SET), -EINVAL);
	KT_EXPECT_EQ(t, vfs_lseek(f, 0, SEEK_END), -EINVAL);
	KT_EXPECT_EQ(t, kt_starts, kt_stops);
out:
	if (f)
		vfs_close(f);
	proc_remove(e);
	kfree(got);
	kfree(want);
}

/* ---- single_open with pde_data, and proc_create_seq_private's state ---- */

static int kt_single_show(struct seq_file *m, void *v)
{
	seq_printf(m, "data=%s v=%d\n", (const char *)m->private, v == SEQ_START_TOKEN);
	return 0;
}

static int kt_single_open(struct inode *inode, struct file *file)
{
	return single_open(file, kt_single_show, pde_data(inode));
}

static int kt_releases;

static int kt_single_release(struct inode *inode, struct file *file)
{
	kt_releases++;
	return single_release(inode, file);
}

static ssize_t kt_single_write(struct file *file, const char *buf, size_t len, loff_t *pos)
{
	struct seq_file *m = file->private_data;

	return m && len == 2 && !memcmp(buf, "hi", 2) ? (ssize_t)len : -EINVAL;
}

static const struct proc_ops kt_single_ops = {
	.proc_open = kt_single_open,
	.proc_read = seq_read,
	.proc_write = kt_single_write,
	.proc_lseek = seq_lseek,
	.proc_release = kt_single_release,
};

KTEST(seq_file_single_open_and_removal_with_open_file)
{
	struct kmalloc_stats before, after;
	struct proc_dir_entry *e;
	struct file *f = NULL, *w = NULL;
	char buf[64] = "";

	kmalloc_get_stats(&before);
	e = proc_create_data("kt_single", 0644, NULL, &kt_single_ops, "hello");
	KT_ASSERT(t, e);
	KT_EXPECT(t, !proc_create_data("kt_single", 0644, NULL, &kt_single_ops, NULL));
	KT_EXPECT_EQ(t, ktest_read_file("/proc/kt_single", buf, sizeof(buf)), 15);
	KT_EXPECT(t, !strcmp(buf, "data=hello v=1\n"));
	KT_EXPECT_EQ(t, kt_releases, 1);
	KT_EXPECT_EQ(t, vfs_open("/proc/kt_single", O_WRONLY, 0, &w), 0);
	if (w) {
		KT_EXPECT_EQ(t, vfs_write(w, "hi", 2), 2);
		KT_EXPECT_EQ(t, vfs_write(w, "no", 2), -EINVAL);
		vfs_close(w);
	}
	KT_EXPECT_EQ(t, kt_releases, 2);

	/* Removed while open: proc_remove runs the release, the close does not again. */
	KT_EXPECT_EQ(t, vfs_open("/proc/kt_single", O_RDONLY, 0, &f), 0);
	if (f)
		KT_EXPECT_EQ(t, vfs_read(f, buf, 5), 5);
	proc_remove(e);
	KT_EXPECT_EQ(t, kt_releases, 3);
	if (f) {
		KT_EXPECT_EQ(t, vfs_read(f, buf, 5), -EIO);
		KT_EXPECT_EQ(t, vfs_lseek(f, 0, SEEK_SET), -EIO);
		vfs_close(f);
	}
	KT_EXPECT_EQ(t, kt_releases, 3);
	KT_EXPECT_EQ(t, ktest_read_file("/proc/kt_single", buf, sizeof(buf)), -ENOENT);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}

struct kt_state {
	int shown;
	int zero_at_start;
};

static LIST_HEAD(kt_list);
struct kt_item {
	struct list_head node;
	const char *name;
};

static void *kt_priv_start(struct seq_file *m, loff_t *pos)
{
	struct kt_state *st = m->private;

	if (!*pos)
		st->zero_at_start = !st->shown;
	return seq_list_start_head(&kt_list, *pos);
}

static void *kt_priv_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &kt_list, pos);
}

static int kt_priv_show(struct seq_file *m, void *v)
{
	struct kt_state *st = m->private;

	if (v == &kt_list) {
		seq_printf(m, "items (zeroed %d, data %s):\n", st->zero_at_start,
			   (const char *)pde_data(file_inode(m->file)));
		return 0;
	}
	st->shown++;
	seq_escape(m, list_entry(v, struct kt_item, node)->name, " \\");
	seq_putc(m, '\n');
	return 0;
}

static void kt_priv_stop(struct seq_file *m, void *v)
{
}

static const struct seq_operations kt_priv_ops = {
	.start = kt_priv_start,
	.next = kt_priv_next,
	.stop = kt_priv_stop,
	.show = kt_priv_show,
};

static int kt_bprintf_show(struct seq_file *m, void *v)
{
	u32 bin[16];

	if (bprintf(bin, ARRAY_SIZE(bin), "%s=%d %llx", "n", -4, 0xabcdef012345ULL) > 16)
		return -EINVAL;
	seq_bprintf(m, "%s=%d %llx", bin);
	return 0;
}

KTEST(seq_file_private_state_list_and_escape)
{
	struct kt_item a = { .name = "one" }, b = { .name = "two words" }, c = { .name = "b\\s" };
	struct proc_dir_entry *e;
	char buf[128] = "", esc[16];

	list_add_tail(&a.node, &kt_list);
	list_add_tail(&b.node, &kt_list);
	list_add_tail(&c.node, &kt_list);
	e = proc_create_seq_private("kt_priv", 0, NULL, &kt_priv_ops, sizeof(struct kt_state),
				    "d");
	KT_EXPECT(t, e);
	if (e) {
		ssize_t n = ktest_read_file("/proc/kt_priv", buf, sizeof(buf) - 1);

		KT_EXPECT(t, n > 0);
		KT_EXPECT(t, !strcmp(buf, "items (zeroed 1, data d):\none\ntwo\\040words\nb\\134s\n"));
		proc_remove(e);
	}
	list_del(&a.node);
	list_del(&b.node);
	list_del(&c.node);

	{
		struct seq_file m = { 0 };

		KT_EXPECT_EQ(t, seq_run(&m, kt_bprintf_show, NULL, 4096), 0);
		KT_EXPECT(t, m.count == 17 && !memcmp(m.buf, "n=-4 abcdef012345", 17));
		seq_run_free(&m);
	}
	KT_EXPECT(t, seq_list_start(&kt_list, 0) == NULL);
	KT_EXPECT(t, seq_list_start_head(&kt_list, 0) == &kt_list);
	/* string_escape_mem counts the whole output even when it does not fit. */
	KT_EXPECT_EQ(t, string_escape_mem("a\nb", 3, esc, 2, ESCAPE_SPACE, NULL), 4);
	KT_EXPECT(t, !memcmp(esc, "a\\", 2));
}
