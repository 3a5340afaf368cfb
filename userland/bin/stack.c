/*
 * stack PID|NAME: a task's stack trace from /proc/PID/stack, Linux's
 * "[<0>] name+0xoff/0xsize" lines. A NAME is the first task (in pid order)
 * whose /proc/PID/status says so. When the kernel finds the trace
 * unreliable the file begins "# unreliable: REASON": stack says
 * "stack: X: unreliable: REASON" and prints the raw walk, status 1.
 */
#include <kelp.h>

/* The pid of the first task named name, or -1. */
static int pid_of_name(const char *name)
{
	static char dents[4096], path[300], status[512];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), got, found = -1;

	while (fd >= 0 && found < 0 && (got = getdents64(fd, (void *)dents, sizeof(dents))) > 0) {
		for (int off = 0; found < 0 && off < got;) {
			struct dirent *d = (void *)(dents + off);
			ssize_t n;
			int sfd;

			off += d->d_reclen;
			if (d->d_name[0] < '0' || d->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/status", d->d_name);
			sfd = open(path, O_RDONLY);
			n = sfd < 0 ? -1 : read(sfd, status, sizeof(status) - 1);
			if (sfd >= 0)
				close(sfd);
			if (n <= 0)
				continue;	/* it exited meanwhile */
			status[n] = '\0';
			/* "Name:\tNAME\n" is the first line */
			if (!strncmp(status, "Name:\t", 6) && !strncmp(status + 6, name, strlen(name)) &&
			    status[6 + strlen(name)] == '\n')
				found = atoi(d->d_name);
		}
	}
	if (fd >= 0)
		close(fd);
	return found;
}

int main(int argc, char **argv)
{
	static char buf[8192], path[64];
	unsigned int pid;
	char *text = buf;
	ssize_t n, len = 0;
	int fd, status = 0;

	if (argc != 2) {
		dprintf(2, "usage: stack PID|NAME\n");
		return 1;
	}
	if (parse_uint(argv[1], 10, &pid))
		pid = pid_of_name(argv[1]);
	snprintf(path, sizeof(path), "/proc/%d/stack", (int)pid);
	fd = (int)pid < 0 ? -1 : open(path, O_RDONLY);
	while (fd >= 0 && len < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	if (fd < 0 || !len) {
		dprintf(2, "stack: %s: %s\n", argv[1], strerror(ESRCH));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	close(fd);
	buf[len] = '\0';
	if (!strncmp(buf, "# unreliable: ", 14)) {
		char *eol = strchr(buf, '\n');

		text = eol ? eol + 1 : buf + len;
		dprintf(2, "stack: %s: unreliable: %.*s\n", argv[1], (int)(text - buf - 15),
			buf + 14);
		status = 1;
	}
	write_all(1, text, buf + len - text);
	return status;
}
