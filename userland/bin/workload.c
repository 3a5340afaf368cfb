/*
 * workload sleep|spin|block [N] | release | stop | overflow: test threads
 * in the kernel (docs/scheduler.md), made by the workload test module
 * (tests/modules/workload.c, loaded here when a thread kind is asked for)
 * through its parameters: `workload block 3` writes 3 to
 * /sys/module/workload/parameters/block.
 */
#include <kelp.h>

#define WORKLOAD_MAX 2000
#define PARAMS "/sys/module/workload/parameters/"

static int usage(void)
{
	dprintf(2, "usage: workload sleep|spin|block N | release | stop | overflow\n");
	return 1;
}

/* Writes value to the parameter; 0 or -1 with errno. */
static int param_write(const char *param, const char *value)
{
	char path[96];
	int fd, ret;

	snprintf(path, sizeof(path), PARAMS "%s", param);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ret = write(fd, value, strlen(value)) < 0 ? -1 : 0;
	close(fd);
	return ret;
}

/* How many threads run (the threads parameter); 0 if unknown. */
static int running(void)
{
	char buf[16] = "";
	int fd = open(PARAMS "threads", O_RDONLY);

	if (fd >= 0) {
		read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	return atoi(buf);
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "sleep", "spin", "block", "overflow" };
	const char *count = "1";
	unsigned int n, i;
	struct stat st;

	if (argc < 2 || argc > 3)
		return usage();
	if (!strcmp(argv[1], "stop") || !strcmp(argv[1], "release")) {
		if (argc != 2)
			return usage();
		if (stat("/sys/module/workload", &st))
			return 0;	/* not loaded: no threads */
		if (param_write(argv[1], "1")) {
			dprintf(2, "workload: %s: %s\n", argv[1], strerror(errno));
			return 1;
		}
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(kinds) && strcmp(argv[1], kinds[i]); i++)
		;
	if (i == ARRAY_SIZE(kinds)) {
		dprintf(2, "workload: unknown kind '%s'\n", argv[1]);
		return usage();
	}
	if (argc == 3) {
		count = argv[2];
		if (parse_uint(count, 10, &n) || n < 1 || n > WORKLOAD_MAX) {
			dprintf(2, "workload: invalid count '%s' (1..%d)\n", count, WORKLOAD_MAX);
			return 1;
		}
	}
	if (module_load("workload") < 0) {
		dprintf(2, "workload: cannot load /lib/modules/workload.ko: %s\n", strerror(errno));
		return 1;
	}
	if (param_write(argv[1], count)) {
		if (errno == ENOSPC)
			dprintf(2, "workload: at most %d threads (%d running)\n", WORKLOAD_MAX, running());
		else
			dprintf(2, "workload: cannot start threads: %s\n", strerror(errno));
		return 1;
	}
	/*
	 * The overflow takes the kernel down (the oops, then the panic):
	 * returning would let the shell print its prompt in the middle of
	 * the oops, from another CPU (sched_stack_overflow.t at 2 CPUs).
	 */
	while (!strcmp(argv[1], "overflow"))
		sleep(1);
	return 0;
}
