/*
 * /bin/ktest and /bin/bench (testmods.h): the in-kernel tests and
 * benchmarks are modules, ktest-<subsystem>.ko and bench-<name>.ko in
 * /lib/modules of the test image, whose init runs the cases its filter=
 * parameter selects. target-*.ko hold code they call or patch, so they are
 * loaded first and unloaded last. Only in libkelp.a: programs that do not
 * call testmods_run() do not link it.
 */
#include <kelp.h>
#include <testmods.h>

#define MAX_MODS 64
#define MODULE_DIR_PATH "/lib/modules"

/* The /lib/modules files "PREFIX*.ko", sorted; returns their count. */
static int list_modules(const char *prefix, char **names, int max)
{
	static char buf[4096];
	int fd = open(MODULE_DIR_PATH, O_RDONLY), n = 0, got;

	if (fd < 0)
		return 0;
	while ((got = getdents64(fd, (void *)buf, sizeof(buf))) > 0) {
		for (int off = 0; off < got;) {
			struct dirent *d = (void *)(buf + off);
			size_t len = strlen(d->d_name);

			off += d->d_reclen;
			if (n == max || strncmp(d->d_name, prefix, strlen(prefix)) ||
			    len < 4 || strcmp(d->d_name + len - 3, ".ko"))
				continue;
			names[n++] = strdup(d->d_name);
		}
	}
	close(fd);
	for (int i = 1; i < n; i++)	/* insertion sort: a few dozen names */
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	return n;
}

/* The module name of a file name: "ktest-sched.ko" -> "ktest_sched". */
static void module_name(const char *file, char *name, size_t len)
{
	size_t i;

	for (i = 0; file[i] && strcmp(file + i, ".ko") && i + 1 < len; i++)
		name[i] = file[i] == '-' ? '_' : file[i];
	name[i] = '\0';
}

/* finit_module() of /lib/modules/file with args; 0 or -errno. */
static int load(const char *file, const char *args)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s", MODULE_DIR_PATH, file);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	ret = finit_module(fd, args, 0);
	close(fd);
	return ret < 0 ? -errno : 0;
}

/* The module's failed= parameter (its failed cases), or 0. */
static int read_failed(const char *name)
{
	char path[128], buf[16] = "";
	int fd, v = 0;

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/failed", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	if (read(fd, buf, sizeof(buf) - 1) > 0)
		parse_int(buf, 10, &v);	/* "3\n": parse_int takes the newline */
	close(fd);
	return v;
}

/* Loads, reads and unloads each module of mods; returns failed cases and loads. */
static int run_mods(const char *prog, char **mods, int n, const char *args)
{
	char name[64];
	int failed = 0, err;

	for (int i = 0; i < n; i++) {
		module_name(mods[i], name, sizeof(name));
		err = load(mods[i], args);
		if (err) {
			dprintf(2, "%s: %s: %s\n", prog, mods[i], strerror(-err));
			failed++;
			continue;
		}
		failed += read_failed(name);
		if (delete_module(name, 0) < 0)
			dprintf(2, "%s: rmmod %s: %s\n", prog, name, strerror(errno));
	}
	return failed;
}

/* See testmods.h. */
int testmods_run(const char *prog, const char *const *kinds, const char *args)
{
	static char *targets[MAX_MODS], *mods[MAX_MODS];
	bool loaded[MAX_MODS] = { false };
	char name[64];
	int nt, failed = 0, err;

	nt = list_modules("target-", targets, MAX_MODS);
	for (int i = 0; i < nt; i++) {
		err = load(targets[i], "");
		loaded[i] = !err;
		if (err && err != -EEXIST)
			dprintf(2, "%s: %s: %s\n", prog, targets[i], strerror(-err));
	}
	for (; *kinds; kinds++) {
		int n = list_modules(*kinds, mods, MAX_MODS);

		if (!n)
			dprintf(2, "%s: no %s/%s*.ko\n", prog, MODULE_DIR_PATH, *kinds);
		failed += run_mods(prog, mods, n, args);
		for (int i = 0; i < n; i++)
			free(mods[i]);
	}
	for (int i = nt - 1; i >= 0; i--) {
		module_name(targets[i], name, sizeof(name));
		if (loaded[i] && delete_module(name, 0) < 0)
			dprintf(2, "%s: rmmod %s: %s\n", prog, name, strerror(errno));
	}
	return failed;
}
