/* cat FILE...: prints files (busybox's messages: "cat: PATH: REASON"). */
#include <kelp.h>

static int cat_one(const char *path)
{
	static char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		dprintf(2, "cat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write_all(1, buf, n))
			break;
	close(fd);
	if (n < 0) {
		dprintf(2, "cat: read error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++)
		status |= cat_one(argv[i]);
	return status;
}
