/*
 * fw_cfg, QEMU's firmware configuration interface (QEMU docs/specs/fw_cfg),
 * through its x86 I/O ports: a 16-bit selector at 0x510 and an 8-bit data
 * port at 0x511 that reads the selected item byte by byte. Item 0 is the
 * signature "QEMU", item 0x19 the file directory (a big-endian count, then
 * 64-byte entries: size, selector, reserved, 56-byte name). Only reads,
 * only at boot (the kernel command line, kernel/main.c), a few hundred
 * bytes: the DMA interface is not worth it. Not under a hypervisor the
 * ports are never touched, so bare metal is unaffected.
 */
#include <kelp/errno.h>
#include <kelp/fw_cfg.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define FW_CFG_PORT_SEL		0x510
#define FW_CFG_PORT_DATA	0x511
#define FW_CFG_SIGNATURE	0x0000
#define FW_CFG_FILE_DIR		0x0019
#define FW_CFG_NAME_LEN		56
#define FW_CFG_MAX_FILES	0x4000	/* QEMU's own upper bound on file slots */
#define CPUID_1_ECX_HYPERVISOR	(1u << 31)

/* One entry of the file directory, as on the wire (big-endian). */
struct fw_cfg_file {
	u32 size;
	u16 select;
	u16 reserved;
	char name[FW_CFG_NAME_LEN];
} __packed;

static void fw_cfg_select(u16 key)
{
	outw(FW_CFG_PORT_SEL, key);
}

/* The next len bytes of the selected item. */
static void fw_cfg_read(void *buf, size_t len)
{
	u8 *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = inb(FW_CFG_PORT_DATA);
}

static u32 be32(u32 v)
{
	return __builtin_bswap32(v);
}

/*
 * Whether the fw_cfg ports are there: only asked under a hypervisor (a
 * write to port 0x510 of unknown hardware is not harmless), then the
 * signature must read "QEMU".
 */
static bool fw_cfg_present(void)
{
	static int present = -1;
	u32 a, b, c, d;
	char sig[4];

	if (present >= 0)
		return present;
	present = 0;
	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_HYPERVISOR))
		return false;
	fw_cfg_select(FW_CFG_SIGNATURE);
	fw_cfg_read(sig, sizeof(sig));
	present = !memcmp(sig, "QEMU", 4);
	return present;
}

/* See fw_cfg.h. */
long fw_cfg_read_file(const char *name, void *buf, size_t len)
{
	struct fw_cfg_file f;
	u32 count;

	if (!fw_cfg_present())
		return -ENODEV;
	fw_cfg_select(FW_CFG_FILE_DIR);
	fw_cfg_read(&count, sizeof(count));
	count = min(be32(count), (u32)FW_CFG_MAX_FILES);
	for (u32 i = 0; i < count; i++) {
		fw_cfg_read(&f, sizeof(f));
		f.name[FW_CFG_NAME_LEN - 1] = '\0';	/* never trust the terminator */
		if (strcmp(f.name, name))
			continue;
		fw_cfg_select(__builtin_bswap16(f.select));
		fw_cfg_read(buf, min((size_t)be32(f.size), len));
		return be32(f.size);
	}
	return -ENOENT;
}
