/* dmesg [-c|-C]: the kernel log through syslog(2); -c prints then clears, -C clears. */
#include <kelp.h>

#define SYSLOG_READ_ALL 3
#define SYSLOG_READ_CLEAR 4
#define SYSLOG_CLEAR 5
#define SYSLOG_SIZE_BUFFER 10

int main(int argc, char **argv)
{
	int size, n;
	char *buf;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-c") && strcmp(argv[1], "-C"))) {
		dprintf(2, "dmesg: invalid option -- '%s'\nusage: dmesg [-c|-C]\n", argv[1]);
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "-C"))
		return klogctl(SYSLOG_CLEAR, NULL, 0) ? 1 : 0;
	size = klogctl(SYSLOG_SIZE_BUFFER, NULL, 0);
	buf = size > 0 ? malloc(size) : NULL;
	if (!buf)
		return 1;
	n = klogctl(argc == 2 ? SYSLOG_READ_CLEAR : SYSLOG_READ_ALL, buf, size);
	if (n < 0) {
		dprintf(2, "dmesg: klogctl: %s\n", strerror(errno));
		return 1;
	}
	write_all(1, buf, n);
	free(buf);
	return 0;
}
