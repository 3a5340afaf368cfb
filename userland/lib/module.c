/*
 * module_load(): what the test programs that drive a test module (crash
 * loads lkdtm, workload loads workload) do first: load
 * /lib/modules/NAME.ko with finit_module unless /sys/module/NAME exists.
 */
#include <kelp.h>

/* See kelp.h. */
int module_load(const char *name)
{
	char path[128];
	struct stat st;
	int fd, ret;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	if (!stat(path, &st))
		return 0;
	snprintf(path, sizeof(path), "/lib/modules/%s.ko", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ret = finit_module(fd, "", 0);
	close(fd);
	return ret < 0 && errno != EEXIST ? -1 : 0;
}
