/*
 * meminfo: RAM totals (/proc/meminfo, Linux's field names) followed by one
 * line per kmalloc cache (/proc/slabinfo).
 */
#include <kelp.h>

/* Copies path to descriptor 1; 0, or 1 with the error reported. */
static int print_file(const char *path)
{
	static char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		dprintf(2, "meminfo: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write_all(1, buf, n);
	close(fd);
	return n < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	return print_file("/proc/meminfo") | print_file("/proc/slabinfo");
}
