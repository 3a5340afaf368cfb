/*
 * test_syscall [-p PROGRAM] [N|cpus] [MODULE.ko]: Linux's test-syscall.sh
 * as one program. Starts N (default 64; `cpus`: one per online CPU, as
 * the script's $(getconf _NPROCESSORS_ONLN)) hammer processes, PROGRAM
 * (default `/bin/getpid_loop -q`; the scenario uses /bin/getpid_hammer,
 * Kelp's test_klp-call_getpid), loads MODULE (default
 * /lib/modules/test_klp_syscall.ko) with klp_pids=<their pids> through
 * /bin/insmod, waits up to 60 s for /sys/kernel/test_klp_syscall/npids to
 * read 0 (every listed process ran the patched getpid after switching at
 * the kernel/user boundary), prints "test_klp_syscall: Remaining not
 * livepatched processes: N" as the selftest logs it, and kills the
 * processes (SIGTERM). Disabling and unloading the patch are left to the
 * caller, as the script's last steps. Exit status 0 when npids reached 0.
 */
#include <kelp.h>

#define MAX_PROCS 128
#define NPIDS "/sys/kernel/test_klp_syscall/npids"

static int pids[MAX_PROCS];

/* The npids attribute as text without the newline, or "?" if unreadable. */
static const char *read_npids(char *buf, size_t len)
{
	int fd = open(NPIDS, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return "?";
	buf[n] = '\0';
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return buf;
}

static int run(char *const argv[])
{
	int st, pid = spawn(argv[0], argv, environ);

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int main(int argc, char **argv)
{
	unsigned int n = 64;
	char *prog = "/bin/getpid_loop";
	const char *mod;
	char *list, *arg, npids[32];
	const char *left = "?";
	int started = 0, st, ret = 1;

	if (argc > 2 && !strcmp(argv[1], "-p")) {
		prog = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc > 1 && !strcmp(argv[1], "cpus"))
		n = min(sysconf(_SC_NPROCESSORS_ONLN), MAX_PROCS);
	else if (argc > 1 && (parse_uint(argv[1], 10, &n) || !n || n > MAX_PROCS)) {
		dprintf(2, "usage: test_syscall [-p PROGRAM] [N (1-%d)|cpus] [MODULE.ko]\n", MAX_PROCS);
		return 1;
	}
	mod = argc > 2 ? argv[2] : "/lib/modules/test_klp_syscall.ko";
	list = malloc(n * 12 + 16);
	if (!list)
		return 1;
	strlcpy(list, "klp_pids=", n * 12 + 16);
	for (; started < (int)n; started++) {
		bool loop = !strcmp(prog, "/bin/getpid_loop");
		char *gargv[] = { prog, loop ? "-q" : NULL, NULL };

		pids[started] = spawn(prog, gargv, environ);
		if (pids[started] < 0) {
			dprintf(2, "test_syscall: can't start %s: %s\n", prog, strerror(errno));
			goto out;
		}
		arg = list + strlen(list);
		snprintf(arg, 13, "%s%d", started ? "," : "", pids[started]);
	}
	st = run((char *[]){ "/bin/insmod", (char *)mod, list, NULL });
	if (st) {
		dprintf(2, "test_syscall: insmod %s failed\n", mod);
		goto out;
	}
	for (int i = 0; i < 600; i++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		left = read_npids(npids, sizeof(npids));
		if (!strcmp(left, "0"))
			break;
		nanosleep(&ts, NULL);
	}
	printf("test_klp_syscall: Remaining not livepatched processes: %s\n", left);
	ret = strcmp(left, "0") ? 1 : 0;
out:
	for (int i = 0; i < started; i++)
		kill(pids[i], 15);
	for (int i = 0; i < started; i++)
		waitpid(pids[i], &st, 0);
	free(list);
	return ret;
}
