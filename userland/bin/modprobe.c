/*
 * modprobe [-q] [-v] [-n] [--first-time] NAME [PARAM=VALUE...],
 * modprobe -a NAME..., modprobe -r NAME...: loads a module by name with
 * its dependencies, or unloads it and the dependencies nothing uses any
 * more, as kmod's modprobe. The lookup is modinfo's (userland/lib/moddep.c:
 * /lib/modules/modules.dep from tools/depmod.py, updates/ winning over
 * in-tree modules). Dependencies load from the end of the list. -n (--dry-run)
 * resolves everything and loads nothing (with -v it prints the insmod
 * lines); --first-time fails on a module already loaded (or, with -r, not
 * loaded). Messages, exit codes and FATAL's immediate exit are kmod's.
 */
#include <kelp.h>
#include <modfile.h>

static bool quiet, verbose, dry_run, first_time, all, remove_mode;
static char *depfile;

/*
 * kmod's LOG(): "FATAL", which ends the program at once, or with -a a
 * "WARNING" that lets the next name go on; -q silences it (and the exit).
 * Returns 1 for the caller's status.
 */
__attribute__((format(printf, 1, 2)))
static int fatal(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return 1;
	dprintf(2, "modprobe: %s: ", all ? "WARNING" : "FATAL");
	va_start(ap, fmt);
	vdprintf(2, fmt, ap);
	va_end(ap);
	if (!all)
		exit(1);
	return 1;
}

/* kmod's ERR(): "ERROR", silenced by -q. */
__attribute__((format(printf, 1, 2)))
static void error(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	dprintf(2, "modprobe: ERROR: ");
	va_start(ap, fmt);
	vdprintf(2, fmt, ap);
	va_end(ap);
}

static bool loaded(const char *name)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return !stat(path, &st);
}

/* /sys/module/NAME/refcnt, plus one for each holder; 0 if unreadable. */
static int users(const char *name)
{
	static char buf[2048];
	char path[128];
	int fd, got, n = 0;

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		got = read(fd, buf, 31);
		buf[got > 0 ? got : 0] = '\0';
		n = atoi(buf);
		close(fd);
	}
	snprintf(path, sizeof(path), "/sys/module/%s/holders", name);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return n;
	while ((got = getdents64(fd, (void *)buf, sizeof(buf))) > 0)
		for (int off = 0; off < got; off += ((struct dirent *)(buf + off))->d_reclen)
			n++;
	close(fd);
	return n;
}

/*
 * Loads path with args unless name is loaded (the module itself, main,
 * fails then under --first-time). -n stops short of the system call.
 * 0, or -errno (reported).
 */
static int insert(const char *path, const char *name, const char *args, bool main)
{
	int fd, err = 0;

	if (loaded(name)) {
		if (!main || !first_time)
			return 0;
		error("could not insert '%s': Module already in kernel\n", name);
		return -EEXIST;
	}
	if (verbose)
		printf("insmod %s %s\n", path, args);
	if (dry_run)
		return 0;
	fd = open(path, O_RDONLY);
	if (fd < 0 || finit_module(fd, args, 0))
		err = errno ? -errno : -ENOENT;
	if (fd >= 0)
		close(fd);
	if (!err || (err == -EEXIST && !(main && first_time) && loaded(name)))
		return 0;
	if (err == -EEXIST)
		error("could not insert '%s': Module already in kernel\n", name);
	else if (err == -ENOENT)
		error("could not insert '%s': Unknown symbol in module, "
		      "or unknown parameter (see dmesg)\n", name);
	else
		error("could not insert '%s': %s\n", name, strerror(-err));
	return err;
}

/* modprobe NAME ARGS: dependencies from the last listed, then NAME. 0 or 1. */
static int probe(const char *arg, const char *args)
{
	char name[MODULE_NAME_LEN], dname[MODULE_NAME_LEN];
	struct moddep_entry e;
	struct stat st;
	int err = 0;

	modname_from_path(arg, strlen(arg), name, sizeof(name));
	if (arg[0] == '/' || (arg[0] == '.' && arg[1] == '/')) {	/* a file: no lookup */
		if (stat(arg, &st))
			return fatal("Failed to get module from path %s: %s\n", arg,
				     strerror(errno));
		return insert(arg, name, args, true) ? 1 : 0;
	}
	err = moddep_lookup(depfile, arg, &e);
	if (err == -ENOMEM) {
		error("out-of-memory\n");
		return 1;
	}
	if (err)
		return fatal("Module %s not found in directory %s\n", arg, MODULE_DIR);
	/* kmod looks at the module before its dependencies: loaded, nothing to do */
	for (int i = e.ndeps - 1; i >= 0 && !err && !loaded(name); i--) {
		modname_from_path(e.deps[i], strlen(e.deps[i]), dname, sizeof(dname));
		err = insert(e.deps[i], dname, "", false);
	}
	if (!err)
		err = insert(e.path, name, args, true);
	moddep_entry_free(&e);
	return err ? 1 : 0;
}

/* modprobe -r NAME: NAME, then its dependencies that nothing uses now. 0 or 1. */
static int remove_one(const char *arg)
{
	char name[MODULE_NAME_LEN], dname[MODULE_NAME_LEN];
	struct moddep_entry e = { .ndeps = 0 };
	bool listed;

	modname_from_path(arg, strlen(arg), name, sizeof(name));
	listed = !moddep_lookup(depfile, arg, &e);
	if (!listed && !loaded(name))
		return fatal("Module %s not found.\n", arg);
	if (!loaded(name)) {		/* nothing to do, except under --first-time (kmod) */
		moddep_entry_free(&e);
		return first_time ? fatal("Module %s is not in kernel.\n", name) : 0;
	}
	if (users(name)) {
		moddep_entry_free(&e);
		return fatal("Module %s is in use.\n", name);
	}
	if (verbose)
		printf("rmmod %s\n", name);
	if (!dry_run && delete_module(name, 0)) {
		error("could not remove '%s': %s\n", name, strerror(errno));
		moddep_entry_free(&e);
		return 1;
	}
	for (int i = 0; i < e.ndeps; i++) {	/* unused dependencies: failures do not count */
		modname_from_path(e.deps[i], strlen(e.deps[i]), dname, sizeof(dname));
		if (loaded(dname) && !users(dname)) {
			if (verbose)
				printf("rmmod %s\n", dname);
			if (!dry_run)
				delete_module(dname, 0);
		}
	}
	moddep_entry_free(&e);
	return 0;
}

static void usage(void)
{
	printf("Usage:\n"
	       "\tmodprobe [options] modulename [PARAM=VALUE...]\n"
	       "\tmodprobe [options] -a modulename [modulename...]\n"
	       "\tmodprobe [options] -r [-a] modulename [modulename...]\n"
	       "Options:\n"
	       "\t-a, --all                   Consider every non-argument to\n"
	       "\t                            be a module name to be inserted\n"
	       "\t                            or removed (-r)\n"
	       "\t-r, --remove                Remove modules instead of inserting\n"
	       "\t    --first-time            Fail if module already inserted or removed\n"
	       "\t-n, --dry-run               Do not execute operations, just print out\n"
	       "\t-n, --show                  Same as --dry-run\n"
	       "\t-q, --quiet                 disable messages\n"
	       "\t-v, --verbose               enables more messages\n"
	       "\t-h, --help                  show this help\n");
}

#define OPT_FIRST_TIME 256

static const struct kopt longopts[] = {
	{ "all", 'a', false },
	{ "remove", 'r', false },
	{ "first-time", OPT_FIRST_TIME, false },
	{ "dry-run", 'n', false },
	{ "show", 'n', false },
	{ "quiet", 'q', false },
	{ "verbose", 'v', false },
	{ "help", 'h', false },
	{ NULL, 0, false }
};

/* kopt_parse's callback: 0, or -2 for -h (help printed). */
static int option(int val, const char *arg, void *ctx)
{
	switch (val) {
	case 'a': all = true; break;
	case 'r': remove_mode = true; break;
	case OPT_FIRST_TIME: first_time = true; break;
	case 'n': dry_run = true; break;
	case 'q': quiet = true; break;
	case 'v': verbose = true; break;
	case 'h': usage(); return -2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int n, status = 0;
	size_t len = 1;
	char *args;

	n = kopt_parse(argc, argv, "arnqvh", longopts, option, NULL);
	if (n == -2)
		return 0;		/* -h */
	if (n < 0)
		return 1;
	if (n == 0) {
		dprintf(2, "modprobe: ERROR: missing parameters. See -h.\n");
		return 1;
	}
	depfile = moddep_read();
	if (remove_mode || all) {
		for (int i = 1; i <= n; i++)
			status |= remove_mode ? remove_one(argv[i]) : probe(argv[i], "");
		return status;
	}
	for (int j = 2; j <= n; j++)
		len += strlen(argv[j]) + 3;
	args = calloc(1, len);
	if (!args) {
		error("could not gather module options: out-of-memory\n");
		return 1;
	}
	for (int j = 2; j <= n; j++) {
		const char *eq = strchr(argv[j], '=');

		if (j > 2)
			strlcat(args, " ", len);
		/* kmod quotes a value with a blank ("who=a b" becomes who="a b") */
		if (eq && eq[1] != '"' && eq[1] != '\'' && strchr(eq, ' ')) {
			size_t at = strlen(args);

			snprintf(args + at, len - at, "%.*s\"%s\"", (int)(eq + 1 - argv[j]),
				 argv[j], eq + 1);
		} else {
			strlcat(args, argv[j], len);
		}
	}
	return probe(argv[1], args);
}
