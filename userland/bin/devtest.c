/*
 * devtest: checks /dev's nodes from user space (the dev scenario runs it).
 * /dev/null and /dev/zero; /dev/kmsg's Linux semantics: a write becomes a
 * record ("<N>" sets the priority), a read returns exactly one record in
 * "priority,seq,usec,-;text\n", EINVAL for a short buffer (the record
 * stays), EAGAIN at the end with O_NONBLOCK, ESPIPE/EINVAL from lseek,
 * EPIPE after the ring overwrote unread records, and a blocking read that
 * waits for the next record (written by a child: `devtest write TEXT`).
 * Prints each mismatch and "devtest: N checks, M failed".
 */
#include <kelp.h>

static int checks, failed;

static void check(const char *what, bool ok)
{
	checks++;
	if (!ok) {
		failed++;
		printf("devtest: FAIL %s (errno %d)\n", what, errno);
	}
}

/* Parses a decimal number at s; *end (if given) gets the first byte after it. */
static unsigned long num(const char *s, char **end)
{
	unsigned long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	if (end)
		*end = (char *)s;
	return v;
}

/* Reads one record; returns its length (the record NUL-terminated in buf) or -errno. */
static long read_rec(int fd, char *buf, size_t len)
{
	long n = read(fd, buf, len - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

/* The text after ';' of a record, without its newline. */
static const char *rec_text(char *rec)
{
	char *t = strchr(rec, ';'), *nl;

	if (!t)
		return "";
	nl = strchr(t, '\n');
	if (nl)
		*nl = '\0';
	return t + 1;
}

static void test_null_zero(void)
{
	char buf[16];
	int fd = open("/dev/null", O_RDWR);
	struct stat st;

	check("open /dev/null", fd >= 0);
	check("/dev/null read is EOF", read(fd, buf, sizeof(buf)) == 0);
	check("/dev/null write succeeds", write(fd, "abc", 3) == 3);
	close(fd);
	check("stat /dev/null", stat("/dev/null", &st) == 0);
	check("/dev/null is crw-rw-rw- 1:3", st.st_mode == (S_IFCHR | 0666) && st.st_rdev == 0x103);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 'x', sizeof(buf));
	check("/dev/zero reads zeros", read(fd, buf, sizeof(buf)) == sizeof(buf) &&
	      buf[0] == 0 && buf[15] == 0);
	close(fd);
	check("stat /dev/kmsg", stat("/dev/kmsg", &st) == 0);
	check("/dev/kmsg is crw-r--r-- 1:11", st.st_mode == (S_IFCHR | 0644) && st.st_rdev == 0x10b);
}

static void kmsg_write(const char *text)
{
	int fd = open("/dev/kmsg", O_WRONLY);

	check("kmsg write", fd >= 0 && write(fd, text, strlen(text)) == (long)strlen(text));
	close(fd);
}

static void test_kmsg(void)
{
	static char rec[8192];
	unsigned long pri, seq, seq2;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	long n;
	char *p;

	check("open /dev/kmsg", fd >= 0);
	check("lseek SEEK_END", lseek(fd, 0, SEEK_END) == 0);
	check("EAGAIN at the end", read_rec(fd, rec, sizeof(rec)) == -EAGAIN);
	check("lseek offset 1: ESPIPE", lseek(fd, 1, SEEK_SET) == -1 && errno == ESPIPE);
	check("lseek SEEK_CUR: EINVAL", lseek(fd, 0, SEEK_CUR) == -1 && errno == EINVAL);
	kmsg_write("<5>devtest: hello\n");
	kmsg_write("devtest: default priority");
	kmsg_write("<11>devtest: user err");
	check("short buffer: EINVAL", read(fd, rec, 10) == -1 && errno == EINVAL);
	n = read_rec(fd, rec, sizeof(rec));
	check("one record per read", n > 0 && strchr(rec, '\n') == rec + n - 1);
	printf("devtest: record %s", rec);
	pri = num(rec, &p);
	seq = num(p + 1, &p);
	check("priority 13 (user.notice)", pri == 13);
	check("text", !strcmp(rec_text(rec), "devtest: hello"));
	n = read_rec(fd, rec, sizeof(rec));
	pri = num(rec, &p);
	seq2 = num(p + 1, &p);
	check("default priority 12 (user.warning)", n > 0 && pri == 12);
	check("seq increases by one", seq2 == seq + 1);
	check("text without newline", !strcmp(rec_text(rec), "devtest: default priority"));
	n = read_rec(fd, rec, sizeof(rec));
	check("<11> is user.err", n > 0 && num(rec, NULL) == 11);
	check("EAGAIN after the last", read_rec(fd, rec, sizeof(rec)) == -EAGAIN);
	check("lseek SEEK_SET", lseek(fd, 0, SEEK_SET) == 0);
	n = read_rec(fd, rec, sizeof(rec));
	check("SEEK_SET: the oldest record", n > 0 && num(strchr(rec, ',') + 1, NULL) <= seq);

	/* 200 records of 1000 bytes overflow the 128 KiB ring: this reader lost records. */
	{
		static char big[1001];

		memcpy(big, "<7>", 3);
		memset(big + 3, 'z', sizeof(big) - 4);
		for (int i = 0; i < 200; i++)
			kmsg_write(big);
	}
	check("overwritten: EPIPE", read_rec(fd, rec, sizeof(rec)) == -EPIPE);
	n = read_rec(fd, rec, sizeof(rec));
	check("after EPIPE: the oldest record", n > 0);
	close(fd);
}

static void test_kmsg_blocking(const char *self)
{
	static char rec[8192];
	char *argv[] = { "devtest", "write", "devtest: from the child", NULL };
	int fd = open("/dev/kmsg", O_RDONLY), status;
	int pid;

	lseek(fd, 0, SEEK_END);
	pid = spawn(self, argv, environ);
	check("spawn the writer", pid > 0);
	if (pid <= 0)
		return;
	/* Blocks until the child's record arrives (the child sleeps first). */
	check("blocking read", read_rec(fd, rec, sizeof(rec)) > 0 &&
	      !strcmp(rec_text(rec), "devtest: from the child"));
	waitpid(pid, &status, 0);
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "write")) {
		struct timespec ts = { 0, 100000000 };

		nanosleep(&ts, NULL);
		kmsg_write(argv[2]);
		return 0;
	}
	test_null_zero();
	test_kmsg();
	test_kmsg_blocking("/bin/devtest");
	printf("devtest: %d checks, %d failed\n", checks, failed);
	return failed != 0;
}
