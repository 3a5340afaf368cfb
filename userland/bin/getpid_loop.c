/*
 * getpid_loop [-q] [N]: calls getpid() N times (forever without N), then
 * prints how many calls returned the right pid (-q: only the exit status,
 * 1 if any was wrong; the benchmark uses it). The workload of Linux's
 * test-syscall.sh: a live patch of __x64_sys_getpid is visible here (a
 * patched getpid that returns something else shows in the count) and each
 * process switches its patch state at the kernel/user boundary.
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	unsigned long n = 0, done, wrong = 0;
	int pid = getpid(), i = 1;
	bool quiet = argc > 1 && !strcmp(argv[1], "-q");

	if (quiet)
		i++;
	if (argc > i && parse_ulong(argv[i], 10, &n)) {
		dprintf(2, "getpid_loop: invalid number '%s'\n", argv[i]);
		return 1;
	}
	for (done = 0; !n || done < n; done++)
		if (getpid() != pid)
			wrong++;
	if (!quiet)
		printf("getpid_loop: %lu calls, %lu unexpected results\n", done, wrong);
	return wrong ? 1 : 0;
}
