/*
 * memcheck [mark]: the leak check around a workload. `memcheck mark`
 * writes "mark" to /proc/memcheck, which records free pages, kmalloc use,
 * kernel stacks and page-table pages; `memcheck` writes "check" (the same
 * snapshot again, taken in the same state: one write of a short word) and
 * prints what changed ("memcheck: free pages: N, was M") or "memcheck:
 * unchanged since mark". Status 1 when something changed.
 */
#include <kelp.h>

#define MEMCHECK "/proc/memcheck"

static const struct {
	const char *key, *label;
} fields[] = {
	{ "free_pages", "free pages" },
	{ "kmalloc_bytes", "kmalloc bytes" },
	{ "kmalloc_allocations", "kmalloc allocations" },
	{ "kernel_stacks", "kernel stacks" },
	{ "page_table_pages", "page-table pages" },
};

/* Writes word to /proc/memcheck; 0 or -1 (reported). */
static int memcheck_write(const char *word)
{
	int fd = open(MEMCHECK, O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, word, strlen(word));

	if (n < 0)
		dprintf(2, "memcheck: %s: %s\n", MEMCHECK, strerror(errno));
	if (fd >= 0)
		close(fd);
	return n < 0 ? -1 : 0;
}

/* The label of a key of the file, or the key itself. */
static const char *label_of(const char *key)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(fields); i++)
		if (!strcmp(fields[i].key, key))
			return fields[i].label;
	return key;
}

int main(int argc, char **argv)
{
	static char buf[1024];
	char *line, *next;
	int fd, changed = 0;
	ssize_t n;

	if (argc == 2 && !strcmp(argv[1], "mark"))
		return memcheck_write("mark") ? 1 : 0;
	if (argc != 1) {
		dprintf(2, "usage: memcheck [mark]\n");
		return 1;
	}
	if (memcheck_write("check"))
		return 1;
	fd = open(MEMCHECK, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n < 0) {
		dprintf(2, "memcheck: %s: %s\n", MEMCHECK, strerror(errno));
		return 1;
	}
	buf[n] = '\0';
	if (!n) {
		dprintf(2, "memcheck: no mark (run memcheck mark first)\n");
		return 1;
	}
	/* "KEY NOW MARK" lines */
	for (line = buf; *line; line = next) {
		char *now, *was;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		now = strchr(line, ' ');
		was = now ? strchr(now + 1, ' ') : NULL;
		if (!was)
			continue;
		*now++ = '\0';
		*was++ = '\0';
		if (strcmp(now, was)) {
			printf("memcheck: %s: %s, was %s\n", label_of(line), now, was);
			changed = 1;
		}
	}
	if (!changed)
		printf("memcheck: unchanged since mark\n");
	return changed;
}
