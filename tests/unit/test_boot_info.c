/*
 * Unit tests of kernel/boot_info.c: Multiboot2 images are built in memory
 * (a GRUB-like one, then broken ones: truncated, tags too short or running
 * past the end, no end tag, bad memory maps, overlong strings) and parsed;
 * then boot_cmdline_get() cases. The kernel source is included directly;
 * memcpy and friends come from the host C library (same signatures).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>

/* glibc's <sys/cdefs.h> has its own; take the kernel's. */
#undef __always_inline
/* <kelp/errno.h>'s strerror returns const char *: keep it off libc's. */
#define strerror kelp_strerror
#include "../../kernel/boot_info.c"

/* An image under construction; buf is 8-aligned like the loader's. */
struct mb2_image {
	u8 buf[16384] __aligned(8);
	size_t len;
};

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

static void mb2_begin(struct mb2_image *m)
{
	memset(m->buf, 0, sizeof(m->buf));
	m->len = MB2_INFO_HDR;
}

/* Appends a tag of declared size `size` holding payload (plen bytes). */
static u8 *mb2_tag_sized(struct mb2_image *m, u32 type, u32 size,
			 const void *payload, size_t plen)
{
	u8 *tag = m->buf + m->len;

	assert_true(m->len + 8 + plen + 8 <= sizeof(m->buf));
	put32(tag, type);
	put32(tag + 4, size);
	if (plen)
		memcpy(tag + 8, payload, plen);
	m->len = ALIGN_UP(m->len + 8 + plen, 8);
	return tag;
}

static u8 *mb2_tag(struct mb2_image *m, u32 type, const void *payload, size_t plen)
{
	return mb2_tag_sized(m, type, 8 + plen, payload, plen);
}

static void mb2_string(struct mb2_image *m, u32 type, const char *s)
{
	mb2_tag(m, type, s, strlen(s) + 1);
}

static u8 *mb2_module(struct mb2_image *m, u32 start, u32 end, const char *s)
{
	u8 p[256];
	size_t n = strlen(s) + 1;

	assert_true(8 + n <= sizeof(p));
	put32(p, start);
	put32(p + 4, end);
	memcpy(p + 8, s, n);
	return mb2_tag(m, MB2_TAG_MODULE, p, 8 + n);
}

/* A memory map tag of n regions, region i = { i MiB, 1 MiB, type 1 + i % 5 }. */
static void mb2_mmap(struct mb2_image *m, u32 entry_size, u32 n)
{
	static u8 p[8 + 4096 * 8];
	u32 i;

	assert_true(8 + (size_t)n * entry_size <= sizeof(p));
	memset(p, 0xee, sizeof(p));
	put32(p, entry_size);
	put32(p + 4, 0);
	for (i = 0; i < n && entry_size >= 24; i++) {
		u8 *e = p + 8 + (size_t)i * entry_size;

		put64(e, (u64)i << 20);
		put64(e + 8, 1 << 20);
		put32(e + 16, 1 + i % 5);
		put32(e + 20, 0);
	}
	mb2_tag(m, MB2_TAG_MMAP, p, 8 + (size_t)n * entry_size);
}

static void mb2_framebuffer(struct mb2_image *m, u32 size)
{
	u8 p[64] = { 0 };

	put64(p, 0xfd000000);
	put32(p + 8, 4096);
	put32(p + 12, 1024);
	put32(p + 16, 768);
	p[20] = 32;
	p[21] = 1;
	mb2_tag_sized(m, MB2_TAG_FRAMEBUFFER, size, p, size - 8);
}

/* Writes the end tag (unless told not to) and total_size. */
static size_t mb2_finish(struct mb2_image *m, bool end_tag)
{
	if (end_tag)
		mb2_tag(m, MB2_TAG_END, NULL, 0);
	put32(m->buf, m->len);
	return m->len;
}

/* What GRUB 2 passes on a BIOS boot with one module and a framebuffer. */
static size_t mb2_grub_like(struct mb2_image *m)
{
	u8 meminfo[8] = { 0x7f, 0x02, 0, 0, 0x00, 0xfc, 0x07, 0 };
	u8 bootdev[12] = { 0xe0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	u8 rsdp[20] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ' };

	mb2_begin(m);
	mb2_string(m, MB2_TAG_CMDLINE, "console=ttyS0 ktest=all quiet");
	mb2_string(m, MB2_TAG_LOADER_NAME, "GRUB 2.06-13+deb12u1");
	mb2_module(m, 0x200000, 0x234567, "/boot/initramfs.cpio");
	mb2_tag(m, 4, meminfo, sizeof(meminfo));
	mb2_tag(m, 5, bootdev, sizeof(bootdev));
	mb2_mmap(m, 24, 6);
	mb2_framebuffer(m, 38);
	mb2_tag(m, 14, rsdp, sizeof(rsdp));
	return mb2_finish(m, true);
}

static void test_grub_like(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	size_t total = mb2_grub_like(&m);

	(void)state;
	assert_int_equal(boot_info_parse(m.buf, total, &bi), 0);
	assert_int_equal(bi.mbi_size, total);
	assert_int_equal(bi.mbi_phys, 0);
	assert_string_equal(bi.cmdline, "console=ttyS0 ktest=all quiet");
	assert_false(bi.cmdline_truncated);
	assert_string_equal(bi.loader_name, "GRUB 2.06-13+deb12u1");
	assert_int_equal(bi.module_count, 1);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x234567);
	assert_string_equal(bi.modules[0].cmdline, "/boot/initramfs.cpio");
	assert_int_equal(bi.mmap_count, 6);
	assert_int_equal(bi.mmap[5].base, 5 << 20);
	assert_int_equal(bi.mmap[5].length, 1 << 20);
	assert_int_equal(bi.mmap[5].type, BOOT_MEM_AVAILABLE);
	assert_int_equal(bi.mmap[4].type, BOOT_MEM_BADRAM);
	assert_true(bi.has_framebuffer);
	assert_int_equal(bi.fb.addr, 0xfd000000);
	assert_int_equal(bi.fb.pitch, 4096);
	assert_int_equal(bi.fb.width, 1024);
	assert_int_equal(bi.fb.height, 768);
	assert_int_equal(bi.fb.bpp, 32);
	assert_int_equal(bi.fb.type, 1);
	assert_int_equal(bi.ignored_tags, 2);	/* meminfo, bootdev */
	assert_int_equal(bi.acpi_rsdp_len, 20);
	assert_false(bi.acpi_rsdp_new);
	assert_memory_equal(bi.acpi_rsdp, "RSD PTR ", 8);
	/* More bytes available than total_size: fine. */
	assert_int_equal(boot_info_parse(m.buf, sizeof(m.buf), &bi), 0);
}

static void test_unaligned_copy(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	size_t total = mb2_grub_like(&m);
	u8 *copy = malloc(total + 1);

	(void)state;
	/* Loads are memcpy-based: even a misaligned structure parses. */
	memcpy(copy + 1, m.buf, total);
	assert_int_equal(boot_info_parse(copy + 1, total, &bi), 0);
	assert_int_equal(bi.mmap_count, 6);
	free(copy);
}

static void test_bad_total(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	size_t total = mb2_grub_like(&m);

	(void)state;
	assert_int_equal(boot_info_parse(NULL, 100, &bi), -EINVAL);
	assert_int_equal(boot_info_parse(m.buf, 7, &bi), -EINVAL);
	assert_int_equal(boot_info_parse(m.buf, total - 1, &bi), -EINVAL);
	put32(m.buf, 15);
	assert_int_equal(boot_info_parse(m.buf, total, &bi), -EINVAL);
	put32(m.buf, 0);
	assert_int_equal(boot_info_parse(m.buf, total, &bi), -EINVAL);
	put32(m.buf, 0xffffffff);
	assert_int_equal(boot_info_parse(m.buf, total, &bi), -EINVAL);
	assert_int_equal(bi.mmap_count, 0);
	assert_string_equal(bi.cmdline, "");
}

/*
 * Every prefix of a good image, as an exactly-sized heap copy so that ASan
 * catches any read past it: with the real total_size (longer than what is
 * available) and with total_size rewritten to the prefix length.
 */
static void test_truncated(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	size_t total = mb2_grub_like(&m), len;

	(void)state;
	for (len = 0; len < total; len++) {
		u8 *copy = malloc(len ? len : 1);

		memcpy(copy, m.buf, len);
		assert_int_equal(boot_info_parse(copy, len, &bi), -EINVAL);
		if (len >= 4) {
			put32(copy, len);
			assert_int_equal(boot_info_parse(copy, len, &bi), -EINVAL);
		}
		free(copy);
	}
}

static void test_tag_too_small(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	u32 bad;

	(void)state;
	for (bad = 0; bad < 8; bad++) {
		mb2_begin(&m);
		mb2_string(&m, MB2_TAG_CMDLINE, "before");
		mb2_tag_sized(&m, 4, bad, NULL, 0);
		mb2_string(&m, MB2_TAG_LOADER_NAME, "after");
		assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
		/* What came before the bad tag is kept. */
		assert_string_equal(bi.cmdline, "before");
		assert_string_equal(bi.loader_name, "");
	}
}

static void test_tag_too_small_for_type(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	u8 zeros[32] = { 0 };

	(void)state;
	mb2_begin(&m);
	mb2_tag(&m, MB2_TAG_MODULE, zeros, 7);	/* 15 < 16 */
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
	mb2_begin(&m);
	mb2_tag(&m, MB2_TAG_MMAP, zeros, 4);	/* no entry_version */
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
	mb2_begin(&m);
	mb2_framebuffer(&m, 29);		/* no type byte */
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
	assert_false(bi.has_framebuffer);
	mb2_begin(&m);
	mb2_framebuffer(&m, 30);		/* the smallest that has it */
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_true(bi.has_framebuffer);
	assert_int_equal(bi.fb.type, 1);
	/* Empty strings: a tag of size 8 is a valid empty string. */
	mb2_begin(&m);
	mb2_tag(&m, MB2_TAG_CMDLINE, NULL, 0);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_string_equal(bi.cmdline, "");
}

static void test_tag_past_total(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	size_t total;

	(void)state;
	mb2_begin(&m);
	mb2_string(&m, MB2_TAG_CMDLINE, "ok");
	mb2_tag_sized(&m, MB2_TAG_LOADER_NAME, 1000, "GRUB", 5);
	total = mb2_finish(&m, true);
	assert_int_equal(boot_info_parse(m.buf, sizeof(m.buf), &bi), -EINVAL);
	assert_string_equal(bi.cmdline, "ok");
	/* Just one byte past, and a size that would wrap an unchecked sum. */
	put32(m.buf + 24 + 4, total - 24 + 1);
	assert_int_equal(boot_info_parse(m.buf, sizeof(m.buf), &bi), -EINVAL);
	put32(m.buf + 24 + 4, 0xfffffff8);
	assert_int_equal(boot_info_parse(m.buf, sizeof(m.buf), &bi), -EINVAL);
	/* The end tag itself may not claim more than what is left. */
	put32(m.buf + 24 + 4, 13);
	put32(m.buf + total - 4, 16);
	assert_int_equal(boot_info_parse(m.buf, sizeof(m.buf), &bi), -EINVAL);
	put32(m.buf + total - 4, 8);
	assert_int_equal(boot_info_parse(m.buf, sizeof(m.buf), &bi), 0);
	assert_string_equal(bi.loader_name, "GRUB");
}

static void test_missing_end(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	size_t total;

	(void)state;
	mb2_begin(&m);
	mb2_string(&m, MB2_TAG_CMDLINE, "no end");
	mb2_mmap(&m, 24, 2);
	total = mb2_finish(&m, false);
	assert_int_equal(boot_info_parse(m.buf, total, &bi), -EINVAL);
	assert_string_equal(bi.cmdline, "no end");
	assert_int_equal(bi.mmap_count, 2);
	/* total_size not a multiple of 8, end tag cut: still missing. */
	put32(m.buf, total + 4);
	assert_int_equal(boot_info_parse(m.buf, total + 4, &bi), -EINVAL);
	/* Header only. */
	mb2_begin(&m);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, false), &bi), -EINVAL);
}

static void test_end_tag_stops(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;

	(void)state;
	mb2_begin(&m);
	mb2_string(&m, MB2_TAG_CMDLINE, "first");
	mb2_tag(&m, MB2_TAG_END, NULL, 0);
	mb2_tag_sized(&m, 99, 3, NULL, 0);	/* garbage after the end */
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, false), &bi), 0);
	assert_string_equal(bi.cmdline, "first");
	assert_int_equal(bi.ignored_tags, 0);
}

static void test_mmap_bad_entry_size(void **state)
{
	static const u32 bad[] = { 0, 8, 16, 20, 23, 25, 28, 36, 0xfffffffc };
	static struct mb2_image m;
	static struct boot_info bi;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		mb2_begin(&m);
		mb2_mmap(&m, 24, 3);
		put32(m.buf + 16, bad[i]);
		assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
		assert_int_equal(bi.mmap_count, 0);
	}
}

static void test_mmap_larger_entries(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;

	(void)state;
	/* Entries of a future version are larger; we read our prefix of each. */
	mb2_begin(&m);
	mb2_mmap(&m, 40, 4);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(bi.mmap_count, 4);
	assert_int_equal(bi.mmap[3].base, 3 << 20);
	assert_int_equal(bi.mmap[3].type, 4);
	/* A partial entry at the end of the tag is ignored. */
	mb2_begin(&m);
	mb2_mmap(&m, 24, 3);
	put32(m.buf + 12, 16 + 2 * 24 + 20);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(bi.mmap_count, 2);
	/* Entries larger than the tag: none. */
	put32(m.buf + 16, 0x80000000);
	assert_int_equal(boot_info_parse(m.buf, m.len, &bi), 0);
	assert_int_equal(bi.mmap_count, 0);
	/* No entries at all. */
	mb2_begin(&m);
	mb2_mmap(&m, 24, 0);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(bi.mmap_count, 0);
}

static void test_mmap_too_many(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;

	(void)state;
	mb2_begin(&m);
	mb2_mmap(&m, 24, BOOT_MMAP_MAX + 72);
	mb2_string(&m, MB2_TAG_CMDLINE, "still parsed");
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(bi.mmap_count, BOOT_MMAP_MAX);
	assert_int_equal(bi.mmap[BOOT_MMAP_MAX - 1].base, (u64)(BOOT_MMAP_MAX - 1) << 20);
	assert_string_equal(bi.cmdline, "still parsed");
	/* Two tags add up, capped as well. */
	mb2_begin(&m);
	mb2_mmap(&m, 24, 100);
	mb2_mmap(&m, 24, 100);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(bi.mmap_count, BOOT_MMAP_MAX);
	assert_int_equal(bi.mmap[100].base, 0);
	assert_int_equal(bi.mmap[127].base, 27 << 20);
}

static void test_unterminated_strings(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	u8 *tag;

	(void)state;
	mb2_begin(&m);
	tag = mb2_tag(&m, MB2_TAG_CMDLINE, "abc", 3);
	memset(tag + 11, 'X', 5);		/* padding: not part of the tag */
	mb2_tag(&m, MB2_TAG_LOADER_NAME, "GRUBGRUB", 8);
	tag = mb2_module(&m, 1, 2, "mod");
	put32(tag + 4, 16 + 2);			/* module cmdline "mo", no NUL */
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_string_equal(bi.cmdline, "abc");
	assert_false(bi.cmdline_truncated);
	assert_string_equal(bi.loader_name, "GRUBGRUB");
	assert_string_equal(bi.modules[0].cmdline, "mo");
}

static void test_long_strings(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	static char s[4096];

	(void)state;
	memset(s, 'a', sizeof(s) - 1);
	s[BOOT_CMDLINE_MAX - 1] = '\0';		/* exactly fits */
	mb2_begin(&m);
	mb2_string(&m, MB2_TAG_CMDLINE, s);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	assert_false(bi.cmdline_truncated);

	s[BOOT_CMDLINE_MAX - 1] = 'a';
	s[3000] = '\0';
	mb2_begin(&m);
	mb2_string(&m, MB2_TAG_CMDLINE, s);
	mb2_string(&m, MB2_TAG_LOADER_NAME, s);
	mb2_module(&m, 0, 0, s + 3000 - 200);
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	assert_true(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.loader_name), BOOT_LOADER_NAME_MAX - 1);
	assert_int_equal(strlen(bi.modules[0].cmdline), BOOT_MODULE_CMDLINE_MAX - 1);
}

static void test_modules(void **state)
{
	static struct mb2_image m;
	static struct boot_info bi;
	u32 i;

	(void)state;
	mb2_begin(&m);
	mb2_module(&m, 0x300000, 0x2fffff, "backwards");
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
	assert_int_equal(bi.module_count, 0);

	mb2_begin(&m);
	for (i = 0; i < BOOT_MODULES_MAX + 4; i++)
		mb2_module(&m, i * 0x1000, i * 0x1000 + (i ? 0x800 : 0), "m");
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), 0);
	assert_int_equal(bi.module_count, BOOT_MODULES_MAX);
	assert_int_equal(bi.modules[0].end, 0);	/* empty module is fine */
	assert_int_equal(bi.modules[15].end, 15 * 0x1000 + 0x800);

	/* A bad module past the cap is still an error. */
	mb2_begin(&m);
	for (i = 0; i < BOOT_MODULES_MAX; i++)
		mb2_module(&m, 0, 1, "m");
	mb2_module(&m, 2, 1, "bad");
	assert_int_equal(boot_info_parse(m.buf, mb2_finish(&m, true), &bi), -EINVAL);
	assert_int_equal(bi.module_count, BOOT_MODULES_MAX);
}

static const char *get(const char *cmdline, const char *key)
{
	static char buf[64];

	memset(buf, 'Z', sizeof(buf));
	return boot_cmdline_get(cmdline, key, buf, sizeof(buf));
}

static void test_cmdline_get_basic(void **state)
{
	const char *cl = "console=ttyS0 ktest=all quiet  \tloglevel=7 empty=";

	(void)state;
	assert_string_equal(get(cl, "console"), "ttyS0");
	assert_string_equal(get(cl, "ktest"), "all");
	assert_string_equal(get(cl, "quiet"), "");
	assert_string_equal(get(cl, "loglevel"), "7");
	assert_string_equal(get(cl, "empty"), "");
	assert_null(get(cl, "missing"));
	assert_null(get(cl, "kt"));		/* prefix of a name */
	assert_null(get(cl, "ktest_x"));	/* longer than the name */
	assert_null(get(cl, "ttyS0"));		/* values are not names */
	assert_null(get(cl, "quiet=1"));
	assert_null(get("", "quiet"));
	assert_null(get("   ", "quiet"));
}

static void test_cmdline_get_rules(void **state)
{
	(void)state;
	/* The last occurrence wins, bare or not. */
	assert_string_equal(get("a=1 b=2 a=3", "a"), "3");
	assert_string_equal(get("a=1 a", "a"), "");
	assert_string_equal(get("a a=1", "a"), "1");
	/* Only the first '=' splits. */
	assert_string_equal(get("opt=x=y", "opt"), "x=y");
	/* '-' and '_' are the same in names, as in Linux. */
	assert_string_equal(get("log-level=3", "log_level"), "3");
	assert_string_equal(get("log_level=4", "log-level"), "4");
	/* Quotes keep blanks in a value and are removed. */
	assert_string_equal(get("msg=\"hello world\" x=1", "msg"), "hello world");
	assert_string_equal(get("msg=\"hello world\" x=1", "x"), "1");
	assert_string_equal(get("\"dyndbg=file a.c +p\" y", "dyndbg"), "file a.c +p");
	assert_string_equal(get("u=\"unterminated rest", "u"), "unterminated rest");
	assert_null(get("\"", "x"));
	/* Words after "--" belong to someone else. */
	assert_string_equal(get("a=1 -- a=2", "a"), "1");
	assert_null(get("-- a=2", "a"));
	assert_string_equal(get("a=1 --x a=2", "a"), "2");
}

static void test_cmdline_get_buffers(void **state)
{
	char buf[4];

	(void)state;
	assert_ptr_equal(boot_cmdline_get("console=ttyS0", "console", buf, sizeof(buf)), buf);
	assert_string_equal(buf, "tty");
	assert_string_equal(boot_cmdline_get("k=v", "k", buf, 1), "");
	assert_null(boot_cmdline_get("k=v", "k", buf, 0));
	assert_null(boot_cmdline_get("k=v", "k", NULL, 4));
	assert_null(boot_cmdline_get("k=v", "", buf, 4));
	assert_null(boot_cmdline_get("k=v", NULL, buf, 4));
	assert_null(boot_cmdline_get(NULL, "k", buf, 4));
}

/* ACPI tags: the copy is kept; a new (2.0) RSDP wins over an old one in either order. */
static void test_acpi_rsdp_tags(void **state)
{
	static struct mb2_image m;
	struct boot_info bi;
	u8 old_rsdp[20], new_rsdp[40];

	(void)state;
	memset(old_rsdp, 'o', sizeof(old_rsdp));
	memset(new_rsdp, 'n', sizeof(new_rsdp));
	mb2_begin(&m);
	mb2_tag(&m, MB2_TAG_ACPI_NEW, new_rsdp, sizeof(new_rsdp));
	mb2_tag(&m, MB2_TAG_ACPI_OLD, old_rsdp, sizeof(old_rsdp));
	mb2_finish(&m, true);
	assert_int_equal(boot_info_parse(m.buf, m.len, &bi), 0);
	assert_int_equal(bi.acpi_rsdp_len, BOOT_RSDP_MAX);	/* cut to 36 */
	assert_true(bi.acpi_rsdp_new);
	assert_int_equal(bi.acpi_rsdp[0], 'n');

	mb2_begin(&m);
	mb2_tag(&m, MB2_TAG_ACPI_OLD, old_rsdp, sizeof(old_rsdp));
	mb2_tag(&m, MB2_TAG_ACPI_NEW, new_rsdp, 36);
	mb2_finish(&m, true);
	assert_int_equal(boot_info_parse(m.buf, m.len, &bi), 0);
	assert_true(bi.acpi_rsdp_new);
	assert_int_equal(bi.acpi_rsdp[0], 'n');

	mb2_begin(&m);
	mb2_tag(&m, MB2_TAG_ACPI_OLD, old_rsdp, 7);	/* short: kept as given, refused later */
	mb2_finish(&m, true);
	assert_int_equal(boot_info_parse(m.buf, m.len, &bi), 0);
	assert_int_equal(bi.acpi_rsdp_len, 7);
	assert_false(bi.acpi_rsdp_new);
}

/* The fw_cfg command line joins GRUB's: bytes as QEMU hands them over. */
static void test_cmdline_append(void **state)
{
	char buf[16];

	(void)state;
	buf[0] = '\0';
	assert_false(boot_cmdline_append(buf, sizeof(buf), "a=1", 3));
	assert_string_equal(buf, "a=1");
	assert_false(boot_cmdline_append(buf, sizeof(buf), "b c\n", 4));
	assert_string_equal(buf, "a=1 b c");
	/* Not terminated: only len bytes count; a NUL ends it early. */
	memcpy(buf, "x", 2);
	assert_false(boot_cmdline_append(buf, sizeof(buf), "yzzz", 1));
	assert_string_equal(buf, "x y");
	assert_false(boot_cmdline_append(buf, sizeof(buf), "q\0r", 3));
	assert_string_equal(buf, "x y q");
	/* Control characters become blanks, trailing blanks go, empty adds nothing. */
	buf[0] = '\0';
	assert_false(boot_cmdline_append(buf, sizeof(buf), "a\tb\r\n  ", 7));
	assert_string_equal(buf, "a b");
	assert_false(boot_cmdline_append(buf, sizeof(buf), " \n", 2));
	assert_false(boot_cmdline_append(buf, sizeof(buf), "", 0));
	assert_string_equal(buf, "a b");
	/* Cut to fit, always terminated. */
	assert_true(boot_cmdline_append(buf, sizeof(buf), "0123456789abcdef", 16));
	assert_string_equal(buf, "a b 0123456789a");
	assert_true(boot_cmdline_append(buf, sizeof(buf), "z", 1));
	assert_string_equal(buf, "a b 0123456789a");
	memset(buf, 'x', sizeof(buf));		/* no terminator at all: left alone */
	assert_true(boot_cmdline_append(buf, sizeof(buf), "z", 1));
	assert_true(boot_cmdline_append(buf, 0, "z", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grub_like),
		cmocka_unit_test(test_unaligned_copy),
		cmocka_unit_test(test_bad_total),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_tag_too_small),
		cmocka_unit_test(test_tag_too_small_for_type),
		cmocka_unit_test(test_tag_past_total),
		cmocka_unit_test(test_missing_end),
		cmocka_unit_test(test_end_tag_stops),
		cmocka_unit_test(test_mmap_bad_entry_size),
		cmocka_unit_test(test_mmap_larger_entries),
		cmocka_unit_test(test_mmap_too_many),
		cmocka_unit_test(test_unterminated_strings),
		cmocka_unit_test(test_long_strings),
		cmocka_unit_test(test_modules),
		cmocka_unit_test(test_acpi_rsdp_tags),
		cmocka_unit_test(test_cmdline_get_basic),
		cmocka_unit_test(test_cmdline_get_rules),
		cmocka_unit_test(test_cmdline_get_buffers),
		cmocka_unit_test(test_cmdline_append),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
