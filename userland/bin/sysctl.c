/*
 * sysctl [-n|--values] [-q|--quiet] [-e|--ignore] [-w|--write]
 * KEY[=VALUE]...: reads or sets /proc/sys parameters, with procps's output
 * and messages: "kernel.ftrace_enabled = 1", `sysctl: setting key
 * "kernel.ftrace_enabled": Invalid argument`, "sysctl: cannot stat
 * /proc/sys/kernel/nope: No such file or directory". KEY may use dots or
 * slashes. -q prints nothing for a key that was set, -e nothing for an
 * unknown key (Linux's livepatch selftests use --values and -q).
 */
#include <kelp.h>

/* Prints "key = value" (or the value alone with -n) from the file. Exit status. */
static int show(const char *key, const char *path, bool value_only)
{
	char val[256];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	n = fd < 0 ? -1 : read(fd, val, sizeof(val) - 1);
	if (fd >= 0)
		close(fd);
	if (n < 0) {
		dprintf(2, "sysctl: reading key \"%s\": %s\n", key, strerror(errno));
		return 1;
	}
	val[n] = '\0';
	if (n && val[n - 1] == '\n')
		val[n - 1] = '\0';
	if (value_only)
		printf("%s\n", val);
	else
		printf("%s = %s\n", key, val);
	return 0;
}

static bool quiet, ignore_unknown;

/* One KEY or KEY=VALUE argument. Returns the exit status. */
static int one(char *arg, bool value_only)
{
	char key[128], path[160];
	char *eq = strchr(arg, '=');
	struct stat st;
	int fd;

	if (eq)
		*eq = '\0';
	strlcpy(key, arg, sizeof(key));
	for (char *p = key; *p; p++)	/* the name shown: dots */
		if (*p == '/')
			*p = '.';
	snprintf(path, sizeof(path), "/proc/sys/%s", arg);
	for (char *p = path + 10; *p; p++)	/* the file: slashes */
		if (*p == '.')
			*p = '/';
	if (stat(path, &st) || S_ISDIR(st.st_mode)) {
		if (ignore_unknown)
			return 0;
		dprintf(2, "sysctl: cannot stat %s: %s\n", path, strerror(ENOENT));
		return 1;
	}
	if (!eq)
		return show(key, path, value_only);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, eq + 1, strlen(eq + 1)) < 0) {
		dprintf(2, "sysctl: setting key \"%s\": %s\n", key, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	close(fd);
	return quiet ? 0 : show(key, path, value_only);
}

int main(int argc, char **argv)
{
	bool value_only = false;
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "-n") || !strcmp(o, "--values")) {
			value_only = true;
		} else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
			quiet = true;
		} else if (!strcmp(o, "-e") || !strcmp(o, "--ignore")) {
			ignore_unknown = true;
		} else if (strcmp(o, "-w") && strcmp(o, "--write")) {
			dprintf(2, "sysctl: invalid option '%s'\n", o);
			return 1;
		}
	}
	if (i == argc) {
		dprintf(2, "usage: sysctl [-n] [-q] [-e] [-w] KEY[=VALUE]...\n");
		return 1;
	}
	for (; i < argc; i++)
		status |= one(argv[i], value_only);
	return status;
}
