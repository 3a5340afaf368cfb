/* uname [-a|-s]: system information from the uname system call (same text as before). */
#include <kelp.h>

int main(int argc, char **argv)
{
	bool all = argc > 1 && !strcmp(argv[1], "-a");
	struct utsname u;

	if (argc > 2 || (argc == 2 && !all && strcmp(argv[1], "-s"))) {
		dprintf(2, "uname: invalid option -- '%s'\n", argv[1]);
		return 1;
	}
	if (uname(&u))
		return 1;
	if (!all)
		printf("%s\n", u.sysname);
	else
		printf("%s %s %s %s %s\n", u.sysname, u.nodename, u.release, u.version, u.machine);
	return 0;
}
