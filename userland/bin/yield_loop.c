/*
 * yield_loop N: calls sched_yield() N times. Two of these side by side
 * switch to each other on every call: the process context-switch
 * benchmark (kernel/sched/process_ktest.c).
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	unsigned long n = 0;

	if (argc != 2 || parse_ulong(argv[1], 10, &n)) {
		dprintf(2, "usage: yield_loop N\n");
		return 1;
	}
	while (n--)
		sched_yield();
	return 0;
}
