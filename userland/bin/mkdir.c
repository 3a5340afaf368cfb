/*
 * mkdir DIR...: makes each directory (mode 0755), busybox's message on
 * failure ("mkdir: can't create directory 'X': File exists").
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (mkdir(argv[i], 0755) < 0) {
			dprintf(2, "mkdir: can't create directory '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
