/*
 * stat [-L] [-c FORMAT | --format=FORMAT | --printf=FORMAT] FILE...: a
 * file's status as GNU coreutils prints it. Linux's livepatch selftests
 * check sysfs modes with `stat --format '%A'` (check_sysfs_rights).
 * Formats: %a %A %b %B %f %F %g %G %h %i %n %N %o %s %t %T %u %U and %%;
 * --printf also takes \n, \t and \\ and adds no newline. Without a
 * format: the File, Size, Device and Access lines. A symbolic link is
 * shown itself (lstat) unless -L; %N and the File line add "-> target".
 * Everything is owned by root.
 */
#include <kelp.h>

static const char *file_type(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return "directory";
	case S_IFCHR: return "character special file";
	case S_IFBLK: return "block special file";
	case S_IFLNK: return "symbolic link";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "socket";
	default: return "regular file";
	}
}

/* Linux's new_encode_dev: major in bits 8-19, minor in 0-7 and 20-31. */
static unsigned int dev_major(unsigned long dev)
{
	return (dev >> 8) & 0xfff;
}

static unsigned int dev_minor(unsigned long dev)
{
	return (dev & 0xff) | ((dev >> 12) & 0xfff00);
}

/* "'name' -> 'target'" for a link (%N), "'name'" otherwise. */
static void print_quoted(const char *name, const struct stat *st, bool arrows)
{
	char target[4096];
	ssize_t n;

	if (!S_ISLNK(st->st_mode)) {
		printf(arrows ? "%s" : "'%s'", name);
		return;
	}
	n = readlink(name, target, sizeof(target) - 1);
	target[n < 0 ? 0 : n] = '\0';
	printf(arrows ? "%s -> %s" : "'%s' -> '%s'", name, target);
}

/* One %X directive; returns false for an unknown one. */
static bool directive(char c, const char *name, const struct stat *st)
{
	char mode[11];

	switch (c) {
	case 'a': printf("%o", st->st_mode & 07777); break;
	case 'A': mode_string(st->st_mode, mode); fputs(mode, stdout); break;
	case 'b': printf("%llu", (unsigned long long)st->st_blocks); break;
	case 'B': fputs("512", stdout); break;
	case 'f': printf("%x", st->st_mode); break;
	case 'F': fputs(file_type(st->st_mode), stdout); break;
	case 'g': case 'u': fputs("0", stdout); break;
	case 'G': case 'U': fputs("root", stdout); break;
	case 'h': printf("%lu", (unsigned long)st->st_nlink); break;
	case 'i': printf("%lu", (unsigned long)st->st_ino); break;
	case 'n': fputs(name, stdout); break;
	case 'N': print_quoted(name, st, false); break;
	case 'o': printf("%lu", (unsigned long)st->st_blksize); break;
	case 's': printf("%lld", (long long)st->st_size); break;
	case 't': printf("%x", dev_major(st->st_rdev)); break;
	case 'T': printf("%x", dev_minor(st->st_rdev)); break;
	case '%': putchar('%'); break;
	default: return false;
	}
	return true;
}

/* Prints fmt for one file; escapes only with --printf. Returns false on a bad directive. */
static bool print_format(const char *fmt, bool escapes, const char *name, const struct stat *st)
{
	for (const char *p = fmt; *p; p++) {
		if (*p == '%' && p[1]) {
			if (!directive(*++p, name, st)) {
				dprintf(2, "stat: '%%%c': invalid directive\n", *p);
				return false;
			}
		} else if (escapes && *p == '\\' && p[1]) {
			p++;
			putchar(*p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
		} else {
			putchar(*p);
		}
	}
	return true;
}

static void print_default(const char *name, const struct stat *st)
{
	char mode[11];

	mode_string(st->st_mode, mode);
	fputs("  File: ", stdout);
	print_quoted(name, st, true);
	putchar('\n');
	printf("  Size: %-10lld\tBlocks: %-10llu IO Block: %-6lu %s\n", (long long)st->st_size,
	       (unsigned long long)st->st_blocks, (unsigned long)st->st_blksize,
	       file_type(st->st_mode));
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		printf("Device: 0,0\tInode: %-11lu Links: %-5lu Device type: %u,%u\n",
		       (unsigned long)st->st_ino, (unsigned long)st->st_nlink,
		       dev_major(st->st_rdev), dev_minor(st->st_rdev));
	else
		printf("Device: 0,0\tInode: %-11lu Links: %lu\n", (unsigned long)st->st_ino,
		       (unsigned long)st->st_nlink);
	printf("Access: (%04o/%s)  Uid: (    0/    root)   Gid: (    0/    root)\n",
	       st->st_mode & 07777, mode);
}

static int usage(void)
{
	dprintf(2, "usage: stat [-L] [-c FORMAT | --format=FORMAT | --printf=FORMAT] FILE...\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *fmt = NULL;
	bool escapes = false, follow = false;
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "-L") || !strcmp(o, "--dereference")) {
			follow = true;
		} else if (!strcmp(o, "-c") || !strcmp(o, "--format")) {
			if (++i == argc)
				return usage();
			fmt = argv[i];
		} else if (!strncmp(o, "--format=", 9)) {
			fmt = o + 9;
		} else if (!strncmp(o, "--printf=", 9)) {
			fmt = o + 9;
			escapes = true;
		} else if (!strcmp(o, "--")) {
			i++;
			break;
		} else {
			dprintf(2, "stat: invalid option '%s'\n", o);
			return usage();
		}
	}
	if (i == argc) {
		dprintf(2, "stat: missing operand\n");
		return usage();
	}
	for (; i < argc; i++) {
		struct stat st;

		if (follow ? stat(argv[i], &st) : lstat(argv[i], &st)) {
			dprintf(2, "stat: cannot stat '%s': %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (!fmt) {
			print_default(argv[i], &st);
			continue;
		}
		if (!print_format(fmt, escapes, argv[i], &st))
			return 1;
		if (!escapes)
			putchar('\n');
	}
	return status;
}
