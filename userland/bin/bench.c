/*
 * bench [NAME|PREFIX*|all]: runs the in-kernel benchmarks, which are
 * modules (/lib/modules/bench-*.ko of the test image) printing
 * "bench: NAME: VALUE UNIT" lines (docs/testing.md). /bin/init runs it for
 * bench=X on the kernel command line.
 */
#include <kelp.h>
#include <testmods.h>

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "bench-", NULL };
	char args[256];

	snprintf(args, sizeof(args), "filter=%s", argc > 1 ? argv[1] : "all");
	return testmods_run("bench", kinds, args) ? 1 : 0;
}
