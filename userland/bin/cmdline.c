/*
 * cmdline: the kernel command line, /proc/cmdline (as `cat /proc/cmdline`).
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	static char buf[4096];
	ssize_t n;
	int fd = open("/proc/cmdline", O_RDONLY);

	if (fd < 0) {
		dprintf(2, "cmdline: /proc/cmdline: %s\n", strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write_all(1, buf, n);
	close(fd);
	return n < 0 ? 1 : 0;
}
