/*
 * Formatted output straight to a descriptor (no buffering: each printf is
 * one write, which keeps lines whole on the console and makes redirected
 * output land in the file in one piece when it fits in the buffer).
 */
#include <libc.h>

/* vsprintf.c's %pS asks for a symbol name: user space has none. */
void kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	snprintf(buf, len, "0x%lx", addr);
}

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[1024];
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(buf, sizeof(buf), fmt, aq);
	va_end(aq);
	if (n < (int)sizeof(buf))
		return write_all(fd, buf, n) ? -1 : n;
	char *big = malloc(n + 1);

	if (!big)
		return -1;
	vsnprintf(big, n + 1, fmt, ap);
	n = write_all(fd, big, n) ? -1 : n;
	free(big);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(1, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return dprintf(1, "%s\n", s);
}
