/*
 * crash KIND: faults on purpose, to see the oops paths work. Each KIND is
 * a crash type of the lkdtm test module (tests/modules/lkdtm.c, loaded
 * here if needed), performed by writing its name to
 * /sys/kernel/debug/provoke-crash/DIRECT, as with Linux's LKDTM. Fatal
 * kinds do not return; warn and mutex-unlock do, and crash then exits 0.
 */
#include <kelp.h>

#define DIRECT "/sys/kernel/debug/provoke-crash/DIRECT"

static const struct {
	const char *kind, *lkdtm;
} kinds[] = {
	{ "pf", "ACCESS_NULL" },
	{ "wp", "WRITE_RO" },
	{ "nx", "EXEC_DATA" },
	{ "ud", "UD2" },
	{ "gp", "NONCANONICAL" },
	{ "de", "DIVIDE_ERROR" },
	{ "bp", "INT3" },
	{ "stack", "EXHAUST_STACK" },
	{ "bug", "BUG" },
	{ "warn", "WARNING" },
	{ "panic", "PANIC" },
	{ "mutex-unlock", "MUTEX_UNLOCK_UNOWNED" },
	{ "mutex-recursive", "MUTEX_RECURSIVE" },
};

int main(int argc, char **argv)
{
	const char *type = NULL;
	int fd;

	for (unsigned int i = 0; argc == 2 && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(argv[1], kinds[i].kind))
			type = kinds[i].lkdtm;
	if (!type) {
		dprintf(2, "usage: crash pf|wp|nx|ud|gp|de|bp|stack|bug|warn|panic|mutex-unlock|mutex-recursive\n");
		return 1;
	}
	if (module_load("lkdtm") < 0) {
		dprintf(2, "crash: cannot load /lib/modules/lkdtm.ko: %s\n", strerror(errno));
		return 1;
	}
	fd = open(DIRECT, O_WRONLY);
	if (fd < 0 || write(fd, type, strlen(type)) < 0) {
		dprintf(2, "crash: %s: %s\n", DIRECT, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
