/* free: busybox's table in KiB, from /proc/meminfo (MemTotal, MemFree). */
#include <kelp.h>

static unsigned long long field(const char *text, const char *name)
{
	const char *p = strstr(text, name);
	unsigned long long v = 0;

	if (!p)
		return 0;
	for (p += strlen(name); *p == ' '; p++)
		;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return v;
}

int main(int argc, char **argv)
{
	static char buf[2048];
	unsigned long long total, freekb;
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY);

	if (fd < 0) {
		dprintf(2, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return 1;
	buf[n] = '\0';
	total = field(buf, "MemTotal:");
	freekb = field(buf, "MemFree:");
	printf("%15s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
	       "available");
	printf("Mem:    %11llu %11llu %11llu %11d %11d %11llu\n", total, total - freekb, freekb, 0, 0,
	       freekb);
	return 0;
}
