/*
 * Host tests of the cpio newc reader (kernel/fs/cpio.c) and of unpacking an
 * archive into a ramfs root (kernel/fs/initramfs.c): a good archive, then
 * every kind of corruption, each refused with a reason and never read out
 * of bounds (ASan watches), with the allocations given back.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/strerror.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"
#include "../../kernel/fs/cpio.c"
#include "../../kernel/fs/vfs.c"
#include "../../kernel/fs/file.c"
#include "../../kernel/fs/ramfs.c"
#include "../../kernel/fs/initramfs.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

static char arc[8192];
static size_t arc_len;

static void add(const char *name, unsigned mode, const char *data)
{
	size_t nl = host_strlen(name) + 1, dl = data ? host_strlen(data) : 0;

	arc_len += host_snprintf(arc + arc_len, sizeof(arc) - arc_len,
				 "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
				 1, mode, 0, 0, 1, 0, (unsigned)dl, 0, 0, 0, 0, (unsigned)nl, 0);
	kelp_memcpy(arc + arc_len, name, nl);
	arc_len += nl;
	while (arc_len % 4)
		arc[arc_len++] = 0;
	if (dl)
		kelp_memcpy(arc + arc_len, data, dl);
	arc_len += dl;
	while (arc_len % 4)
		arc[arc_len++] = 0;
}

static void build_good(void)
{
	arc_len = 0;
	add(".", S_IFDIR | 0755, NULL);
	add("etc", S_IFDIR | 0755, NULL);
	add("etc/motd", S_IFREG | 0644, "hello\n");
	add("./empty", S_IFREG | 0600, NULL);
	add("TRAILER!!!", 0, NULL);
}

static int count_entries(const char **why)
{
	struct cpio_entry e;
	size_t off = 0;
	int n = 0, r;

	while ((r = cpio_next(arc, arc_len, &off, &e, why)) > 0)
		n++;
	return r < 0 ? r : n;
}

/* Undoes vfs_init (the test includes vfs.c, so it sees its statics). */
static void vfs_teardown(void)
{
	static const char *const dirs[] = { "/lib/modules", "/lib", "/proc", "/sys", "/tmp", "/bin" };

	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		assert_int_equal(vfs_rmdir(dirs[i]), 0);
	iput(init_fs.cwd);
	iput(root_inode);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_good_archive(void **state)
{
	const char *why;

	build_good();
	assert_int_equal(count_entries(&why), 4);
}

static void test_corruptions(void **state)
{
	const char *why = NULL;

	build_good();
	arc[0] = 'X';				/* magic */
	assert_int_equal(count_entries(&why), -EINVAL);
	assert_non_null(why);
	build_good();
	arc[6 + 8] = 'g';			/* mode field: not hex */
	assert_int_equal(count_entries(&why), -EINVAL);
	build_good();
	arc_len = 50;				/* truncated header */
	assert_int_equal(count_entries(&why), -EINVAL);
	build_good();
	kelp_memcpy(arc + 6 + 8 * 11, "7fffffff", 8);	/* namesize huge */
	assert_int_equal(count_entries(&why), -EINVAL);
	build_good();
	kelp_memcpy(arc + 6 + 8 * 6, "7fffffff", 8);	/* filesize past the end */
	assert_int_equal(count_entries(&why), -EINVAL);
	build_good();
	arc[110 + 1] = 'x';			/* "." loses its NUL */
	assert_int_equal(count_entries(&why), -EINVAL);
	build_good();
	arc_len -= 120;				/* no trailer */
	assert_int_equal(count_entries(&why), -EINVAL);
}

static void test_unpack(void **state)
{
	char buf[16];
	struct file *f;
	long before;

	vfs_init();
	before = host_live_allocs();
	build_good();
	assert_int_equal(initramfs_unpack(arc, arc_len), 0);
	assert_int_equal(vfs_open("/etc/motd", O_RDONLY, 0, &f), 0);
	assert_int_equal(vfs_read(f, buf, sizeof(buf)), 6);
	assert_memory_equal(buf, "hello\n", 6);
	vfs_close(f);
	assert_int_equal(vfs_unlink("/etc/motd"), 0);
	assert_int_equal(vfs_unlink("/empty"), 0);
	assert_int_equal(vfs_rmdir("/etc"), 0);
	assert_int_equal(host_live_allocs(), before);
	vfs_teardown();
}

static void test_unpack_corrupt_keeps_what_was_good(void **state)
{
	struct kstat st;

	vfs_init();
	build_good();
	arc_len -= 120;		/* the trailer is cut: the entries before it stay */
	assert_int_equal(initramfs_unpack(arc, arc_len), -EINVAL);
	assert_int_equal(vfs_stat("/etc/motd", &st), 0);
	assert_int_equal(st.size, 6);
	assert_int_equal(vfs_unlink("/etc/motd"), 0);
	assert_int_equal(vfs_unlink("/empty"), 0);
	assert_int_equal(vfs_rmdir("/etc"), 0);
	vfs_teardown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_archive),
		cmocka_unit_test(test_corruptions),
		cmocka_unit_test(test_unpack),
		cmocka_unit_test(test_unpack_corrupt_keeps_what_was_good),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
