/*
 * insmod FILE [NAME=VALUE...]: loads a module with finit_module(2), with
 * kmod's messages ("insmod: ERROR: could not insert module x.ko: Invalid
 * module format"). A bare NAME or NAME.ko that is no file in the current
 * folder is looked up as modprobe does, /lib/modules/updates/ first (an
 * outside module overrides the in-tree one), then /lib/modules/.
 */
#include <kelp.h>

/* Opens arg, or its /lib/modules/{updates/,}NAME.ko for a bare name. */
static int open_module(const char *arg)
{
	static const char *const dirs[] = { "/lib/modules/updates/", "/lib/modules/" };
	char path[256];
	size_t n = strlen(arg);
	int fd = open(arg, O_RDONLY);

	if (fd >= 0 || strchr(arg, '/') || errno != ENOENT)
		return fd;
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s%s%s", dirs[i], arg,
			 n > 3 && !strcmp(arg + n - 3, ".ko") ? "" : ".ko");
		fd = open(path, O_RDONLY);
		if (fd >= 0)
			return fd;
	}
	errno = ENOENT;
	return -1;
}

/* kmod's texts for the loader's errors (as the kernel's insmod printed them). */
static const char *mod_strerror(int err)
{
	switch (err) {
	case ENOEXEC: return "Invalid module format";
	case ENOENT: return "Unknown symbol in module";
	case ESRCH: return "Module has wrong symbol version";
	case EINVAL: return "Invalid parameters";
	default: return strerror(err);
	}
}

int main(int argc, char **argv)
{
	size_t len = 1;
	char *args;
	int fd, ret;

	if (argc < 2) {
		dprintf(2, "Usage: insmod FILE [NAME[=VAL]...]\n");
		return 1;
	}
	for (int i = 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	args = calloc(1, len);
	for (int i = 2; args && i < argc; i++) {
		if (i > 2)
			strlcat(args, " ", len);
		strlcat(args, argv[i], len);
	}
	fd = open_module(argv[1]);
	if (fd < 0 || !args) {
		dprintf(2, "insmod: ERROR: could not load module %s: %s\n", argv[1],
			strerror(args ? errno : ENOMEM));
		return 1;
	}
	ret = finit_module(fd, args, 0);
	close(fd);
	if (ret) {
		dprintf(2, "insmod: ERROR: could not insert module %s: %s\n", argv[1],
			mod_strerror(errno));
		return 1;
	}
	return 0;
}
