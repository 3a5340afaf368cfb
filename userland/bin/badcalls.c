/*
 * badcalls: system calls with bad arguments (kernel addresses, NULL,
 * unmapped user pages, overlong strings, unknown numbers, bad descriptors)
 * must each fail with the right errno and never hurt the kernel. Prints
 * every mismatch and "badcalls: N checks, M failed". The userland scenario
 * runs it between memcheck mark and memcheck.
 */
#include <kelp.h>
#include <sys/mman.h>
#include <termios.h>

#define KADDR ((void *)0xffffffff80100000UL)
#define UNMAPPED ((void *)0x7ff000000000UL)

static int checks, failed;

static void expect(const char *what, long ret, int err)
{
	checks++;
	if (ret == -1 && errno == err)
		return;
	failed++;
	printf("badcalls: %s: got %ld (%s), expected %s\n", what, ret,
	       ret == -1 ? strerror(errno) : "no error", strerror(err));
}

/* For calls that return the error number (clock_nanosleep): -1 and errno. */
static long errret(int err)
{
	if (!err)
		return 0;
	errno = err;
	return -1;
}

static long raw(long nr, long a, long b, long c, long d)
{
	return syscall(nr, a, b, c, d);
}

static long raw6(long nr, long a, long b, long c, long d, long e, long f)
{
	return syscall(nr, a, b, c, d, e, f);
}

int main(void)
{
	static char longpath[5000];
	static char *many[300];
	char buf[64], *bad_argv[] = { "x", KADDR, NULL };
	struct timespec ts = { 0, 2000000000 };
	struct stat st;
	int fd = open("/etc/motd", O_RDONLY);
	long brk0;
	static const u64 zero32[4];
	static const struct { void *base; size_t len; } kiov[1] = { { KADDR, 16 } };

	expect("write kernel buffer", write(1, KADDR, 16), EFAULT);
	expect("write NULL", write(1, NULL, 16), EFAULT);
	expect("write unmapped", write(1, UNMAPPED, 16), EFAULT);
	expect("read into kernel", read(fd, KADDR, 16), EFAULT);
	expect("read into unmapped", read(fd, UNMAPPED, 16), EFAULT);
	expect("read past the stack", read(fd, buf, 1 << 30), EFAULT);
	expect("open kernel path", open(KADDR, O_RDONLY), EFAULT);
	expect("open NULL", open(NULL, O_RDONLY), EFAULT);
	memset(longpath, 'a', sizeof(longpath) - 1);
	expect("open overlong path", open(longpath, O_RDONLY), ENAMETOOLONG);
	expect("stat into kernel", raw(SYS_stat, (long)"/", (long)KADDR, 0, 0), EFAULT);
	expect("fstat bad fd", fstat(999, &st), EBADF);
	expect("lstat into kernel", raw(SYS_lstat, (long)"/", (long)KADDR, 0, 0), EFAULT);
	expect("lstat kernel path", raw(SYS_lstat, (long)KADDR, (long)&st, 0, 0), EFAULT);
	expect("readlink kernel path", raw(SYS_readlink, (long)KADDR, (long)buf, 8, 0), EFAULT);
	expect("readlink bufsiz 0", raw(SYS_readlink, (long)"/", (long)buf, 0, 0), EINVAL);
	expect("readlink not a link", raw(SYS_readlink, (long)"/etc/motd", (long)buf, 8, 0), EINVAL);
	expect("getdents64 into kernel", getdents64(open("/", O_RDONLY | O_DIRECTORY), KADDR, 4096), EFAULT);
	expect("spawn kernel argv", spawn("/bin/true", KADDR, NULL), EFAULT);
	expect("spawn bad argv string", spawn("/bin/true", bad_argv, NULL), EFAULT);
	for (int i = 0; i < 299; i++)
		many[i] = "x";
	expect("spawn too many args", spawn("/bin/true", many, NULL), E2BIG);
	expect("spawn a directory", spawn("/bin", (char *[]){ "x", NULL }, NULL), EACCES);
	expect("spawn missing", spawn("/bin/nonexistent", (char *[]){ "x", NULL }, NULL), ENOENT);
	expect("wait4 no child", waitpid(12345, NULL, 0), ECHILD);
	expect("kill no such pid", kill(99999, 0), ESRCH);
	expect("kill bad signal", kill(getpid(), 99), EINVAL);
	expect("kill kernel thread", kill(2, 9), EPERM);
	expect("nanosleep kernel", nanosleep(KADDR, NULL), EFAULT);
	expect("nanosleep bad nsec", nanosleep(&ts, NULL), EINVAL);
	expect("uname into kernel", uname(KADDR), EFAULT);
	expect("syslog into kernel", klogctl(3, KADDR, 100), EFAULT);
	expect("syslog bad type", klogctl(99, buf, 10), EINVAL);
	expect("getcwd too small", getcwd(buf, 1) ? 0 : -1, ERANGE);
	expect("unknown syscall", raw(9999, 0, 0, 0, 0), ENOSYS);
	expect("negative syscall", raw(-1, 0, 0, 0, 0), ENOSYS);
	expect("restart_syscall, nothing to restart", raw(219, 0, 0, 0, 0), EINTR);
	expect("reboot bad magic", raw(SYS_reboot, 0, 0, RB_POWER_OFF, 0), EINVAL);
	expect("clock_gettime into kernel", clock_gettime(CLOCK_MONOTONIC, KADDR), EFAULT);
	expect("clock_gettime unknown clock", clock_gettime(99, &ts), EINVAL);
	expect("clock_gettime CPU time (no accounting)", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), EINVAL);
	expect("clock_getres into kernel", clock_getres(CLOCK_REALTIME, KADDR), EFAULT);
	expect("clock_getres unknown clock", clock_getres(99, &ts), EINVAL);
	expect("clock_nanosleep kernel request", errret(clock_nanosleep(CLOCK_MONOTONIC, 0, KADDR, NULL)), EFAULT);
	expect("clock_nanosleep bad nsec", errret(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL)), EINVAL);
	expect("clock_nanosleep unknown clock", errret(clock_nanosleep(99, 0, &ts, NULL)), EINVAL);
	expect("getrandom into kernel", raw(SYS_getrandom, (long)KADDR, 16, 0, 0), EFAULT);
	expect("getrandom unmapped", raw(SYS_getrandom, (long)UNMAPPED, 16, 0, 0), EFAULT);
	expect("getrandom bad flags", raw(SYS_getrandom, (long)buf, 16, 0x100, 0), EINVAL);
	expect("getrandom INSECURE|RANDOM", raw(SYS_getrandom, (long)buf, 16, 6, 0), EINVAL);
	expect("rt_sigpending into kernel", raw(SYS_rt_sigpending, (long)KADDR, 8, 0, 0), EFAULT);
	expect("rt_sigpending bad sigsetsize", raw(SYS_rt_sigpending, (long)buf, 16, 0, 0), EINVAL);
	expect("rt_sigsuspend kernel mask", raw(SYS_rt_sigsuspend, (long)KADDR, 8, 0, 0), EFAULT);
	expect("rt_sigsuspend bad sigsetsize", raw(SYS_rt_sigsuspend, (long)zero32, 4, 0, 0), EINVAL);
	expect("access kernel path", access(KADDR, F_OK), EFAULT);
	expect("access missing", access("/nonexistent", F_OK), ENOENT);
	expect("access bad mode", access("/", 8), EINVAL);
	expect("access X_OK of a plain file", access("/etc/motd", X_OK), EACCES);
	checks++;
	if (access("/bin/sh", X_OK) || access("/etc/motd", R_OK | W_OK) || access("/bin", X_OK)) {
		failed++;
		printf("badcalls: access refused an executable, a file or a directory\n");
	}
	expect("sigaltstack kernel ss", raw(SYS_sigaltstack, (long)KADDR, 0, 0, 0), EFAULT);
	expect("sigaltstack kernel old_ss", raw(SYS_sigaltstack, 0, (long)KADDR, 0, 0), EFAULT);
	expect("sigaltstack too small", sigaltstack(&(stack_t){ .ss_sp = buf, .ss_size = 64 }, NULL), ENOMEM);
	expect("sigaltstack bad flags", sigaltstack(&(stack_t){ .ss_sp = buf, .ss_flags = 5, .ss_size = 4096 }, NULL),
	       EINVAL);
	checks++;
	if (raw(SYS_getrandom, (long)buf, sizeof(buf), 0, 0) != sizeof(buf)) {
		failed++;
		printf("badcalls: getrandom did not fill %zu bytes\n", sizeof(buf));
	}
	expect("dup2 bad target", dup2(0, 9999), EBADF);
	expect("close bad fd", close(999), EBADF);
	expect("ioctl on a file", ioctl(fd, TIOCSPGRP, buf), ENOTTY);
	expect("ioctl into kernel", ioctl(0, TIOCGPGRP, KADDR), EFAULT);
	expect("mkdir kernel path", mkdir(KADDR, 0755), EFAULT);
	expect("init_module kernel image", init_module(KADDR, 4096, ""), EFAULT);
	expect("init_module garbage", init_module(longpath, 4096, ""), ENOEXEC);
	expect("init_module kernel args", init_module(longpath, 4096, KADDR), EFAULT);
	expect("finit_module not a module", finit_module(fd, "", 0), ENOEXEC);
	expect("finit_module a directory", finit_module(open("/", O_RDONLY | O_DIRECTORY), "", 0), EINVAL);
	expect("finit_module flags", finit_module(fd, "", 1), EINVAL);
	expect("delete_module kernel name", delete_module(KADDR, 0), EFAULT);
	expect("delete_module not loaded", delete_module("nosuchmodule", 0), ENOENT);
	expect("chdir unmapped", chdir(UNMAPPED), EFAULT);

	/* the system calls musl needs */
	expect("rt_sigaction kernel act", raw(SYS_rt_sigaction, SIGUSR1, (long)KADDR, 0, 8), EFAULT);
	expect("rt_sigaction kernel oldact", raw(SYS_rt_sigaction, SIGUSR1, 0, (long)KADDR, 8), EFAULT);
	expect("rt_sigaction bad sigsetsize", raw(SYS_rt_sigaction, SIGUSR1, 0, 0, 4), EINVAL);
	expect("rt_sigaction signal 0", raw(SYS_rt_sigaction, 0, 0, 0, 8), EINVAL);
	expect("rt_sigaction signal 65", raw(SYS_rt_sigaction, 65, 0, 0, 8), EINVAL);
	expect("rt_sigaction SIGKILL", raw(SYS_rt_sigaction, SIGKILL, (long)zero32, 0, 8), EINVAL);
	expect("rt_sigprocmask kernel set", raw(SYS_rt_sigprocmask, SIG_BLOCK, (long)KADDR, 0, 8), EFAULT);
	expect("rt_sigprocmask kernel oldset", raw(SYS_rt_sigprocmask, SIG_BLOCK, 0, (long)KADDR, 8), EFAULT);
	expect("rt_sigprocmask bad how", raw(SYS_rt_sigprocmask, 7, (long)zero32, 0, 8), EINVAL);
	expect("rt_sigprocmask bad sigsetsize", raw(SYS_rt_sigprocmask, SIG_BLOCK, 0, 0, 16), EINVAL);
	expect("writev kernel iovec", raw(SYS_writev, 1, (long)KADDR, 1, 0), EFAULT);
	expect("writev kernel buffer", raw(SYS_writev, 1, (long)kiov, 1, 0), EFAULT);
	expect("writev too many", raw(SYS_writev, 1, (long)kiov, 2000, 0), EINVAL);
	expect("readv kernel iovec", raw(SYS_readv, fd, (long)KADDR, 1, 0), EFAULT);
	expect("readv kernel buffer", raw(SYS_readv, fd, (long)kiov, 1, 0), EFAULT);
	expect("mmap length 0", raw6(SYS_mmap, 0, 0, 3, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	expect("mmap a file", raw6(SYS_mmap, 0, 4096, 1, MAP_PRIVATE, fd, 0), ENODEV);
	expect("mmap write+exec", raw6(SYS_mmap, 0, 4096, 7, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EACCES);
	expect("mmap fixed kernel", raw6(SYS_mmap, (long)KADDR, 4096, 3, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM);
	expect("mmap fixed unaligned", raw6(SYS_mmap, 0x7f0000000123, 4096, 3, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	expect("mmap 1 TiB", raw6(SYS_mmap, 0, 1L << 40, 3, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	expect("munmap unaligned", raw(SYS_munmap, 0x7f0000000123, 4096, 0, 0), EINVAL);
	expect("munmap kernel", raw(SYS_munmap, (long)KADDR, 4096, 0, 0), EINVAL);
	expect("mprotect unmapped", raw(SYS_mprotect, (long)UNMAPPED, 4096, 1, 0), ENOMEM);
	expect("mprotect kernel", raw(SYS_mprotect, (long)KADDR, 4096, 1, 0), ENOMEM);
	expect("madvise bad advice", raw(SYS_madvise, (long)UNMAPPED, 4096, 999, 0), EINVAL);
	expect("arch_prctl kernel FS", raw(SYS_arch_prctl, 0x1002, (long)KADDR, 0, 0), EPERM);
	expect("arch_prctl GET_FS into kernel", raw(SYS_arch_prctl, 0x1003, (long)KADDR, 0, 0), EFAULT);
	expect("arch_prctl unknown code", raw(SYS_arch_prctl, 0x9999, 0, 0, 0), EINVAL);
	expect("ioctl TIOCGWINSZ into kernel", ioctl(0, TIOCGWINSZ, KADDR), EFAULT);
	expect("ioctl TCGETS into kernel", ioctl(0, TCGETS, KADDR), EFAULT);
	expect("tgkill tgid != tid", raw(SYS_tgkill, 1, getpid(), 0, 0), ESRCH);
	expect("tgkill tgid 0", raw(SYS_tgkill, 0, getpid(), 0, 0), EINVAL);
	expect("tkill pid 0", raw(SYS_tkill, 0, SIGUSR1, 0, 0), EINVAL);
	expect("tkill bad signal", raw(SYS_tkill, getpid(), 99, 0, 0), EINVAL);
	expect("sched_getaffinity into kernel", raw(SYS_sched_getaffinity, 0, 8, (long)KADDR, 0), EFAULT);
	expect("sched_getaffinity short mask", raw(SYS_sched_getaffinity, 0, 4, (long)buf, 0), EINVAL);
	expect("fcntl bad fd", raw(SYS_fcntl, 999, F_GETFD, 0, 0), EBADF);
	expect("unknown syscall 500", raw(500, 0, 0, 0, 0), ENOSYS);
	brk0 = syscall(SYS_brk, 0);
	checks++;
	if (syscall(SYS_brk, brk0 + 8192) != brk0 + 8192 || syscall(SYS_brk, brk0) != brk0 ||
	    syscall(SYS_brk, brk0 + 12288) != brk0 + 12288) {
		failed++;
		printf("badcalls: the heap does not grow again after shrinking\n");
	}
	checks++;
	if (syscall(SYS_brk, brk0 + (1L << 40)) != brk0 + 12288) {
		failed++;
		printf("badcalls: a 1 TiB heap was granted\n");
	}
	checks++;
	if (syscall(SYS_brk, 0x1000) != syscall(SYS_brk, 0)) {
		failed++;
		printf("badcalls: brk below the heap moved the break\n");
	}
	close(fd);
	printf("badcalls: %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
