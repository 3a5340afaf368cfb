/* sleep N: waits N seconds (busybox's message for a bad number). */
#include <kelp.h>

int main(int argc, char **argv)
{
	unsigned int secs;
	struct timespec ts;

	if (argc != 2 || parse_uint(argv[1], 10, &secs)) {
		dprintf(2, "sleep: invalid number '%s'\n", argc > 1 ? argv[1] : "");
		return 1;
	}
	ts = (struct timespec){ secs, 0 };
	return nanosleep(&ts, NULL) ? 1 : 0;
}
