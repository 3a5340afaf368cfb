/*
 * crash KIND: faults on purpose, to see the oops paths work. Each KIND is
 * a crash type of the lkdtm test module (tests/modules/lkdtm.c, loaded
 * here if needed), performed by writing its name to
 * /sys/kernel/debug/provoke-crash/DIRECT, as with Linux's LKDTM. Fatal
 * kinds do not return; warn, mutex-unlock and the lock validator's kinds
 * do, and crash then exits 0. lockdep-abba-busy is lockdep-abba while a
 * thread on every other CPU takes a lock in a loop. lockdep-kernfs is three writes: add
 * /sys/kernel/lkdtm/poke, write to it, remove it under its store's mutex.
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
	{ "lockdep-abba", "LOCKDEP_ABBA" },
	{ "lockdep-abba-busy", "LOCKDEP_ABBA_CONTENDED" },
	{ "lockdep-irq", "LOCKDEP_IRQ_UNSAFE" },
	{ "sleep-atomic", "SLEEP_IN_ATOMIC" },
	{ "lockdep-kernfs", "KERNFS_ADD" },
};

#define POKE "/sys/kernel/lkdtm/poke"

/* Writes text to path; 0, or -1 with a message. */
static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) < 0) {
		dprintf(2, "crash: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *type = NULL;

	for (unsigned int i = 0; argc == 2 && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(argv[1], kinds[i].kind))
			type = kinds[i].lkdtm;
	if (!type) {
		dprintf(2, "usage: crash pf|wp|nx|ud|gp|de|bp|stack|bug|warn|panic|mutex-unlock|"
			   "mutex-recursive|lockdep-abba|lockdep-abba-busy|lockdep-irq|sleep-atomic|lockdep-kernfs\n");
		return 1;
	}
	if (module_load("lkdtm") < 0) {
		dprintf(2, "crash: cannot load /lib/modules/lkdtm.ko: %s\n", strerror(errno));
		return 1;
	}
	if (write_file(DIRECT, type))
		return 1;
	if (!strcmp(argv[1], "lockdep-kernfs") &&
	    (write_file(POKE, "1") || write_file(DIRECT, "KERNFS_REMOVE_LOCKED")))
		return 1;
	return 0;
}
