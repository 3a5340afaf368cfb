/*
 * libFuzzer target for kernel/boot_info.c. The input is used twice: as a
 * Multiboot2 information structure (copied to an 8-aligned heap buffer of
 * exactly its size, so ASan sees any read past it), and as a command line
 * for boot_cmdline_get() with a few keys, and appended (as QEMU's fw_cfg
 * command line, exactly `size` bytes, unterminated) to the parsed command
 * line with boot_cmdline_append(). Checks the parser's promises: counts
 * within the arrays, strings terminated, modules not backwards, appended
 * parts terminated and free of control characters.
 */
#include <stdint.h>
#include <stdlib.h>

/* glibc's <sys/cdefs.h> has its own; take the kernel's. */
#undef __always_inline
/* <kelp/errno.h>'s strerror returns const char *: keep it off libc's. */
#define strerror kelp_strerror
#include "../../kernel/boot_info.c"

static struct boot_info bi;

static void check_string(const char *s, size_t size)
{
	if (!memchr(s, 0, size))
		abort();
}

static void check_boot_info(const struct boot_info *b, size_t size)
{
	u32 i;

	if (b->mmap_count > BOOT_MMAP_MAX || b->module_count > BOOT_MODULES_MAX)
		abort();
	if (b->mbi_size > size)
		abort();
	check_string(b->cmdline, sizeof(b->cmdline));
	check_string(b->loader_name, sizeof(b->loader_name));
	for (i = 0; i < b->module_count; i++) {
		if (b->modules[i].end < b->modules[i].start)
			abort();
		check_string(b->modules[i].cmdline, sizeof(b->modules[i].cmdline));
	}
}

static void fuzz_mbi(const uint8_t *data, size_t size)
{
	/* malloc's memory is 16-aligned; exactly `size` bytes, so that ASan
	 * reports the first byte read past the structure. */
	void *copy = malloc(size ? size : 1);

	if (!copy || (uintptr_t)copy % 8)
		abort();
	memcpy(copy, data, size);
	boot_info_parse(copy, size, &bi);
	check_boot_info(&bi, size);
	free(copy);
}

static void fuzz_cmdline(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {
		"console", "quiet", "ktest", "log_level", "a", "--", "=",
	};
	char *cmdline = malloc(size + 1);
	char buf[16];
	size_t i;

	if (!cmdline)
		abort();
	memcpy(cmdline, data, size);
	cmdline[size] = '\0';
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		const char *v = boot_cmdline_get(cmdline, keys[i], buf, sizeof(buf));

		if (v && (v != buf || strlen(v) >= sizeof(buf)))
			abort();
	}
	/* A one-byte buffer only ever holds "". */
	if (boot_cmdline_get(cmdline, "a", buf, 1) && buf[0])
		abort();
	free(cmdline);
}

static void fuzz_append(const uint8_t *data, size_t size)
{
	char *extra = malloc(size ? size : 1);
	size_t n0 = strnlen(bi.cmdline, sizeof(bi.cmdline)), n;

	if (!extra)
		abort();
	memcpy(extra, data, size);
	boot_cmdline_append(bi.cmdline, sizeof(bi.cmdline), extra, size);
	n = strnlen(bi.cmdline, sizeof(bi.cmdline));
	if (n >= sizeof(bi.cmdline) || n < n0)
		abort();
	for (size_t i = n0; i < n; i++)	/* the parsed part is GRUB's, raw */
		if ((u8)bi.cmdline[i] < 0x20)
			abort();
	free(extra);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_mbi(data, size);
	fuzz_cmdline(data, size);
	fuzz_append(data, size);
	return 0;
}
