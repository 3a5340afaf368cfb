/*
 * ls [-l] [PATH...]: lists directories sorted by name; -l shows the mode
 * string, link count and size (a device's major, minor) as busybox does
 * (owner root), and a symbolic link as "name -> target" (lstat and
 * readlink: -l shows the link itself, not what it points to).
 */
#include <kelp.h>

struct entry {
	char *name;
	u32 mode;
};

/* path is the entry's path, for readlink. */
static void print_entry(const char *name, const char *path, const struct stat *st, bool longfmt)
{
	static char target[4096];
	char mode[11];
	ssize_t n;

	if (!longfmt) {
		printf("%s\n", name);
		return;
	}
	mode_string(st->st_mode, mode);
	if (S_ISCHR(st->st_mode)) {
		/* Linux's new_encode_dev: major in bits 8-19, minor in 0-7 and 20-31. */
		unsigned int major = (st->st_rdev >> 8) & 0xfff;
		unsigned int minor = (st->st_rdev & 0xff) | ((st->st_rdev >> 12) & 0xfff00);

		printf("%s %4u %-8s %-8s %4u, %3u %s\n", mode, (unsigned int)st->st_nlink, "root",
		       "root", major, minor, name);
		return;
	}
	if (S_ISLNK(st->st_mode)) {
		n = readlink(path, target, sizeof(target) - 1);
		target[n < 0 ? 0 : n] = '\0';
		printf("%s %4u %-8s %-8s %8llu %s -> %s\n", mode, (unsigned int)st->st_nlink, "root",
		       "root", (unsigned long long)st->st_size, name, target);
		return;
	}
	printf("%s %4u %-8s %-8s %8llu %s\n", mode, (unsigned int)st->st_nlink, "root", "root",
	       (unsigned long long)st->st_size, name);
}

static void sort_entries(struct entry *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct entry tmp = v[i];
		size_t j = i;

		for (; j > 0 && strcmp(v[j - 1].name, tmp.name) > 0; j--)
			v[j] = v[j - 1];
		v[j] = tmp;
	}
}

/* Reads the directory; returns the entries (malloc'd) or NULL with errno. */
static struct entry *read_dir(int fd, size_t *count)
{
	static char buf[4096];
	size_t n = 0, cap = 16;
	struct entry *v = malloc(cap * sizeof(*v));
	int got = 0;

	while (v && (got = getdents64(fd, (void *)buf, sizeof(buf))) > 0) {
		for (int off = 0; off < got;) {
			struct dirent *d = (void *)(buf + off);

			if (n == cap) {
				cap *= 2;
				v = realloc(v, cap * sizeof(*v));
				if (!v)
					return NULL;
			}
			v[n].name = strdup(d->d_name);
			v[n++].mode = d->d_type == DT_DIR ? S_IFDIR : d->d_type == DT_LNK ? S_IFLNK : S_IFREG;
			off += d->d_reclen;
		}
	}
	if (got < 0) {
		free(v);
		return NULL;
	}
	*count = n;
	return v;
}

static int ls_dir(const char *path, bool longfmt)
{
	static char child[4096];
	struct entry *v;
	size_t n;
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return -1;
	v = read_dir(fd, &n);
	close(fd);
	if (!v)
		return -1;
	sort_entries(v, n);
	for (size_t i = 0; i < n; i++) {
		struct stat st = { .st_mode = v[i].mode, .st_nlink = 1 };

		snprintf(child, sizeof(child), "%s/%s", path, v[i].name);
		if (longfmt)
			lstat(child, &st);
		print_entry(v[i].name, child, &st, longfmt);
		free(v[i].name);
	}
	free(v);
	return 0;
}

static int ls_one(const char *path, bool longfmt)
{
	struct stat st;
	int err = longfmt ? lstat(path, &st) : stat(path, &st);

	if (!err && S_ISDIR(st.st_mode))
		err = ls_dir(path, longfmt);
	else if (!err)
		print_entry(path, path, &st, longfmt);
	if (err)
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	bool longfmt = false, headers;
	int i = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		longfmt = true;
		i++;
	}
	if (i < argc && argv[i][0] == '-') {
		dprintf(2, "ls: invalid option -- '%s'\n", argv[i] + 1);
		return 1;
	}
	if (i == argc)
		return ls_one(".", longfmt);
	headers = argc - i > 1;
	for (; i < argc; i++) {
		if (headers)
			printf("%s:\n", argv[i]);
		status |= ls_one(argv[i], longfmt);
	}
	return status;
}
