/*
 * /dev/kmsg (1:11, 0644), as Linux's: each read() returns one log record
 * as "priority,seq,usec,-;text\n" (kernel/printk.c formats it), -EINVAL
 * if the buffer cannot hold it, -EPIPE once when records the reader had
 * not seen were overwritten, -EAGAIN at the end with O_NONBLOCK (else it
 * sleeps until a record arrives). lseek takes offset 0 with SEEK_SET (the
 * oldest record), SEEK_DATA (the first after dmesg -C) or SEEK_END. Each
 * write() is one record, with an optional "<N>" syslog priority prefix.
 * dmesg (userland/bin/dmesg.c) reads the log here.
 */
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/wait.h>

#define KMSG_WRITE_MAX 1024	/* Linux's PRINTKRB_RECORD_MAX: longer writes get -EINVAL */
#define KMSG_DEFAULT_LEVEL 4	/* Linux's default_message_loglevel */
#define KMSG_FACILITY_USER 1	/* LOG_USER */

/*
 * Readers poll for new records once per tick rather than being woken by
 * printk: printk runs in any context, the scheduler's own included, where
 * a wake-up could deadlock (Linux defers it through irq_work; Kelp has
 * no such deferral). Nothing is ever woken on this queue.
 */
static DECLARE_WAIT_QUEUE_HEAD(kmsg_wait);

struct kmsg_user {
	struct kmsg_iter it;
	char buf[KMSG_RECORD_MAX];
};

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_user *u;

	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return 0;	/* a writer needs no reader state, as Linux */
	u = kmalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return -ENOMEM;
	kmsg_iter_seek(&u->it, KMSG_SEEK_FIRST);
	f->private = u;
	return 0;
}

static int kmsg_release(struct inode *inode, struct file *f)
{
	kfree(f->private);
	return 0;
}

static ssize_t kmsg_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct kmsg_user *u = f->private;
	struct kmsg_iter before;
	ssize_t n;

	if (!u)
		return -EBADF;
	for (;;) {
		before = u->it;
		n = kmsg_iter_read(&u->it, u->buf, sizeof(u->buf));
		if (n != -EAGAIN || (f->flags & O_NONBLOCK))
			break;
		if (wait_event_interruptible_timeout(kmsg_wait, kmsg_iter_ready(&u->it), 1) ==
		    -ERESTARTSYS)
			return -ERESTARTSYS;
	}
	if (n < 0)
		return n;
	if ((size_t)n > len) {
		u->it = before;	/* Linux: the record stays for a larger buffer */
		return -EINVAL;
	}
	memcpy(buf, u->buf, n);
	return n;
}

static ssize_t kmsg_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	int facility = KMSG_FACILITY_USER, level = KMSG_DEFAULT_LEVEL;
	size_t skip;

	if (len > KMSG_WRITE_MAX)
		return -EINVAL;
	skip = kmsg_parse_prio(buf, len, &facility, &level);
	kmsg_store(facility, level, buf + skip, len - skip);
	return len;
}

static s64 kmsg_llseek(struct file *f, s64 off, int whence)
{
	struct kmsg_user *u = f->private;

	if (!u)
		return -EBADF;
	if (off)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		kmsg_iter_seek(&u->it, KMSG_SEEK_FIRST);
		return 0;
	case SEEK_DATA:
		kmsg_iter_seek(&u->it, KMSG_SEEK_CLEAR);
		return 0;
	case SEEK_END:
		kmsg_iter_seek(&u->it, KMSG_SEEK_END);
		return 0;
	default:
		return -EINVAL;
	}
}

static const struct file_operations kmsg_fops = {
	.open = kmsg_open,
	.read = kmsg_read,
	.write = kmsg_write,
	.release = kmsg_release,
	.llseek = kmsg_llseek,
};

/* See fs.h. */
void kmsg_dev_init(void)
{
	if (devtmpfs_create("kmsg", 0644, 1, 11, &kmsg_fops, NULL))
		pr_err("kmsg: cannot create /dev/kmsg\n");
}
