/*
 * getpid_hammer: Kelp's counterpart of Linux's selftest program
 * test_klp-call_getpid (tools/testing/selftests/livepatch/test_programs/):
 * calls the getpid system call through libc's syscall() until SIGHUP or
 * SIGINT, whose handlers (installed with signal()) end the loop; after
 * SIGINT it reports the number of calls, "N iterations done". SIGTERM
 * (test-syscall.sh's kill) ends it by the default action. The workload of
 * the test-syscall scenario (test_syscall -p /bin/getpid_hammer cpus).
 */
#include <kelp.h>

static volatile sig_atomic_t done, interrupted;

static void on_hangup(int sig)
{
	done = 1;
}

static void on_interrupt(int sig)
{
	done = 1;
	interrupted = 1;
}

int main(void)
{
	long calls = 0;

	signal(SIGHUP, on_hangup);
	signal(SIGINT, on_interrupt);
	while (!done) {
		syscall(SYS_getpid);
		calls++;
	}
	if (interrupted)
		printf("%ld iterations done\n", calls);
	return 0;
}
