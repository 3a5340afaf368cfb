/*
 * ps: every task from /proc/<pid>/status, in the kernel's format
 * (PID STATE PATCH FLAGS CPU NAME; FLAGS 0001xxxx marks a user process;
 * CPU is the one the task runs or last ran on, field 39 of /proc/<pid>/stat).
 * A task that exits while ps reads is left out.
 */
#include <kelp.h>

struct row {
	int pid, patch, cpu;
	char state;
	unsigned long flags;
	char name[32];
};

/* The value after "Key:\t" in a status file, or NULL. */
static const char *value(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? p + strlen(key) + 1 : NULL;
}

/* Field 39 (processor) of /proc/<pid>/stat, or -1. Fields follow "(comm) ". */
static int read_cpu(const char *pid)
{
	static char path[300], buf[512];
	const char *p;
	ssize_t n;
	int fd, field = 2;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = NULL;
	for (const char *q = buf; *q; q++)	/* the last ')': comm may hold spaces and parentheses */
		if (*q == ')')
			p = q;
	while (p && *p && field < 39)
		if (*p++ == ' ')
			field++;
	return p && *p ? atoi(p) : -1;
}

static bool read_row(const char *pid, struct row *r)
{
	static char path[300], buf[1024];
	const char *v;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	if (!(v = value(buf, "Name:")))
		return false;
	for (int i = 0; i < (int)sizeof(r->name) - 1 && v[i] && v[i] != '\n'; i++)
		r->name[i] = v[i], r->name[i + 1] = '\0';
	r->state = (v = value(buf, "State:")) ? *v : '?';
	r->pid = (v = value(buf, "Pid:")) ? atoi(v) : 0;
	r->patch = (v = value(buf, "PatchState:")) ? atoi(v) : 0;
	r->cpu = read_cpu(pid);
	r->flags = 0;
	if ((v = value(buf, "Flags:"))) {
		char num[20];
		int i = 0;

		while (i < 19 && v[i] && v[i] != '\n') {
			num[i] = v[i];
			i++;
		}
		num[i] = '\0';
		parse_ulong(num, 0, &r->flags);
	}
	return true;
}

int main(int argc, char **argv)
{
	static char buf[4096];
	int fd, got;

	if (argc > 1) {
		dprintf(2, "ps: unexpected argument '%s'\nusage: ps\n", argv[1]);
		return 1;
	}
	fd = open("/proc", O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return 1;
	printf("  PID STATE PATCH FLAGS    CPU NAME\n");
	while ((got = getdents64(fd, (void *)buf, sizeof(buf))) > 0) {
		for (int off = 0; off < got;) {
			struct dirent *d = (void *)(buf + off);
			struct row r = { 0 };

			off += d->d_reclen;
			if (d->d_name[0] < '0' || d->d_name[0] > '9' || !read_row(d->d_name, &r))
				continue;
			printf("%5d %c     %5d %08lx %3d %s\n", r.pid, r.state, r.patch, r.flags, r.cpu,
			       r.name);
		}
	}
	close(fd);
	return 0;
}
