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
#include <kelp/smp.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/version.h>
#include <kelp/x86.h>

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

#define UIO_MAXIOV 1024

struct iovec_k {
	void __user *base;
	size_t len;
};

/*
 * The iovec array of readv/writev, copied in and checked: at most
 * UIO_MAXIOV entries (-EINVAL), every buffer a user range (-EFAULT), a
 * total that fits ssize_t (-EINVAL). Returns the kmalloc'd array or an
 * ERR_PTR; *total gets the sum, capped at IO_MAX.
 */
static struct iovec_k *iov_get(const struct pt_regs *regs, size_t *total)
{
	unsigned long cnt = regs->dx;
	struct iovec_k *iov;
	size_t sum = 0;

	if (cnt > UIO_MAXIOV)
		return ERR_PTR(-EINVAL);
	iov = kmalloc(cnt ? cnt * sizeof(*iov) : 1, GFP_KERNEL);
	if (!iov)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(iov, (const void __user *)regs->si, cnt * sizeof(*iov))) {
		kfree(iov);
		return ERR_PTR(-EFAULT);
	}
	for (unsigned long i = 0; i < cnt; i++) {
		if ((ssize_t)iov[i].len < 0 || iov[i].len > (size_t)(~0UL >> 1) - sum) {
			kfree(iov);
			return ERR_PTR(-EINVAL);
		}
		if (!access_ok(iov[i].base, iov[i].len)) {
			kfree(iov);
			return ERR_PTR(-EFAULT);
		}
		sum += iov[i].len;
	}
	*total = min(sum, IO_MAX);
	return iov;
}

/*
 * writev(fd, iov, cnt): the buffers are gathered into one kernel buffer
 * and written with one vfs write, as write(2) of the whole: a sysfs store
 * sees the whole value even when musl's stdio hands it over in two pieces.
 */
SYSCALL_DEFINE(writev)
{
	size_t total = 0, off = 0;
	struct iovec_k *iov = iov_get(regs, &total);
	char *buf;
	ssize_t n = 0;

	if (IS_ERR(iov))
		return PTR_ERR(iov);
	buf = kmalloc(total ? total : 1, GFP_KERNEL);
	if (!buf) {
		kfree(iov);
		return -ENOMEM;
	}
	for (unsigned long i = 0; i < regs->dx && off < total && !n; i++) {
		size_t c = min(iov[i].len, total - off);

		n = copy_from_user(buf + off, iov[i].base, c);
		off += c;
	}
	if (!n)
		n = sys_write(regs->di, buf, total);
	kfree(buf);
	kfree(iov);
	return n;
}

/* readv(fd, iov, cnt): one read of the total, scattered into the buffers in order. */
SYSCALL_DEFINE(readv)
{
	size_t total = 0, off = 0;
	struct iovec_k *iov = iov_get(regs, &total);
	char *buf;
	ssize_t n;

	if (IS_ERR(iov))
		return PTR_ERR(iov);
	buf = kmalloc(total ? total : 1, GFP_KERNEL);
	if (!buf) {
		kfree(iov);
		return -ENOMEM;
	}
	n = sys_read(regs->di, buf, total);
	for (unsigned long i = 0; i < regs->dx && n > 0 && off < (size_t)n; i++) {
		size_t c = min(iov[i].len, (size_t)n - off);

		if (copy_to_user(iov[i].base, buf + off, c)) {
			n = -EFAULT;
			break;
		}
		off += c;
	}
	kfree(buf);
	kfree(iov);
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

/* lstat(path, st): stat of a final symbolic link itself. */
SYSCALL_DEFINE(lstat)
{
	char *path = getname((const char __user *)regs->di);
	struct kstat ks;
	long ret;

	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = vfs_lstat(path, &ks);
	kfree(path);
	return ret ? ret : put_stat(&ks, (void __user *)regs->si);
}

/*
 * readlink(path, buf, bufsiz): the link's target, not NUL-terminated,
 * cut to bufsiz bytes; returns the bytes written. -EINVAL for bufsiz <= 0
 * or a path that is not a symbolic link, as Linux.
 */
SYSCALL_DEFINE(readlink)
{
	int bufsiz = (int)regs->dx;
	char *path, *target;
	long ret;

	if (bufsiz <= 0)
		return -EINVAL;
	path = getname((const char __user *)regs->di);
	if (IS_ERR(path))
		return PTR_ERR(path);
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	ret = target ? vfs_readlink(path, target, PATH_MAX) : -ENOMEM;
	if (ret >= 0) {
		ret = min((long)bufsiz, ret);
		if (copy_to_user((void __user *)regs->si, target, ret))
			ret = -EFAULT;
	}
	kfree(target);
	kfree(path);
	return ret;
}

/*
 * access(path, mode): 0 if the file exists (F_OK). Everything runs as
 * root, so R_OK and W_OK always hold, and X_OK needs an execute bit or a
 * directory, as Linux's for root. -EINVAL for other mode bits, the
 * lookup's error otherwise.
 */
SYSCALL_DEFINE(access)
{
	char *path;
	struct kstat ks;
	long ret;

	if (regs->si & ~7UL)
		return -EINVAL;
	path = getname((const char __user *)regs->di);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = vfs_stat(path, &ks);
	kfree(path);
	if (!ret && (regs->si & 1) && !S_ISDIR(ks.mode) && !(ks.mode & 0111))
		ret = -EACCES;
	return ret;
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
		e->d_type = S_ISDIR(d->mode) ? 4 : S_ISLNK(d->mode) ? 10 : 8;	/* DT_DIR, DT_LNK, DT_REG */
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

#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3

/*
 * fcntl(fd, cmd, arg): F_GETFD (no descriptor flags kept: 0), F_SETFD
 * (accepted; FD_CLOEXEC has no exec to act on: spawn passes every
 * descriptor), F_GETFL (the open flags); -EBADF for a closed fd, -EINVAL
 * for other commands. musl's fstat and open(O_CLOEXEC) call it.
 */
SYSCALL_DEFINE(fcntl)
{
	struct file *f = fd_lookup(regs->di);

	if (!f)
		return -EBADF;
	switch (regs->si) {
	case F_GETFD:
	case F_SETFD:
		return 0;
	case F_GETFL:
		return f->flags;
	default:
		return -EINVAL;
	}
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
	u64 end;
	long ret;

	if (copy_from_user(&ts, (const void __user *)regs->di, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec > 100000000)
		ts.tv_sec = 100000000;
	/* Ends by the TSC clock, as msleep: late tick bursts cannot end it early. */
	end = ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	ret = nanosleep_until(end);
	if (ret == -ERESTART_RESTARTBLOCK && regs->si) {
		/* as Linux: the time left is written now, for a handler's -EINTR */
		u64 now = ktime_get_ns(), left = end > now ? end - now : 0;
		struct timespec rem = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

		if (copy_to_user((void __user *)regs->si, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return ret;
}

/*
 * The clocks: Kelp has one, ktime_get_ns() (the TSC since boot), and does
 * not suspend. CLOCK_REALTIME and CLOCK_TAI read it too: with no battery
 * clock the wall clock starts at the epoch at boot, as Linux's does on a
 * machine without an RTC. The coarse clocks are it rounded down to the
 * tick. Kelp keeps no per-task CPU time, so the CPU-time clocks (2, 3 and
 * the negative per-pid ids) are -EINVAL, as an unknown clock.
 * Returns the reading in *ns, or -EINVAL.
 */
static int clock_read(unsigned long clk, u64 *ns)
{
	u64 now = ktime_get_ns();

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		*ns = now;
		return 0;
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		*ns = now - now % (NSEC_PER_SEC / HZ);
		return 0;
	default:
		return -EINVAL;
	}
}

/* clock_gettime(clockid, tp): see clock_read(); -EFAULT for a bad tp. */
SYSCALL_DEFINE(clock_gettime)
{
	struct timespec ts;
	u64 ns;

	if (clock_read(regs->di, &ns))
		return -EINVAL;
	ts = (struct timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
	if (copy_to_user((void __user *)regs->si, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/* clock_getres(clockid, res): 1 ns, a tick for the coarse clocks; res may be NULL. */
SYSCALL_DEFINE(clock_getres)
{
	struct timespec ts = { 0, 1 };
	u64 ns;

	if (clock_read(regs->di, &ns))
		return -EINVAL;
	if (regs->di == CLOCK_REALTIME_COARSE || regs->di == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = NSEC_PER_SEC / HZ;
	if (regs->si && copy_to_user((void __user *)regs->si, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/*
 * clock_nanosleep(clockid, flags, req, rem): nanosleep on REALTIME,
 * MONOTONIC, BOOTTIME or TAI (all one clock here), to an absolute time
 * with TIMER_ABSTIME. Interrupted, a relative sleep restarts to the same
 * end or, under a handler, fails with EINTR and the time left in rem, as
 * nanosleep; an absolute one restarts with its own arguments
 * (-ERESTARTNOHAND) and never writes rem, as Linux's.
 */
SYSCALL_DEFINE(clock_nanosleep)
{
	unsigned long clk = regs->di;
	struct timespec ts;
	u64 now = ktime_get_ns(), end, req;
	long ret;

	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_BOOTTIME &&
	    clk != CLOCK_TAI)
		return -EINVAL;
	if (copy_from_user(&ts, (const void __user *)regs->dx, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec > 100000000)
		ts.tv_sec = 100000000;
	req = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (regs->si & TIMER_ABSTIME) {
		ret = nanosleep_until(req);
		return ret == -ERESTART_RESTARTBLOCK ? -ERESTARTNOHAND : ret;
	}
	end = now + req;
	ret = nanosleep_until(end);
	if (ret == -ERESTART_RESTARTBLOCK && regs->r10) {
		u64 left = end > (now = ktime_get_ns()) ? end - now : 0;
		struct timespec rem = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

		if (copy_to_user((void __user *)regs->r10, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return ret;
}

/*
 * getrandom(buf, len, flags): bytes from the TSC through a mixer
 * (splitmix64), as the 16 AT_RANDOM bytes of exec. Not cryptographic:
 * Kelp has no entropy pool, so nothing ever blocks and GRND_RANDOM and
 * GRND_NONBLOCK change nothing. At most 1 MiB per call (Linux too may
 * return fewer bytes than asked). -EINVAL for unknown flags or
 * GRND_INSECURE with GRND_RANDOM, -EFAULT for a bad buffer.
 */
#define GETRANDOM_MAX (1UL << 20)

SYSCALL_DEFINE(getrandom)
{
	static u64 state;
	unsigned long len = min(regs->si, GETRANDOM_MAX), done = 0;
	unsigned int flags = regs->dx;

	if (regs->dx & ~(unsigned long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	while (done < len) {
		u64 v[8];
		unsigned long n = min(len - done, (unsigned long)sizeof(v));

		for (int i = 0; i < 8; i++) {
			/* the add is atomic so that two CPUs never draw the same stream */
			u64 z = __atomic_add_fetch(&state, rdtsc() | 1, __ATOMIC_RELAXED) +
				0x9e3779b97f4a7c15ULL;

			z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
			z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
			v[i] = z ^ (z >> 31);
		}
		if (copy_to_user((void __user *)(regs->di + done), v, n))
			return done ? (long)done : -EFAULT;
		done += n;
		if (done < len && signal_pending(current))
			return done;	/* as Linux: a long read stops at a signal */
	}
	return done;
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

/* The task pid names (0: the caller), with a reference, or NULL. */
static struct task *affinity_task(int pid)
{
	if (!pid) {
		get_task_struct(current);
		return current;
	}
	return pid > 0 ? find_get_task_by_pid(pid) : NULL;
}

/*
 * sched_setaffinity(pid, len, mask): the first 8 bytes of the user's mask
 * (CPUs 0-63; NR_CPUS is 64). -EINVAL if no CPU of it is online, or for an
 * idle task; -ESRCH, -EFAULT.
 */
SYSCALL_DEFINE(sched_setaffinity)
{
	u64 mask = 0;
	struct task *t;
	size_t len = regs->si < sizeof(mask) ? regs->si : sizeof(mask);
	long err;

	if (copy_from_user(&mask, (const void __user *)regs->dx, len))
		return -EFAULT;
	t = affinity_task((int)regs->di);
	if (!t)
		return -ESRCH;
	err = is_idle_task(t) ? -EINVAL : set_cpus_allowed(t, mask);
	put_task_struct(t);
	return err;
}

/* sched_getaffinity(pid, len, mask): writes 8 bytes, returns 8 (Linux: the mask's size). */
SYSCALL_DEFINE(sched_getaffinity)
{
	u64 mask;
	struct task *t;

	if (regs->si < sizeof(mask) || (regs->si & (sizeof(long) - 1)))
		return -EINVAL;
	t = affinity_task((int)regs->di);
	if (!t)
		return -ESRCH;
	mask = READ_ONCE(t->cpus_allowed) & cpu_possible_mask;
	put_task_struct(t);
	if (copy_to_user((void __user *)regs->dx, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

/* getpid: named as Linux's so that a Linux-style live patch can replace it. */
noinline long __x64_sys_getpid(const struct pt_regs *regs)
{
	return current->pid;
}

/* The process has one thread: its tid is its pid. */
SYSCALL_DEFINE(gettid)
{
	return current->pid;
}

/* Every process runs as root: uid, euid, gid and egid are 0. */
SYSCALL_DEFINE(getuid)
{
	return 0;
}

/*
 * set_tid_address(ptr): musl's start-up records where its thread id lives.
 * Kept (a thread library would have it cleared at exit); returns the tid.
 */
SYSCALL_DEFINE(set_tid_address)
{
	current->mm->clear_child_tid = regs->di;
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

/* kernel/process/signal.c, kernel/mm/mmap.c, kernel/x86_64/fpu.c */
long __x64_sys_rt_sigaction(const struct pt_regs *regs);
long __x64_sys_rt_sigprocmask(const struct pt_regs *regs);
long __x64_sys_rt_sigreturn(const struct pt_regs *regs);
long __x64_sys_rt_sigpending(const struct pt_regs *regs);
long __x64_sys_rt_sigsuspend(const struct pt_regs *regs);
long __x64_sys_pause(const struct pt_regs *regs);
long __x64_sys_sigaltstack(const struct pt_regs *regs);
long __x64_sys_tkill(const struct pt_regs *regs);
long __x64_sys_tgkill(const struct pt_regs *regs);
long __x64_sys_mmap(const struct pt_regs *regs);
long __x64_sys_munmap(const struct pt_regs *regs);
long __x64_sys_mprotect(const struct pt_regs *regs);
long __x64_sys_madvise(const struct pt_regs *regs);
long __x64_sys_arch_prctl(const struct pt_regs *regs);

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
	SC(lstat, lstat),
	SC(lseek, lseek),
	SC(access, access),
	SC(mmap, mmap),
	SC(mprotect, mprotect),
	SC(munmap, munmap),
	SC(brk, brk),
	SC(rt_sigaction, rt_sigaction),
	SC(rt_sigprocmask, rt_sigprocmask),
	SC(rt_sigreturn, rt_sigreturn),
	SC(rt_sigpending, rt_sigpending),
	SC(rt_sigsuspend, rt_sigsuspend),
	SC(pause, pause),
	SC(sigaltstack, sigaltstack),
	SC(ioctl, ioctl),
	SC(readv, readv),
	SC(writev, writev),
	SC(madvise, madvise),
	SC(fcntl, fcntl),
	SC(getuid, getuid),
	SC(getgid, getuid),
	SC(geteuid, getuid),
	SC(getegid, getuid),
	SC(arch_prctl, arch_prctl),
	SC(gettid, gettid),
	SC(tkill, tkill),
	SC(set_tid_address, set_tid_address),
	SC(tgkill, tgkill),
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
	SC(readlink, readlink),
	SC(syslog, syslog),
	SC(getppid, getppid),
	SC(reboot, reboot),
	SC(sched_setaffinity, sched_setaffinity),
	SC(sched_getaffinity, sched_getaffinity),
	SC(init_module, init_module),
	SC(delete_module, delete_module),
	SC(getdents64, getdents64),
	SC(restart_syscall, restart_syscall),
	SC(clock_gettime, clock_gettime),
	SC(clock_getres, clock_getres),
	SC(clock_nanosleep, clock_nanosleep),
	SC(exit_group, exit),
	SC(finit_module, finit_module),
	SC(getrandom, getrandom),
	SC(kelp_spawn, kelp_spawn),
};
