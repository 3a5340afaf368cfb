/*
 * rm FILE...: unlinks each file, busybox's message on failure
 * ("rm: can't remove 'X': Is a directory").
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (unlink(argv[i]) < 0) {
			dprintf(2, "rm: can't remove '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
