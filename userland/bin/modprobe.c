/*
 * modprobe [-q] [-v] NAME [PARAM=VALUE...], modprobe -r [-q] [-v] NAME...:
 * loads a module by name with its dependencies, or unloads it and the
 * dependencies nothing uses any more, as kmod's modprobe. The names and
 * dependencies come from /lib/modules/modules.dep (tools/depmod.py writes
 * it at image build; modules in /lib/modules/updates/ win over in-tree
 * ones of the same name, as Linux's updates/). Dependencies load from the
 * end of the list. Messages are kmod's ("modprobe: FATAL: Module x not
 * found in directory /lib/modules", "modprobe: ERROR: could not insert
 * 'x': ...").
 */
#include <kelp.h>

#define MODULE_DIR "/lib/modules"
#define MODULE_NAME_LEN 56
#define MAX_DEPS 32

static bool quiet, verbose;
static char *depfile;		/* modules.dep, NUL-terminated; NULL if absent */

/* "x" from "dir/x.ko"; '-' reads as '_' (kmod's name rule). */
static void path_to_name(const char *path, size_t len, char *name, size_t size)
{
	const char *base = path, *end = path + len;
	size_t n;

	for (const char *p = path; p < end; p++)
		if (*p == '/')
			base = p + 1;
	n = end - base;
	if (n > 3 && !strncmp(end - 3, ".ko", 3))
		n -= 3;
	if (n >= size)
		n = size - 1;
	memcpy(name, base, n);
	name[n] = '\0';
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
}

static void read_depfile(void)
{
	size_t cap = 4096, len = 0;
	int fd = open(MODULE_DIR "/modules.dep", O_RDONLY);
	ssize_t got;

	if (fd < 0)
		return;
	depfile = malloc(cap);
	while (depfile && (got = read(fd, depfile + len, cap - len - 1)) > 0) {
		len += got;
		if (len + 1 == cap) {
			cap *= 2;
			depfile = realloc(depfile, cap);
		}
	}
	close(fd);
	if (depfile)
		depfile[len] = '\0';
}

/* modules.dep's line for name ("path: deps"), or NULL. */
static const char *dep_line(const char *name)
{
	char n[MODULE_NAME_LEN];

	for (const char *l = depfile; l && *l;) {
		const char *colon = strchr(l, ':'), *nl = strchr(l, '\n');

		if (!nl)
			nl = l + strlen(l);
		if (colon && colon < nl) {
			path_to_name(l, colon - l, n, sizeof(n));
			if (!strcmp(n, name))
				return l;
		}
		l = *nl ? nl + 1 : nl;
	}
	return NULL;
}

/* Splits line into /lib/modules/PATH (into path) and dependency paths (deps[], own copies). */
static int parse_line(const char *line, char *path, size_t size, char **deps)
{
	const char *colon = strchr(line, ':'), *p, *nl = strchr(line, '\n');
	int n = 0;

	if (!nl)
		nl = line + strlen(line);
	snprintf(path, size, MODULE_DIR "/%.*s", (int)(colon - line), line);
	for (p = colon + 1; p < nl && n < MAX_DEPS;) {
		const char *s;

		while (p < nl && *p == ' ')
			p++;
		for (s = p; p < nl && *p != ' '; p++)
			;
		if (p > s) {
			deps[n] = malloc(p - s + sizeof(MODULE_DIR) + 1);
			if (!deps[n])
				break;
			snprintf(deps[n], p - s + sizeof(MODULE_DIR) + 1, MODULE_DIR "/%.*s",
				 (int)(p - s), s);
			n++;
		}
	}
	return n;
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

/* Loads path with args unless name is loaded. 0, or -errno (reported). */
static int insert(const char *path, const char *name, const char *args)
{
	int fd, err = 0;

	if (loaded(name))
		return 0;
	if (verbose)
		printf("insmod %s %s\n", path, args);
	fd = open(path, O_RDONLY);
	if (fd < 0 || finit_module(fd, args, 0))
		err = errno ? -errno : -ENOENT;
	if (fd >= 0)
		close(fd);
	if (!err || (err == -EEXIST && loaded(name)))
		return 0;
	if (err == -EEXIST)
		dprintf(2, "modprobe: ERROR: could not insert '%s': Module already in kernel\n", name);
	else if (err == -ENOENT)
		dprintf(2, "modprobe: ERROR: could not insert '%s': Unknown symbol in module, "
			"or unknown parameter (see dmesg)\n", name);
	else
		dprintf(2, "modprobe: ERROR: could not insert '%s': %s\n", name, strerror(-err));
	return err;
}

static void free_deps(char **deps, int n)
{
	for (int i = 0; i < n; i++)
		free(deps[i]);
}

/* modprobe NAME ARGS: dependencies from the last listed, then NAME. 0 or 1. */
static int probe(const char *arg, const char *args)
{
	char name[MODULE_NAME_LEN], path[256], dname[MODULE_NAME_LEN];
	char *deps[MAX_DEPS];
	const char *line;
	int n, err = 0;

	if (arg[0] == '/' || (arg[0] == '.' && arg[1] == '/')) {	/* a file: no lookup */
		path_to_name(arg, strlen(arg), name, sizeof(name));
		return insert(arg, name, args) ? 1 : 0;
	}
	path_to_name(arg, strlen(arg), name, sizeof(name));
	line = dep_line(name);
	if (!line) {
		if (!quiet)
			dprintf(2, "modprobe: FATAL: Module %s not found in directory %s\n", arg,
				MODULE_DIR);
		return 1;
	}
	n = parse_line(line, path, sizeof(path), deps);
	for (int i = n - 1; i >= 0 && !err; i--) {
		path_to_name(deps[i], strlen(deps[i]), dname, sizeof(dname));
		err = insert(deps[i], dname, "");
	}
	if (!err)
		err = insert(path, name, args);
	free_deps(deps, n);
	return err ? 1 : 0;
}

/* modprobe -r NAME: NAME, then its dependencies that nothing uses now. 0 or 1. */
static int remove_one(const char *arg)
{
	char name[MODULE_NAME_LEN], path[256], dname[MODULE_NAME_LEN];
	char *deps[MAX_DEPS];
	const char *line;
	int n = 0;

	path_to_name(arg, strlen(arg), name, sizeof(name));
	line = dep_line(name);
	if (!line && !loaded(name)) {
		if (!quiet)
			dprintf(2, "modprobe: FATAL: Module %s not found.\n", arg);
		return 1;
	}
	if (!loaded(name))
		return 0;		/* not in the kernel: nothing to do (kmod) */
	if (users(name)) {
		if (!quiet)
			dprintf(2, "modprobe: FATAL: Module %s is in use.\n", name);
		return 1;
	}
	if (verbose)
		printf("rmmod %s\n", name);
	if (delete_module(name, 0)) {
		dprintf(2, "modprobe: ERROR: could not remove '%s': %s\n", name, strerror(errno));
		return 1;
	}
	if (line)
		n = parse_line(line, path, sizeof(path), deps);
	for (int i = 0; i < n; i++) {	/* unused dependencies: failures do not count */
		path_to_name(deps[i], strlen(deps[i]), dname, sizeof(dname));
		if (loaded(dname) && !users(dname)) {
			if (verbose)
				printf("rmmod %s\n", dname);
			delete_module(dname, 0);
		}
	}
	free_deps(deps, n);
	return 0;
}

int main(int argc, char **argv)
{
	bool remove = false;
	int i, status = 0;
	size_t len = 1;
	char *args;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'r')
				remove = true;
			else if (*o == 'q')
				quiet = true;
			else if (*o == 'v')
				verbose = true;
			else {
				dprintf(2, "modprobe: ERROR: unexpected option '-%c'.\n", *o);
				return 1;
			}
		}
	}
	if (i >= argc) {
		dprintf(2, "modprobe: ERROR: missing parameters. See -h.\n");
		return 1;
	}
	read_depfile();
	if (remove) {
		for (; i < argc; i++)
			status |= remove_one(argv[i]);
		return status;
	}
	for (int j = i + 1; j < argc; j++)
		len += strlen(argv[j]) + 1;
	args = calloc(1, len);
	if (!args) {
		dprintf(2, "modprobe: ERROR: out-of-memory\n");
		return 1;
	}
	for (int j = i + 1; j < argc; j++) {
		if (j > i + 1)
			strlcat(args, " ", len);
		strlcat(args, argv[j], len);
	}
	return probe(argv[i], args);
}
