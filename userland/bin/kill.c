/* kill [-SIG] PID...: sends a signal (default TERM) as busybox's kill. */
#include <kelp.h>

static int parse_signal(const char *s)
{
	static const struct { const char *name; int nr; } names[] = {
		{ "HUP", 1 }, { "INT", 2 }, { "QUIT", 3 }, { "KILL", 9 }, { "USR1", 10 },
		{ "USR2", 12 }, { "PIPE", 13 }, { "ALRM", 14 }, { "TERM", 15 }, { "CHLD", 17 },
	};
	unsigned int n;

	if (!parse_uint(s, 10, &n))
		return n;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i].name))
			return names[i].nr;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = 15, i = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-') {
		sig = parse_signal(argv[1] + 1);
		if (sig < 0) {
			dprintf(2, "kill: bad signal name '%s'\n", argv[1] + 1);
			return 1;
		}
		i++;
	}
	if (i == argc) {
		dprintf(2, "usage: kill [-SIG] PID...\n");
		return 1;
	}
	for (; i < argc; i++) {
		int pid;

		if (parse_int(argv[i], 10, &pid)) {
			dprintf(2, "kill: invalid number '%s'\n", argv[i]);
			status = 1;
		} else if (kill(pid, sig)) {
			dprintf(2, "kill: can't kill pid %d: %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
