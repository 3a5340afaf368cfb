/*
 * uptime: the time since the kernel started, from clock_gettime
 * (CLOCK_BOOTTIME): "up 00:01:02, 62.123456 seconds since boot".
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	unsigned long long s;

	if (clock_gettime(CLOCK_BOOTTIME, &ts) < 0) {
		dprintf(2, "uptime: clock_gettime: %s\n", strerror(errno));
		return 1;
	}
	s = ts.tv_sec;
	printf("up %02llu:%02llu:%02llu, %llu.%06llu seconds since boot\n", s / 3600, s / 60 % 60,
	       s % 60, s, (unsigned long long)ts.tv_nsec / 1000);
	return 0;
}
