/* sleeper [SECONDS]: sleeps in the kernel (forever without an argument), 100 ms at a time. */
#include <kelp.h>

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	long left = argc > 1 ? atoi(argv[1]) * 10L : -1;

	while (left < 0 || left--)
		if (nanosleep(&ts, NULL))
			return 1;
	return 0;
}
