/*
 * lsmod: the loaded modules from /proc/modules ("name size refcnt
 * holders state address"), in kmod's layout: Module, Size, Used by.
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	static char buf[16384];
	ssize_t n = 0, got;
	int fd = open("/proc/modules", O_RDONLY);

	if (fd < 0) {
		dprintf(2, "lsmod: /proc/modules: %s\n", strerror(errno));
		return 1;
	}
	while (n < (ssize_t)sizeof(buf) - 1 && (got = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += got;
	close(fd);
	buf[n] = '\0';
	printf("Module                  Size  Used by\n");
	for (char *line = buf, *next; *line; line = next) {
		char *f[4] = { 0 }, *p = line;
		const char *sep = " ";

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		for (int i = 0; i < 4 && *p; i++) {
			f[i] = p;
			p = strchr(p, ' ');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (!f[3])
			continue;
		printf("%-19s %8s  %s", f[0], f[1], f[2]);
		for (char *h = f[3], *e; *h && strcmp(h, "-"); h = e) {
			e = strchr(h, ',');
			if (e)
				*e++ = '\0';
			else
				e = h + strlen(h);
			if (*h && strcmp(h, "[permanent]")) {
				printf("%s%s", sep, h);
				sep = ",";
			}
		}
		printf("\n");
	}
	return 0;
}
