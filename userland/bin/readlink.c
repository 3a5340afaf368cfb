/*
 * readlink FILE: prints the target of the symbolic link FILE (readlink(2),
 * the sysfs links of docs/filesystem.md). As busybox's without -v: a FILE
 * that is no link, or missing, prints nothing and exits with status 1.
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	static char target[4096];
	ssize_t n;

	if (argc != 2) {
		dprintf(2, "Usage: readlink FILE\n");
		return 1;
	}
	n = readlink(argv[1], target, sizeof(target) - 1);
	if (n < 0)
		return 1;
	target[n] = '\0';
	printf("%s\n", target);
	return 0;
}
