/*
 * System call handlers and the table (numbers: include/kelp/syscall.h,
 * Linux's). Each handler takes the caller's struct pt_regs (arguments in
 * di, si, dx, r10, r8, r9) and returns the result or a negative errno.
 * Every user pointer goes through uaccess (bad ones give -EFAULT); every
 * buffer taken for a call is freed before it returns.
 */
#include <kelp/export.h>
#include <kelp/syscall.h>
#include <kelp/process.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/mutex.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/version.h>

#define IO_MAX (1UL << 20)	/* largest single read or write */

/* Copies a user path into a kmalloc'd PATH_MAX buffer; ERR_PTR on failure. */
static char *getname(const char __user *upath)
{
	char *p = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!p)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(p, upath, PATH_MAX);
	if (n >= 0)
		return p;
	kfree(p);
	return ERR_PTR(n);
}

SYSCALL_DEFINE(read)
{
	size_t len = min((size_t)regs->dx, IO_MAX);
	void __user *ubuf = (void __user *)regs->si;
	char *buf;
	ssize_t n;

	if (!access_ok(ubuf, len))
		return -EFAULT;
	buf = kmalloc(len ? len : 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = sys_read(regs->di, buf, len);
	if (n > 0 && copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

SYSCALL_DEFINE(write)
{
	size_t len = regs->dx;
	char *buf;
	ssize_t n;

	if (len > IO_MAX)
		len = IO_MAX;
	buf = kmalloc(len ? len : 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = copy_from_user(buf, (const void __user *)regs->si, len);
	if (!n)
		n = sys_write(regs->di, buf, len);
	kfree(buf);
	return n;
}

SYSCALL_DEFINE(open)
{
	char *path = getname((const char __user *)regs->di);
	long ret;

	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = sys_open(path, regs->si, regs->dx);
	kfree(path);
	return ret;
}

SYSCALL_DEFINE(close)
{
	return sys_close(regs->di);
}


static long put_stat(const struct kstat *ks, void __user *ust)
{
	struct stat st = {
		.st_ino = ks->ino, .st_nlink = ks->nlink, .st_mode = ks->mode, .st_rdev = ks->rdev,
		.st_size = ks->size, .st_blksize = PAGE_SIZE,
		.st_blocks = (ks->size + 511) / 512,
	};

	return copy_to_user(ust, &st, sizeof(st));
}

SYSCALL_DEFINE(stat)
{
	char *path = getname((const char __user *)regs->di);
	struct kstat ks;
	long ret;

	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = vfs_stat(path, &ks);
	kfree(path);
	return ret ? ret : put_stat(&ks, (void __user *)regs->si);
}

SYSCALL_DEFINE(fstat)
{
	struct kstat ks;
	long ret = sys_fstat(regs->di, &ks);

	return ret ? ret : put_stat(&ks, (void __user *)regs->si);
}

SYSCALL_DEFINE(lseek)
{
	return sys_lseek(regs->di, regs->si, regs->dx);
}

/* One path argument and a VFS operation on it. */
static long path_op(const struct pt_regs *regs, int (*op)(const char *path))
{
	char *path = getname((const char __user *)regs->di);
	long ret;

	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = op(path);
	kfree(path);
	return ret;
}

static int mkdir_mode(const char *path)
{
	return vfs_mkdir(path, 0755);
}

SYSCALL_DEFINE(mkdir)
{
	return path_op(regs, mkdir_mode);
}

SYSCALL_DEFINE(rmdir)
{
	return path_op(regs, vfs_rmdir);
}

SYSCALL_DEFINE(unlink)
{
	return path_op(regs, vfs_unlink);
}

SYSCALL_DEFINE(chdir)
{
	return path_op(regs, vfs_chdir);
}

SYSCALL_DEFINE(getcwd)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t n;
	long ret;

	if (!buf)
		return -ENOMEM;
	ret = vfs_getcwd(buf, PATH_MAX);
	n = strlen(buf) + 1;
	if (!ret && n > regs->si)
		ret = -ERANGE;
	if (!ret)
		ret = copy_to_user((void __user *)regs->di, buf, n) ?: (long)n;
	kfree(buf);
	return ret;
}


/* Fills the user buffer with as many entries as fit; returns the bytes used. */
SYSCALL_DEFINE(getdents64)
{
	struct file *f = fd_lookup(regs->di);
	size_t len = min((size_t)regs->dx, (size_t)65536), used = 0;
	struct dirent_info *d;
	char *buf;
	long ret = 0;

	if (!f)
		return -EBADF;
	buf = kmalloc(len ? len : 1, GFP_KERNEL);
	d = kmalloc(sizeof(*d), GFP_KERNEL);
	if (!buf || !d) {
		ret = -ENOMEM;
		goto out;
	}
	while ((ret = vfs_getdents(f, d)) > 0) {
		size_t nl = strlen(d->name), rec = ALIGN_UP(sizeof(struct linux_dirent64) + nl + 1, 8);
		struct linux_dirent64 *e = (void *)(buf + used);

		if (used + rec > len) {
			f->pos--;	/* not returned: the next call starts with it */
			break;
		}
		e->d_ino = d->ino;
		e->d_off = f->pos;
		e->d_reclen = rec;
		e->d_type = S_ISDIR(d->mode) ? 4 : 8;	/* DT_DIR, DT_REG */
		memcpy(e->d_name, d->name, nl + 1);
		used += rec;
	}
	if (ret > 0 && !used)
		ret = -EINVAL;	/* the buffer cannot hold one entry */
	else if (ret >= 0)
		ret = copy_to_user((void __user *)regs->si, buf, used) ?: (long)used;
out:
	kfree(buf);
	kfree(d);
	return ret;
}

SYSCALL_DEFINE(dup)
{
	return sys_dup(regs->di);
}

SYSCALL_DEFINE(dup2)
{
	return sys_dup2(regs->di, regs->si);
}

/*
 * The heap: [start_brk, brk) within USER_BRK_MAX. Growing maps zeroed pages
 * up to the new break (heap_end is how far pages are mapped); shrinking
 * moves the break only, the pages stay until exit. Returns the new break,
 * or the old one when the request is refused or memory runs out.
 */
SYSCALL_DEFINE(brk)
{
	struct mm *mm = current->mm;
	unsigned long want = regs->di;

	if (want < mm->start_brk || want > mm->start_brk + USER_BRK_MAX)
		return mm->brk;
	while (mm->heap_end < want) {
		void *page = page_alloc_zeroed(1);

		if (!page)
			return mm->brk;
		if (paging_map_user(mm, mm->heap_end, virt_to_phys(page),
				    PTE_WRITE | (cpu_has_nx ? PTE_NX : 0))) {
			page_free(page, 1);
			return mm->brk;
		}
		mm->pages++;
		mm->heap_end += PAGE_SIZE;
	}
	mm->brk = want;
	return mm->brk;
}


/*
 * Sleeps until the TSC clock reaches end. A signal (a kill, or livepatch's
 * fake signal) ends the sleep with -ERESTART_RESTARTBLOCK: a killed
 * process dies on its way out, anything else comes back through
 * restart_syscall and sleeps on to the same end (Linux's hrtimer_nanosleep
 * restart), never seeing EINTR.
 */
static long nanosleep_restart(struct restart_block *rb);

/*
 * The longest wait between two looks at the clock. jiffies counts timer
 * interrupts, and a loaded host (QEMU) drops some, so a wait of n jiffies
 * can last well over n ms: a `sleep 4` restarted after livepatch's fake
 * signal ended a second late under load in one 3000-jiffy wait.
 */
#define NANOSLEEP_MAX_WAIT (HZ / 20)

/* See syscall.h. */
long nanosleep_until(u64 end)
{
	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= end)
			return 0;
		if (signal_pending(current)) {
			current->restart_block.fn = nanosleep_restart;
			current->restart_block.expires = end;
			return -ERESTART_RESTARTBLOCK;
		}
		schedule_timeout_interruptible(min((end - now) / (NSEC_PER_SEC / HZ) + 1,
						   (u64)NANOSLEEP_MAX_WAIT));
	}
}
EXPORT_SYMBOL_FOR_KTEST(nanosleep_until);

static long nanosleep_restart(struct restart_block *rb)
{
	return nanosleep_until(rb->expires);
}

SYSCALL_DEFINE(nanosleep)
{
	struct timespec ts;

	if (copy_from_user(&ts, (const void __user *)regs->di, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec > 100000000)
		ts.tv_sec = 100000000;
	/* Ends by the TSC clock, as msleep: late tick bursts cannot end it early. */
	return nanosleep_until(ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
}

/*
 * clock_gettime(clockid, tp): the time since boot for CLOCK_MONOTONIC and
 * CLOCK_BOOTTIME (one clock here: Kelp does not suspend), -EINVAL for the
 * others (no wall clock).
 */
SYSCALL_DEFINE(clock_gettime)
{
	u64 ns = ktime_get_ns();
	struct timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	if (regs->di != CLOCK_MONOTONIC && regs->di != CLOCK_BOOTTIME)
		return -EINVAL;
	if (copy_to_user((void __user *)regs->si, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/*
 * restart_syscall: what the exit path runs in place of a call that
 * returned -ERESTART_RESTARTBLOCK (see syscall_64.c). Called directly, or
 * with nothing to finish, -EINTR as Linux's do_no_restart_syscall.
 */
SYSCALL_DEFINE(restart_syscall)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *rb) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

/* Only the console's TIOCSPGRP/TIOCGPGRP (the shell's foreground program). */
SYSCALL_DEFINE(ioctl)
{
	struct file *f = fd_lookup(regs->di);

	return f ? console_ioctl(f, regs->si, regs->dx) : -EBADF;
}

SYSCALL_DEFINE(sched_yield)
{
	yield();
	return 0;
}

/* getpid: named as Linux's so that a Linux-style live patch can replace it. */
noinline long __x64_sys_getpid(const struct pt_regs *regs)
{
	return current->pid;
}

SYSCALL_DEFINE(getppid)
{
	struct task *p = READ_ONCE(current->real_parent);

	return p ? p->pid : 0;
}

__noreturn SYSCALL_DEFINE(exit)
{
	process_exit_status((regs->di & 0xff) << 8);
}

SYSCALL_DEFINE(wait4)
{
	int status = 0;
	long ret = process_wait(regs->di, &status, regs->dx);

	if (ret > 0 && regs->si && copy_to_user((void __user *)regs->si, &status, sizeof(status)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE(kill)
{
	return process_kill(regs->di, regs->si);
}


SYSCALL_DEFINE(uname)
{
	struct utsname u = { 0 };

	strlcpy(u.sysname, KELP_SYSNAME, sizeof(u.sysname));
	strlcpy(u.nodename, KELP_NODENAME, sizeof(u.nodename));
	strlcpy(u.release, KELP_RELEASE, sizeof(u.release));
	strlcpy(u.version, KELP_VERSION, sizeof(u.version));
	strlcpy(u.machine, KELP_MACHINE, sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user((void __user *)regs->di, &u, sizeof(u));
}

/* syslog(2) actions (include/linux/syslog.h). */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_SIZE_BUFFER 10

struct syslog_buf {
	char *buf;
	size_t len, cap;
};

static void syslog_emit(const char *line, size_t len, void *arg)
{
	struct syslog_buf *b = arg;

	if (b->len + len > b->cap)
		return;		/* whole lines only */
	memcpy(b->buf + b->len, line, len);
	b->len += len;
}

/* Reads the log as dmesg prints it ("[    1.234567] text\n" lines). */
SYSCALL_DEFINE(syslog)
{
	int type = regs->di;
	struct syslog_buf b = { .cap = min((size_t)regs->dx, (size_t)(256 * 1024)) };
	long ret;

	if (type == SYSLOG_ACTION_SIZE_BUFFER)
		return 256 * 1024;
	if (type == SYSLOG_ACTION_CLEAR) {
		printk_log_clear();
		return 0;
	}
	if (type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_READ_CLEAR)
		return -EINVAL;
	if (!access_ok((void __user *)regs->si, b.cap))
		return -EFAULT;
	b.buf = kmalloc(b.cap ? b.cap : 1, GFP_KERNEL);
	if (!b.buf)
		return -ENOMEM;
	printk_log_for_each(syslog_emit, &b);
	ret = copy_to_user((void __user *)regs->si, b.buf, b.len) ?: (long)b.len;
	kfree(b.buf);
	if (ret >= 0 && type == SYSLOG_ACTION_READ_CLEAR)
		printk_log_clear();
	return ret;
}

SYSCALL_DEFINE(kelp_spawn)
{
	struct exec_args args;
	char *path = getname((const char __user *)regs->di);
	struct task *child = NULL;
	long ret;

	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = exec_args_init(&args);
	if (!ret)
		ret = exec_args_add_user(&args, (const char *const *)regs->si, false);
	if (!ret)
		ret = exec_args_add_user(&args, (const char *const *)regs->dx, true);
	if (!ret)
		ret = process_spawn(path, &args, &child);
	exec_args_free(&args);
	kfree(path);
	if (child)
		process_start(child);
	return ret;
}

/*
 * reboot(magic1, magic2, cmd, arg): Linux's checks (both magic numbers, or
 * -EINVAL) and two of its commands, power off and restart; neither returns.
 * Other commands are -EINVAL. Any process may call it (no capabilities).
 */
SYSCALL_DEFINE(reboot)
{
	if ((u32)regs->di != LINUX_REBOOT_MAGIC1 || (u32)regs->si != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch ((u32)regs->dx) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("reboot: Power down\n");
		machine_power_off();
	case LINUX_REBOOT_CMD_RESTART:
		pr_emerg("reboot: Restarting system\n");
		machine_restart();
	default:
		return -EINVAL;
	}
}

/* kernel/module/syscall.c */
long __x64_sys_init_module(const struct pt_regs *regs);
long __x64_sys_finit_module(const struct pt_regs *regs);
long __x64_sys_delete_module(const struct pt_regs *regs);

#define SC(nr, name) [__NR_##nr] = __x64_sys_##name

/* See syscall.h. Holes give -ENOSYS. */
const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
	SC(read, read),
	SC(write, write),
	SC(open, open),
	SC(close, close),
	SC(stat, stat),
	SC(fstat, fstat),
	SC(lseek, lseek),
	SC(brk, brk),
	SC(ioctl, ioctl),
	SC(dup, dup),
	SC(dup2, dup2),
	SC(nanosleep, nanosleep),
	SC(sched_yield, sched_yield),
	SC(getpid, getpid),
	SC(exit, exit),
	SC(wait4, wait4),
	SC(kill, kill),
	SC(uname, uname),
	SC(getcwd, getcwd),
	SC(chdir, chdir),
	SC(mkdir, mkdir),
	SC(rmdir, rmdir),
	SC(unlink, unlink),
	SC(syslog, syslog),
	SC(getppid, getppid),
	SC(reboot, reboot),
	SC(init_module, init_module),
	SC(delete_module, delete_module),
	SC(getdents64, getdents64),
	SC(restart_syscall, restart_syscall),
	SC(clock_gettime, clock_gettime),
	SC(exit_group, exit),
	SC(finit_module, finit_module),
	SC(kelp_spawn, kelp_spawn),
};
