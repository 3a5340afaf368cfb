/*
 * modinfo [-F FIELD] [-0] [-a|-d|-l|-p|-n] [-m] NAME|FILE.ko...: prints a
 * module's .modinfo tags as kmod's modinfo does ("filename:" first, then
 * "key:" padded to column 16 and the value, parameters last as "parm:
 * NAME:DESC (TYPE)"). A NAME is found as modprobe finds it (modules.dep,
 * updates/ first: userland/lib/moddep.c); an existing FILE.ko is read
 * directly. The file is untrusted: userland/lib/modinfo_elf.c checks
 * every offset. A signed module's signature fields follow the tags, as
 * kmod prints them. Linux's livepatch selftests ask `modinfo MOD` for the
 * "livepatch: Y" line.
 */
#include <kelp.h>
#include <modfile.h>

static const char *field;
static char sep = '\n';
static bool by_name;

/* kmod's ERR(): "modinfo: ERROR: ...", after what stdout holds. */
__attribute__((format(printf, 1, 2)))
static void error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	dprintf(2, "modinfo: ERROR: ");
	va_start(ap, fmt);
	vdprintf(2, fmt, ap);
	va_end(ap);
}

/* An existing regular file named *.ko (kmod's test for "a file, not a name"). */
static bool is_module_file(const char *arg)
{
	size_t n = strlen(arg);
	struct stat st;

	return n > 3 && !strcmp(arg + n - 3, ".ko") && !stat(arg, &st) && S_ISREG(st.st_mode);
}

/* The whole file into a malloc'ed buffer; NULL with errno set. */
static void *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY), saved;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !(buf = malloc(st.st_size ? st.st_size : 1)))
		goto fail;
	while (got < (size_t)st.st_size && (n = read(fd, buf + got, st.st_size - got)) > 0)
		got += n;
	if (n < 0)
		goto fail;
	close(fd);
	*len = got;
	return buf;
fail:
	saved = errno ? errno : ENOMEM;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

/* One module: 0, or 1 after the error message. */
static int show(const char *path, const char *name)
{
	struct modinfo_sig sig;
	const char *sec;
	size_t len, sec_len;
	char *image;
	int err;

	if (field && !strcmp(field, "filename")) {
		printf("%s%c", path, sep);
		return 0;
	}
	if (!field)
		printf("%-16s%s%c", "filename:", path, sep);
	image = read_file(path, &len);
	if (!image) {
		error("could not get modinfo from '%s': %s\n", name, strerror(errno));
		return 1;
	}
	err = modinfo_section(image, len, &sec, &sec_len);
	if (err)
		error("could not get modinfo from '%s': %s\n", name, strerror(-err));
	else if (modinfo_show(sec, sec_len, modinfo_signature(image, len, &sig) ? NULL : &sig,
			      field, sep, stdout, stderr) < 0)
		err = -ENOMEM;
	free(image);
	return err ? 1 : 0;
}

static int one(const char *arg, const char *depfile)
{
	char name[MODULE_NAME_LEN], path[512], cwd[256];
	struct moddep_entry e;
	int ret;

	if (!by_name && is_module_file(arg)) {
		modname_from_path(arg, strlen(arg), name, sizeof(name));
		/* kmod makes the path absolute against the current folder, nothing more */
		if (arg[0] != '/' && getcwd(cwd, sizeof(cwd)))
			snprintf(path, sizeof(path), "%s%s%s", cwd,
				 cwd[strlen(cwd) - 1] == '/' ? "" : "/", arg);
		else
			snprintf(path, sizeof(path), "%s", arg);
		return show(path, name);
	}
	ret = moddep_lookup(depfile, arg, &e);
	if (ret == -ENOMEM) {
		error("Out of memory!\n");
		return 1;
	}
	if (ret) {
		error(by_name ? "Module name %s not found.\n" : "Module %s not found.\n", arg);
		return 1;
	}
	moddep_entry_free(&e);
	modname_from_path(e.path, strlen(e.path), name, sizeof(name));
	return show(e.path, name);
}

static void usage(void)
{
	printf("Usage:\n"
	       "\tmodinfo [options] <modulename|filename> [args]\n"
	       "Options:\n"
	       "\t-a, --author                Print only 'author'\n"
	       "\t-d, --description           Print only 'description'\n"
	       "\t-l, --license               Print only 'license'\n"
	       "\t-p, --parameters            Print only 'parm'\n"
	       "\t-n, --filename              Print only 'filename'\n"
	       "\t-0, --null                  Use \\0 instead of \\n\n"
	       "\t-m, --modname               Handle argument as module name instead of alias or filename\n"
	       "\t-F, --field=FIELD           Print only provided FIELD\n"
	       "\t-h, --help                  Show this help\n");
}

static const struct kopt longopts[] = {
	{ "author", 'a', false },
	{ "description", 'd', false },
	{ "license", 'l', false },
	{ "parameters", 'p', false },
	{ "filename", 'n', false },
	{ "null", '0', false },
	{ "modname", 'm', false },
	{ "field", 'F', true },
	{ "help", 'h', false },
	{ NULL, 0, false }
};

/* kopt_parse's callback: 0, or -2 for -h (help printed). */
static int option(int val, const char *arg, void *ctx)
{
	switch (val) {
	case 'a': field = "author"; break;
	case 'd': field = "description"; break;
	case 'l': field = "license"; break;
	case 'p': field = "parm"; break;
	case 'n': field = "filename"; break;
	case '0': sep = '\0'; break;
	case 'm': by_name = true; break;
	case 'F': field = arg; break;
	case 'h': usage(); return -2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int n = kopt_parse(argc, argv, "adlpn0mF:h", longopts, option, NULL), status = 0;
	char *depfile;

	if (n == -2)
		return 0;
	if (n < 0)
		return 1;
	if (n == 0) {
		error("missing module or filename.\n");
		return 1;
	}
	depfile = moddep_read();
	for (int i = 1; i <= n; i++)
		status |= one(argv[i], depfile);
	free(depfile);
	return status;
}
