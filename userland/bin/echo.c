/*
 * echo [-n] ARGS...: one write of the whole output, as busybox's echo, so
 * a sysfs store sees the whole value; a failed write reads
 * "echo: write error: REASON".
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	bool newline = argc > 1 && !strcmp(argv[1], "-n") ? false : true;
	size_t len = 2;
	char *buf, *p;

	for (int i = newline ? 1 : 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	p = buf = malloc(len);
	if (!buf)
		return 1;
	for (int i = newline ? 1 : 2; i < argc; i++) {
		p += strlcpy(p, argv[i], len - (p - buf));
		if (i + 1 < argc)
			*p++ = ' ';
	}
	if (newline)
		*p++ = '\n';
	if (p > buf && write(1, buf, p - buf) != p - buf) {
		dprintf(2, "echo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
