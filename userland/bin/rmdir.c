/*
 * rmdir DIR...: removes each empty directory, busybox's message on failure
 * ("rmdir: 'X': Directory not empty").
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			dprintf(2, "rmdir: '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
