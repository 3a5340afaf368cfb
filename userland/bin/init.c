/*
 * init, pid 1: starts the shell on the console (descriptors 0, 1, 2 come
 * from the kernel), reaps every orphan handed to it, and starts a new
 * shell whenever the shell ends.
 */
#include <libc.h>

int main(int argc, char **argv)
{
	char *sh_argv[] = { "sh", NULL };

	for (;;) {
		int pid = spawn("/bin/sh", sh_argv, environ), st, w;

		if (pid < 0) {
			dprintf(2, "init: can't run /bin/sh: %s\n", strerror(-errno));
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
