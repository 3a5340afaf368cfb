/*
 * The shell's filesystem commands: ls [-l], cat, mkdir, rm, rmdir, cd, pwd,
 * with busybox's messages ("cat: /nope: No such file or directory"). They
 * use the same VFS calls user programs will use through system calls.
 */
#include <kelp/shell.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/string.h>

#define LS_MAX_ENTRIES 4096

static void ls_print(const struct dirent_info *d, const struct kstat *st, bool longfmt)
{
	char mode[11];

	if (!longfmt) {
		sh_printf("%s\n", d->name);
		return;
	}
	vfs_mode_string(st->mode, mode);
	sh_printf("%s %4u %-8s %-8s %8llu %s\n", mode, st->nlink, "root", "root",
		  (unsigned long long)st->size, d->name);
}

static int cmp_names(const struct dirent_info *a, const struct dirent_info *b)
{
	return strcmp(a->name, b->name);
}

/* Insertion sort: directories are small, and this keeps the code obvious. */
static void sort_entries(struct dirent_info *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct dirent_info tmp = v[i];
		size_t j = i;

		for (; j > 0 && cmp_names(&v[j - 1], &tmp) > 0; j--)
			v[j] = v[j - 1];
		v[j] = tmp;
	}
}

static int read_dir(struct file *f, struct dirent_info **out, size_t *count)
{
	size_t n = 0, cap = 16;
	struct dirent_info *v = kmalloc(cap * sizeof(*v), GFP_KERNEL);
	int r;

	while (v && (r = vfs_getdents(f, &v[n])) > 0) {
		if (++n == cap) {
			struct dirent_info *nv = cap < LS_MAX_ENTRIES ?
				krealloc(v, 2 * cap * sizeof(*v), GFP_KERNEL) : NULL;

			if (!nv)
				break;
			v = nv;
			cap *= 2;
		}
	}
	if (!v)
		return -ENOMEM;
	*out = v;
	*count = n;
	return r < 0 ? r : 0;
}

static int ls_dir(const char *path, bool longfmt)
{
	static char child[PATH_MAX];
	struct dirent_info *v;
	struct file *f;
	size_t n;
	int err = vfs_open(path, O_RDONLY | O_DIRECTORY, 0, &f);

	if (err)
		return err;
	err = read_dir(f, &v, &n);
	vfs_close(f);
	if (err)
		return err;
	sort_entries(v, n);
	for (size_t i = 0; i < n; i++) {
		struct kstat st = { .mode = v[i].mode, .nlink = 1 };

		snprintf(child, sizeof(child), "%s/%s", path, v[i].name);
		if (longfmt)
			vfs_stat(child, &st);
		ls_print(&v[i], &st, longfmt);
	}
	kfree(v);
	return 0;
}

static int ls_one(const char *path, bool longfmt)
{
	struct kstat st;
	int err = vfs_stat(path, &st);

	if (!err && S_ISDIR(st.mode))
		err = ls_dir(path, longfmt);
	else if (!err) {
		struct dirent_info d = { .mode = st.mode };

		strlcpy(d.name, path, sizeof(d.name));
		ls_print(&d, &st, longfmt);
	}
	if (err)
		sh_eprintf("ls: %s: %s\n", path, strerror(err));
	return err ? 1 : 0;
}

static int cmd_ls(int argc, char **argv)
{
	bool longfmt = false;
	int i = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		longfmt = true;
		i++;
	}
	if (i < argc && argv[i][0] == '-') {
		sh_eprintf("ls: invalid option -- '%s'\n", argv[i] + 1);
		return 1;
	}
	if (i == argc)
		return ls_one(".", longfmt);
	bool headers = argc - i > 1;

	for (; i < argc; i++) {
		if (headers)
			sh_printf("%s:\n", argv[i]);
		status |= ls_one(argv[i], longfmt);
	}
	return status;
}
SHELL_COMMAND("ls", "[-l] [PATH...]  list a directory", cmd_ls);

static int cat_one(const char *path)
{
	static char buf[1024];
	struct file *f;
	ssize_t n;
	int err = vfs_open(path, O_RDONLY, 0, &f);

	if (err) {
		sh_eprintf("cat: %s: %s\n", path, strerror(err));
		return 1;
	}
	while ((n = vfs_read(f, buf, sizeof(buf))) > 0)
		sh_write(buf, n);
	vfs_close(f);
	if (n < 0) {
		sh_eprintf("cat: read error: %s\n", strerror(n));
		return 1;
	}
	return 0;
}

static int cmd_cat(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++)
		status |= cat_one(argv[i]);
	return status;
}
SHELL_COMMAND("cat", "FILE...  print files", cmd_cat);

/* Applies op to every argument; msg formats a failure (argument, error). */
static int each_arg(int argc, char **argv, int (*op)(const char *path), const char *msg)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int err = op(argv[i]);

		if (err) {
			sh_eprintf(msg, argv[i], strerror(err));
			status = 1;
		}
	}
	return status;
}

static int mkdir_0755(const char *path)
{
	return vfs_mkdir(path, 0755);
}

static int cmd_mkdir(int argc, char **argv)
{
	return each_arg(argc, argv, mkdir_0755, "mkdir: can't create directory '%s': %s\n");
}
SHELL_COMMAND("mkdir", "DIR...  make directories", cmd_mkdir);

static int cmd_rm(int argc, char **argv)
{
	return each_arg(argc, argv, vfs_unlink, "rm: can't remove '%s': %s\n");
}
SHELL_COMMAND("rm", "FILE...  remove files", cmd_rm);

static int cmd_rmdir(int argc, char **argv)
{
	return each_arg(argc, argv, vfs_rmdir, "rmdir: '%s': %s\n");
}
SHELL_COMMAND("rmdir", "DIR...  remove empty directories", cmd_rmdir);

static int cmd_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/";
	int err = vfs_chdir(dir);

	if (err) {
		sh_eprintf("sh: cd: can't cd to %s: %s\n", dir, strerror(err));
		return 1;
	}
	return 0;
}
SHELL_COMMAND("cd", "[DIR]  change the current directory", cmd_cd);

static int cmd_pwd(int argc, char **argv)
{
	char buf[PATH_MAX];

	vfs_getcwd(buf, sizeof(buf));
	sh_printf("%s\n", buf);
	return 0;
}
SHELL_COMMAND("pwd", "print the current directory", cmd_pwd);
