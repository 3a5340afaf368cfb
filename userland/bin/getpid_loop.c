/*
 * getpid_loop [N]: calls getpid() N times (forever without N), then prints
 * how many calls returned the right pid. The workload of Linux's
 * test-syscall.sh: a live patch of __x64_sys_getpid is visible here (a
 * patched getpid that returns something else shows in the count) and each
 * process switches its patch state at the kernel/user boundary.
 */
#include <libc.h>

int main(int argc, char **argv)
{
	unsigned long n = 0, done, wrong = 0;
	int pid = getpid();

	if (argc > 1 && kstrtoul(argv[1], 10, &n)) {
		dprintf(2, "getpid_loop: invalid number '%s'\n", argv[1]);
		return 1;
	}
	for (done = 0; !n || done < n; done++)
		if (getpid() != pid)
			wrong++;
	printf("getpid_loop: %lu calls, %lu unexpected results\n", done, wrong);
	return wrong ? 1 : 0;
}
