/*
 * spawn_loop N PROGRAM [ARGS...]: starts PROGRAM and waits for it, N times;
 * prints the failures. The 1000-cycle leak check and the spawn-to-exit
 * benchmark use it.
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	unsigned int n, failed = 0;

	if (argc < 3 || parse_uint(argv[1], 10, &n)) {
		dprintf(2, "usage: spawn_loop N PROGRAM [ARGS...]\n");
		return 1;
	}
	for (unsigned int i = 0; i < n; i++) {
		int st, pid = spawn(argv[2], argv + 2, environ);

		if (pid < 0 || waitpid(pid, &st, 0) != pid || st)
			failed++;
	}
	printf("spawn_loop: %u runs, %u failed\n", n, failed);
	return failed ? 1 : 0;
}
