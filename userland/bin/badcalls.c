/*
 * badcalls: system calls with bad arguments (kernel addresses, NULL,
 * unmapped user pages, overlong strings, unknown numbers, bad descriptors)
 * must each fail with the right errno and never hurt the kernel. Prints
 * every mismatch and "badcalls: N checks, M failed". The userland scenario
 * runs it between memcheck mark and memcheck.
 */
#include <kelp.h>

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

static long raw(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c);
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
	expect("stat into kernel", raw(SYS_stat, (long)"/", (long)KADDR, 0), EFAULT);
	expect("fstat bad fd", fstat(999, &st), EBADF);
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
	expect("unknown syscall", raw(9999, 0, 0, 0), ENOSYS);
	expect("negative syscall", raw(-1, 0, 0, 0), ENOSYS);
	expect("restart_syscall, nothing to restart", raw(219, 0, 0, 0), EINTR);
	expect("reboot bad magic", raw(SYS_reboot, 0, 0, RB_POWER_OFF), EINVAL);
	expect("clock_gettime into kernel", clock_gettime(CLOCK_MONOTONIC, KADDR), EFAULT);
	expect("clock_gettime unknown clock", clock_gettime(99, &ts), EINVAL);
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
