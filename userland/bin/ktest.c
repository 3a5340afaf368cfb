/*
 * ktest [NAME|PREFIX*|all]: runs the in-kernel tests, which are modules
 * (/lib/modules/ktest-*.ko of the test image): each prints its cases as a
 * TAP block on the console (docs/testing.md). Exit status 1 if a case
 * failed. /bin/init runs it for ktest=X on the kernel command line.
 */
#include <kelp.h>
#include <testmods.h>

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "ktest-", NULL };
	char args[256];

	snprintf(args, sizeof(args), "filter=%s", argc > 1 ? argv[1] : "all");
	return testmods_run("ktest", kinds, args) ? 1 : 0;
}
