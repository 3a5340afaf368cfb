/*
 * init, pid 1: runs the in-kernel tests and benchmarks the kernel command
 * line asks for (ktest=X: /bin/ktest X, bench=X: /bin/bench X, before the
 * first prompt, where the test harness reads their output), then starts
 * the shell on the console (descriptors 0, 1, 2 come from the kernel),
 * reaps every orphan handed to it, and starts a new shell whenever the
 * shell ends.
 */
#include <kelp.h>

/* Copies the value of "key=VALUE" in the command line cmd into val; false if absent. */
static bool cmdline_get(const char *cmd, const char *key, char *val, size_t len)
{
	size_t klen = strlen(key);

	for (const char *p = cmd; *p;) {
		size_t w;

		while (*p == ' ' || *p == '\n')
			p++;
		for (w = 0; p[w] && p[w] != ' ' && p[w] != '\n'; w++)
			;
		if (w > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			snprintf(val, len, "%.*s", (int)(w - klen - 1), p + klen + 1);
			return true;
		}
		p += w;
	}
	return false;
}

/* Runs path with one argument and waits for it (orphans reaped on the way). */
static void run_and_wait(const char *path, const char *arg)
{
	char *argv[] = { (char *)path, (char *)arg, NULL };
	int pid = spawn(path, argv, environ), st;

	if (pid < 0) {
		dprintf(2, "init: can't run %s: %s\n", path, strerror(errno));
		return;
	}
	for (int w; (w = waitpid(-1, &st, 0)) != pid;)
		if (w < 0 && errno == ECHILD)
			break;
}

/* ktest= and bench= of /proc/cmdline. */
static void run_boot_tests(void)
{
	static char cmd[1024], val[256];
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, cmd, sizeof(cmd) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	cmd[n] = '\0';
	if (cmdline_get(cmd, "ktest", val, sizeof(val)))
		run_and_wait("/bin/ktest", val);
	if (cmdline_get(cmd, "bench", val, sizeof(val)))
		run_and_wait("/bin/bench", val);
}

int main(int argc, char **argv)
{
	char *sh_argv[] = { "sh", NULL };

	run_boot_tests();
	for (;;) {
		int pid = spawn("/bin/sh", sh_argv, environ), st, w;

		if (pid < 0) {
			dprintf(2, "init: can't run /bin/sh: %s\n", strerror(errno));
			sleep(5);
			continue;
		}
		while ((w = waitpid(-1, &st, 0)) != pid)
			if (w < 0 && errno == ECHILD)
				break;
		if (WIFSIGNALED(st))
			dprintf(2, "init: /bin/sh (pid %d) killed by signal %d, restarting\n", pid,
				WTERMSIG(st));
	}
}
