/*
 * dmesg [-c|-C]: prints the kernel log as "[    1.234567] text" lines,
 * reading /dev/kmsg as util-linux's dmesg does: one record per read(),
 * from the first record after the last clear (lseek SEEK_DATA), until
 * EAGAIN. -c prints then clears, -C only clears (syslog(2)'s CLEAR).
 */
#include <kelp.h>

#define SYSLOG_CLEAR 5
#define RECORD_MAX 8192

struct out {
	char *buf;
	size_t len, cap;
};

static int out_put(struct out *o, const char *s, size_t n)
{
	if (o->len + n > o->cap) {
		size_t cap = (o->cap ? o->cap * 2 : 16384) + n;
		char *nb = realloc(o->buf, cap);

		if (!nb)
			return -1;
		o->buf = nb;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* One "pri,seq,usec,flags;text\n" record as a dmesg line; malformed ones are skipped. */
static int print_record(struct out *o, char *rec, size_t n)
{
	char prefix[40], *p = rec, *end = rec + n, *text;
	unsigned long usec = 0;
	int commas = 0;

	text = memchr(rec, ';', n);
	if (!text)
		return 0;
	for (; p < text; p++) {
		if (*p == ',') {
			commas++;
			continue;
		}
		if (commas == 2 && *p >= '0' && *p <= '9')
			usec = usec * 10 + (*p - '0');
	}
	snprintf(prefix, sizeof(prefix), "[%5lu.%06lu] ", usec / 1000000, usec % 1000000);
	if (out_put(o, prefix, strlen(prefix)))
		return -1;
	for (p = text + 1; p < end && *p != '\n'; p++) {
		char c = *p;

		if (c == '\\' && end - p >= 4 && p[1] == 'x' && hexval(p[2]) >= 0 &&
		    hexval(p[3]) >= 0) {
			c = hexval(p[2]) << 4 | hexval(p[3]);
			p += 3;
		}
		if (out_put(o, &c, 1))
			return -1;
	}
	return out_put(o, "\n", 1);
}

int main(int argc, char **argv)
{
	struct out o = { 0 };
	char *rec;
	int fd;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-c") && strcmp(argv[1], "-C"))) {
		dprintf(2, "dmesg: invalid option -- '%s'\nusage: dmesg [-c|-C]\n", argv[1]);
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "-C"))
		return klogctl(SYSLOG_CLEAR, NULL, 0) ? 1 : 0;
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		dprintf(2, "dmesg: cannot open /dev/kmsg: %s\n", strerror(errno));
		return 1;
	}
	rec = malloc(RECORD_MAX);
	if (!rec || lseek(fd, 0, SEEK_DATA) < 0)
		return 1;
	for (;;) {
		ssize_t n = read(fd, rec, RECORD_MAX);

		if (n < 0 && errno == EPIPE)
			continue;	/* records were overwritten: go on from the oldest */
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			dprintf(2, "dmesg: read /dev/kmsg: %s\n", strerror(errno));
			return 1;
		}
		if (print_record(&o, rec, n))
			return 1;
	}
	close(fd);
	write_all(1, o.buf, o.len);
	if (argc == 2 && klogctl(SYSLOG_CLEAR, NULL, 0))
		return 1;
	return 0;
}
