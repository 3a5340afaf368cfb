/*
 * taskset: util-linux's affinity tool, the forms a kernel engineer uses:
 *   taskset MASK PROG [ARGS]      runs PROG on the CPUs of MASK (hex)
 *   taskset -c LIST PROG [ARGS]   the same with a CPU list ("0,2-3")
 *   taskset -p [MASK] PID         shows, or sets, PID's mask
 *   taskset -cp [LIST] PID        the same with lists
 * PROG inherits the mask: taskset sets its own, then starts PROG and
 * waits for it. Messages follow util-linux's wording.
 */
#include <kelp.h>

/* The raw system calls (a 64-bit mask, CPUs 0-63): 0/8, or -errno. */
static long set_mask(int pid, unsigned long mask)
{
	long r = syscall(SYS_sched_setaffinity, pid, sizeof(mask), &mask);

	return r < 0 ? -errno : r;
}

static long get_mask(int pid, unsigned long *mask)
{
	long r = syscall(SYS_sched_getaffinity, pid, sizeof(*mask), mask);

	return r < 0 ? -errno : r;
}

/* A hex mask ("3", "0x3"); false if it is not one. */
static bool parse_hex(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return false;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' :
			*s >= 'a' && *s <= 'f' ? *s - 'a' + 10 :
			*s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;

		if (d < 0 || (v >> 60))
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* A decimal number at *s (advanced past it), or -1. */
static int parse_num(const char **s)
{
	int v = 0, n = 0;

	while (**s >= '0' && **s <= '9' && n < 3) {
		v = v * 10 + (*(*s)++ - '0');
		n++;
	}
	return n && !(**s >= '0' && **s <= '9') ? v : -1;
}

/* A CPU list ("0,2-3"); false if it is not one or names a CPU above 63. */
static bool parse_list(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	while (*s) {
		int a = parse_num(&s), b = a;

		if (*s == '-') {
			s++;
			b = parse_num(&s);
		}
		if (a < 0 || b < a || b > 63)
			return false;
		for (int i = a; i <= b; i++)
			v |= 1UL << i;
		if (*s == ',')
			s++;
		else if (*s)
			return false;
	}
	*out = v;
	return v != 0;
}

/* "0-1,3" for a mask, into buf. */
static void format_list(unsigned long m, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < 64 && o < len; i++) {
		int j = i;

		if (!((m >> i) & 1))
			continue;
		while (j < 63 && ((m >> (j + 1)) & 1))
			j++;
		o += snprintf(buf + o, len - o, o ? ",%d" : "%d", i);
		if (j > i && o < len)
			o += snprintf(buf + o, len - o, "-%d", j);
		i = j;
	}
}

static void show(int pid, const char *what, unsigned long m, bool list)
{
	char buf[200];

	if (list) {
		format_list(m, buf, sizeof(buf));
		printf("pid %d's %s affinity list: %s\n", pid, what, buf);
	} else {
		printf("pid %d's %s affinity mask: %lx\n", pid, what, m);
	}
}

static int usage(void)
{
	dprintf(2, "Usage: taskset [options] [mask | cpu-list] [pid|cmd [args...]]\n");
	return 1;
}

/* taskset -p [MASK] PID */
static int do_pid(int argc, char **argv, bool list)
{
	unsigned long old, m;
	int pid = argc > 0 ? atoi(argv[argc - 1]) : 0;
	long err;

	if (argc < 1 || argc > 2 || pid <= 0)
		return usage();
	if (get_mask(pid, &old) < 0) {
		dprintf(2, "taskset: failed to get pid %d's affinity: No such process\n", pid);
		return 1;
	}
	show(pid, "current", old, list);
	if (argc == 1)
		return 0;
	if (!(list ? parse_list(argv[0], &m) : parse_hex(argv[0], &m))) {
		dprintf(2, "taskset: failed to parse %s %s\n", list ? "CPU list" : "CPU mask", argv[0]);
		return 1;
	}
	err = set_mask(pid, m);
	if (err < 0) {
		dprintf(2, "taskset: failed to set pid %d's affinity: %s\n", pid, strerror(-err));
		return 1;
	}
	get_mask(pid, &m);
	show(pid, "new", m, list);
	return 0;
}

int main(int argc, char **argv)
{
	bool list = false, pidmode = false;
	unsigned long m;
	int i = 1, pid, status;
	long err;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'c')
				list = true;
			else if (*o == 'p')
				pidmode = true;
			else
				return usage();
		}
	}
	if (pidmode)
		return do_pid(argc - i, argv + i, list);
	if (argc - i < 2)
		return usage();
	if (!(list ? parse_list(argv[i], &m) : parse_hex(argv[i], &m))) {
		dprintf(2, "taskset: failed to parse %s %s\n", list ? "CPU list" : "CPU mask", argv[i]);
		return 1;
	}
	err = set_mask(0, m);
	if (err < 0) {
		dprintf(2, "taskset: failed to set pid %d's affinity: %s\n", getpid(), strerror(-err));
		return 1;
	}
	if (!strchr(argv[i + 1], '/')) {	/* a bare name is looked up in /bin, as sh does */
		static char path[128];

		snprintf(path, sizeof(path), "/bin/%s", argv[i + 1]);
		pid = spawn(path, argv + i + 1, NULL);
	} else {
		pid = spawn(argv[i + 1], argv + i + 1, NULL);
	}
	if (pid < 0) {
		dprintf(2, "taskset: failed to execute %s: %s\n", argv[i + 1], strerror(errno));
		return 1;
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	return (status >> 8) & 0xff;
}
