/*
 * The console as a file: descriptors 0, 1 and 2 of init (and so of every
 * process) are opened here. Input is raw bytes from COM1's receive ring
 * (one consumer: the shell in the foreground); output goes through
 * console_write like the kernel's own messages, so they interleave by line.
 * The shell names its foreground program with ioctl(TIOCSPGRP) (there are
 * no process groups: the pid); a Ctrl-C arriving while one is set kills it
 * with SIGINT instead of reaching the input. /dev/console and /dev/ttyS0
 * open the same console; /dev/ttyS1 writes to COM2, whose input belongs to
 * the live-upload channel (kernel/module/upload.c).
 */
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/uart.h>
#include <kelp/wait.h>
#include <kelp/process.h>
#include <kelp/signal.h>
#include <kelp/time.h>
#include <kelp/uaccess.h>

static int console_fg_pid;	/* the foreground program, 0 if none */

/* The UART IRQ's filter: Ctrl-C interrupts the foreground program. */
static bool console_rx_filter(u8 c)
{
	int pid = READ_ONCE(console_fg_pid);

	if (c != 0x03 || !pid)
		return false;
	process_kill_code(pid, SIGINT, SI_KERNEL);
	return true;
}

static ssize_t console_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct uart_port *p = &uart_com1;
	size_t n = 0;
	int c;

	if (!len)
		return 0;
	boot_mark_prompt();
	while ((c = uart_getc(p)) < 0) {
		if (wait_event_interruptible(p->rx_wait, p->rx_head != p->rx_tail))
			return -ERESTARTSYS;	/* killed, or restarted: syscall_64.c */
	}
	do {
		buf[n++] = c;
	} while (n < len && (c = uart_getc(p)) >= 0);
	return n;
}

static ssize_t console_file_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	console_write(buf, len);
	return len;
}

static const struct file_operations console_fops = {
	.read = console_read,
	.write = console_file_write,
};

/* See fs.h. */
struct file *console_open(void)
{
	struct inode *inode = inode_alloc(0020620, NULL, &console_fops);	/* crw--w---- */
	struct file *f = inode ? kzalloc(sizeof(*f), GFP_KERNEL) : NULL;

	if (!f) {
		iput(inode);
		return NULL;
	}
	*f = (struct file){ .inode = inode, .flags = O_RDWR, .refcount = 1, .f_op = &console_fops };
	uart_com1.rx_filter = console_rx_filter;
	return f;
}

/* See fs.h. */
int console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	int pid;

	if (f->f_op != &console_fops)
		return -ENOTTY;
	switch (cmd) {
	case TIOCGPGRP:
		pid = READ_ONCE(console_fg_pid);
		return copy_to_user((void __user *)arg, &pid, sizeof(pid));
	case TIOCSPGRP:
		if (copy_from_user(&pid, (const void __user *)arg, sizeof(pid)))
			return -EFAULT;
		if (pid < 0)
			return -EINVAL;
		WRITE_ONCE(console_fg_pid, pid);
		return 0;
	case TIOCGWINSZ: {
		/* a serial line has no size: the VT100 default, as isatty() and musl's stdio ask */
		u16 ws[4] = { 24, 80, 0, 0 };

		return copy_to_user((void __user *)arg, ws, sizeof(ws));
	}
	case TCGETS: {
		/* Linux's struct termios: iflag, oflag, cflag, lflag, line, cc[19] */
		u32 tio[9] = { 0x100 /* ICRNL */, 0x5 /* OPOST|ONLCR */,
			       0x18b2 /* B115200|CS8|CREAD|CLOCAL */, 0x1 /* ISIG: Ctrl-C */ };

		((u8 *)tio)[17 + 0] = 0x03;	/* VINTR: Ctrl-C */
		return copy_to_user((void __user *)arg, tio, 36);
	}
	default:
		return -ENOTTY;
	}
}

/* COM2's input is the upload channel's (its only consumer): not readable here. */
static ssize_t ttys1_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	return -EBUSY;
}

static ssize_t ttys1_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	uart_write(&uart_com2, buf, len);
	return len;
}

static const struct file_operations ttys1_fops = {
	.read = ttys1_read,
	.write = ttys1_write,
};

/* See fs.h. Linux's numbers: console 5:1, ttyS0 4:64, ttyS1 4:65. */
void console_dev_init(void)
{
	if (devtmpfs_create("console", 0600, 5, 1, &console_fops, NULL) ||
	    devtmpfs_create("ttyS0", 0660, 4, 64, &console_fops, NULL) ||
	    devtmpfs_create("ttyS1", 0660, 4, 65, &ttys1_fops, NULL))
		pr_err("console: cannot create /dev/console, /dev/ttyS0 and /dev/ttyS1\n");
}
