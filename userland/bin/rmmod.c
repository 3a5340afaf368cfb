/*
 * rmmod MODULE...: unloads modules with delete_module(2). As kmod, it
 * checks /sys/module/NAME first (loaded, holders, refcnt) and prints kmod's
 * messages ("rmmod: ERROR: Module x is in use by: y").
 */
#include <kelp.h>

#define MODULE_NAME_LEN 56

/* "x" from "x", "x.ko" or "/lib/modules/x.ko"; '-' reads as '_'. */
static void module_arg_name(const char *arg, char *name, size_t len)
{
	const char *base = strrchr(arg, '/');
	size_t n;

	strlcpy(name, base ? base + 1 : arg, len);
	n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, ".ko"))
		name[n - 3] = '\0';
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
}

/* The holders' names, " a b", into out; returns how many. */
static int holders(const char *name, char *out, size_t len)
{
	static char path[128], buf[2048];
	int fd, got, n = 0;

	snprintf(path, sizeof(path), "/sys/module/%s/holders", name);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	out[0] = '\0';
	if (fd < 0)
		return 0;
	while ((got = getdents64(fd, (void *)buf, sizeof(buf))) > 0) {
		for (int off = 0; off < got;) {
			struct dirent *d = (void *)(buf + off);

			strlcat(out, " ", len);
			strlcat(out, d->d_name, len);
			n++;
			off += d->d_reclen;
		}
	}
	close(fd);
	return n;
}

static int refcnt(const char *name)
{
	static char path[128];
	char buf[32] = { 0 };
	int fd;

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return atoi(buf);
}

/* kmod's checks before delete_module: 0 or 1 (reported). */
static int precheck(const char *name)
{
	static char path[128], list[1024];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	if (stat(path, &st)) {
		dprintf(2, "rmmod: ERROR: Module %s is not currently loaded\n", name);
		return 1;
	}
	if (holders(name, list, sizeof(list))) {
		dprintf(2, "rmmod: ERROR: Module %s is in use by:%s\n", name, list);
		return 1;
	}
	if (refcnt(name)) {
		dprintf(2, "rmmod: ERROR: Module %s is in use\n", name);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char name[MODULE_NAME_LEN];
	int status = 0;

	if (argc < 2) {
		dprintf(2, "Usage: rmmod MODULE...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		module_arg_name(argv[i], name, sizeof(name));
		if (precheck(name)) {
			status = 1;
			continue;
		}
		if (delete_module(name, 0)) {
			dprintf(2, "rmmod: ERROR: could not remove module %s: %s\n", name,
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
