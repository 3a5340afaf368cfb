/*
 * System call stubs: Linux's convention (number in rax, arguments in rdi,
 * rsi, rdx, r10, r8, r9; rcx and r11 clobbered), errno on failure, and the
 * C start-up (__libc_start).
 */
#include <libc.h>

int errno;
char **environ;

int main(int argc, char **argv, char **envp);

long __syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

long __sys_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = -r;
		return -1;
	}
	return r;
}

#define SYS0(nr) __sys_ret(__syscall(nr, 0, 0, 0, 0, 0, 0))
#define SYS1(nr, a) __sys_ret(__syscall(nr, (long)(a), 0, 0, 0, 0, 0))
#define SYS2(nr, a, b) __sys_ret(__syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0))
#define SYS3(nr, a, b, c) __sys_ret(__syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0))
#define SYS4(nr, a, b, c, d) __sys_ret(__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0))

ssize_t read(int fd, void *buf, size_t n) { return SYS3(__NR_read, fd, buf, n); }
ssize_t write(int fd, const void *buf, size_t n) { return SYS3(__NR_write, fd, buf, n); }
int close(int fd) { return SYS1(__NR_close, fd); }
long lseek(int fd, long off, int whence) { return SYS3(__NR_lseek, fd, off, whence); }
int stat(const char *path, struct stat *st) { return SYS2(__NR_stat, path, st); }
int fstat(int fd, struct stat *st) { return SYS2(__NR_fstat, fd, st); }
int ioctl(int fd, unsigned long cmd, void *arg) { return SYS3(__NR_ioctl, fd, cmd, arg); }
int dup(int fd) { return SYS1(__NR_dup, fd); }
int dup2(int oldfd, int newfd) { return SYS2(__NR_dup2, oldfd, newfd); }
int nanosleep(const struct timespec *req, struct timespec *rem) { return SYS2(__NR_nanosleep, req, rem); }
int getpid(void) { return SYS0(__NR_getpid); }
int sched_yield(void) { return SYS0(__NR_sched_yield); }
int getppid(void) { return SYS0(__NR_getppid); }
int wait4(int pid, int *status, int options, void *rusage) { return SYS4(__NR_wait4, pid, status, options, rusage); }
int waitpid(int pid, int *status, int options) { return wait4(pid, status, options, NULL); }
int kill(int pid, int sig) { return SYS2(__NR_kill, pid, sig); }
int uname(struct utsname *u) { return SYS1(__NR_uname, u); }
int chdir(const char *path) { return SYS1(__NR_chdir, path); }
int mkdir(const char *path, int mode) { return SYS2(__NR_mkdir, path, mode); }
int rmdir(const char *path) { return SYS1(__NR_rmdir, path); }
int unlink(const char *path) { return SYS1(__NR_unlink, path); }
int getdents64(int fd, void *buf, size_t len) { return SYS3(__NR_getdents64, fd, buf, len); }
int klogctl(int type, char *buf, int len) { return SYS3(__NR_syslog, type, buf, len); }
int spawn(const char *path, char *const argv[], char *const envp[]) { return SYS3(__NR_kelp_spawn, path, argv, envp); }
int init_module(const void *image, unsigned long len, const char *args) { return SYS3(__NR_init_module, image, len, args); }
int finit_module(int fd, const char *args, int flags) { return SYS3(__NR_finit_module, fd, args, flags); }
int delete_module(const char *name, unsigned int flags) { return SYS2(__NR_delete_module, name, flags); }
int reboot(int cmd) { return SYS4(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0); }
int clock_gettime(int clk, struct timespec *tp) { return SYS2(__NR_clock_gettime, clk, tp); }

int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	return SYS3(__NR_open, path, flags, mode);
}

char *getcwd(char *buf, size_t size)
{
	return SYS2(__NR_getcwd, buf, size) < 0 ? NULL : buf;
}

__noreturn void _exit(int code)
{
	for (;;)
		__syscall(__NR_exit, code, 0, 0, 0, 0, 0);
}

__noreturn void exit(int code)
{
	_exit(code);
}

unsigned int sleep(unsigned int secs)
{
	struct timespec ts = { secs, 0 };

	return nanosleep(&ts, NULL) ? secs : 0;
}

/* brk-based sbrk: the kernel returns the new break (unchanged on failure). */
void *sbrk(long inc)
{
	static unsigned long cur;
	unsigned long old;

	if (!cur)
		cur = __syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
	old = cur;
	if (!inc)
		return (void *)old;
	if ((unsigned long)__syscall(__NR_brk, old + inc, 0, 0, 0, 0, 0) != old + inc) {
		errno = ENOMEM;
		return (void *)-1;
	}
	cur = old + inc;
	return (void *)old;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

int atoi(const char *s)
{
	int v = 0, neg = *s == '-';

	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}

__noreturn void __libc_start(long *sp)
{
	int argc = sp[0];
	char **argv = (char **)(sp + 1);

	environ = argv + argc + 1;
	exit(main(argc, argv, environ));
}
