/*
 * What the boot loader told us, parsed once from the Multiboot2 information
 * structure into plain fields (kernel/boot_info.c). The parser trusts
 * nothing: every tag's size is checked against the total size and against
 * the tag's own minimum size, and strings are copied with a bound.
 */
#ifndef KELP_BOOT_INFO_H
#define KELP_BOOT_INFO_H

#include <kelp/types.h>

#define BOOT_CMDLINE_MAX 1024
#define BOOT_LOADER_NAME_MAX 64
#define BOOT_MMAP_MAX 128
#define BOOT_MODULES_MAX 16
#define BOOT_MODULE_CMDLINE_MAX 128
#define BOOT_RSDP_MAX 36	/* an ACPI 2.0 RSDP; longer copies are cut */

/* Memory map entry types (Multiboot2 / E820 numbering). */
enum boot_mem_type {
	BOOT_MEM_AVAILABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI_RECLAIMABLE = 3,
	BOOT_MEM_NVS = 4,
	BOOT_MEM_BADRAM = 5,
};

struct boot_mem_region {
	u64 base;
	u64 length;
	u32 type;		/* enum boot_mem_type; unknown values kept as given */
};

struct boot_module {
	u64 start;		/* physical, first byte */
	u64 end;		/* physical, one past the last byte */
	char cmdline[BOOT_MODULE_CMDLINE_MAX];
};

struct boot_framebuffer {
	u64 addr;
	u32 pitch, width, height;
	u8 bpp, type;
};

struct boot_info {
	u64 mbi_phys;		/* where the Multiboot2 info itself lies */
	u32 mbi_size;
	char cmdline[BOOT_CMDLINE_MAX];
	char loader_name[BOOT_LOADER_NAME_MAX];
	u32 mmap_count;
	struct boot_mem_region mmap[BOOT_MMAP_MAX];
	u32 module_count;
	struct boot_module modules[BOOT_MODULES_MAX];
	bool has_framebuffer;
	struct boot_framebuffer fb;
	u8 acpi_rsdp[BOOT_RSDP_MAX];	/* the loader's copy, unchecked */
	u32 acpi_rsdp_len;	/* 0: no ACPI tag */
	bool acpi_rsdp_new;	/* from the "ACPI new" tag (2.0+) */
	bool cmdline_truncated;	/* the loader's command line did not fit */
	u32 ignored_tags;	/* tags of types we do not use */
};

/* Filled by boot_info_parse() in kmain; read-only afterwards. */
extern struct boot_info boot_info;

/*
 * Parses a Multiboot2 information structure of at most `avail` bytes that
 * starts at `mbi` (8-byte aligned) into *bi. Returns 0, or -EINVAL when the
 * structure is malformed (bad total size, a tag running past the end, a tag
 * shorter than its type requires, a missing end tag); *bi then holds what
 * was parsed before the error. Pure function: no allocation, no globals,
 * callable on the host (unit tests, fuzzing).
 */
int boot_info_parse(const void *mbi, size_t avail, struct boot_info *bi);

/* Value of `key=value` (or presence of a bare `key`) in the command line. */
const char *boot_cmdline_get(const char *cmdline, const char *key, char *buf, size_t len);

/*
 * Appends len bytes of another command line (not necessarily terminated;
 * it ends at a NUL, control characters become blanks) to cmdline, one
 * blank between. Returns true when it had to be cut to fit size bytes.
 */
bool boot_cmdline_append(char *cmdline, size_t size, const char *extra, size_t len);

#endif /* KELP_BOOT_INFO_H */
