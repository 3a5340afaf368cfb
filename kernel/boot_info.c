/*
 * Multiboot2 information parser: copies what GRUB hands over (command line,
 * loader name, memory map, modules, framebuffer, the ACPI RSDP) into struct
 * boot_info, and
 * answers `key=value` questions about the kernel command line.
 * Nothing in the structure is trusted: every read is bounded by the tag's
 * size, every tag by the total size, every copy by the destination, and
 * fields are read with memcpy-style loads so alignment never matters.
 * Pure code: also built on the host for unit tests and fuzzing.
 */
#include <kelp/boot_info.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/unaligned.h>

/* Tag types (Multiboot2 specification, section 3.6). */
#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER_NAME	2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_FRAMEBUFFER	8
#define MB2_TAG_ACPI_OLD	14	/* a copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW	15	/* a copy of the ACPI 2.0+ RSDP */

/* Fixed sizes: the info header (total_size, reserved) and a tag header. */
#define MB2_INFO_HDR		8
#define MB2_TAG_HDR		8
#define MB2_TAG_ALIGN		8

/* Smallest tag of each type that holds the fields we read. */
#define MB2_MODULE_MIN		16	/* header, mod_start, mod_end */
#define MB2_MMAP_MIN		16	/* header, entry_size, entry_version */
#define MB2_MMAP_ENTRY_MIN	24	/* base_addr, length, type, reserved */
#define MB2_FB_MIN		30	/* header, addr, pitch, w, h, bpp, type */

struct boot_info boot_info;

static inline u8 mb2_get8(const u8 *p)
{
	return *p;
}

/*
 * Copies the string at p, which may run for at most avail bytes (a string
 * without its NUL is cut there), into dst of dst_size > 0 bytes, always
 * terminated. Returns true when the string did not fit in dst.
 */
static bool mb2_copy_string(char *dst, size_t dst_size, const u8 *p, size_t avail)
{
	const u8 *nul = memchr(p, 0, avail);
	size_t len = nul ? (size_t)(nul - p) : avail;
	bool cut = len >= dst_size;

	if (cut)
		len = dst_size - 1;
	memcpy(dst, p, len);
	dst[len] = '\0';
	return cut;
}

static int mb2_parse_module(struct boot_info *bi, const u8 *tag, u32 size)
{
	struct boot_module *m;
	u32 start, end;

	if (size < MB2_MODULE_MIN)
		return -EINVAL;
	start = get_unaligned_le32(tag + 8);
	end = get_unaligned_le32(tag + 12);
	if (end < start)
		return -EINVAL;
	/* Validated even when there is no room left, then dropped. */
	if (bi->module_count >= BOOT_MODULES_MAX)
		return 0;
	m = &bi->modules[bi->module_count++];
	m->start = start;
	m->end = end;
	mb2_copy_string(m->cmdline, sizeof(m->cmdline), tag + MB2_MODULE_MIN,
			size - MB2_MODULE_MIN);
	return 0;
}

/*
 * Entries may be larger than we know (entry_size), never smaller; a partial
 * entry at the end of the tag is ignored, entries past BOOT_MMAP_MAX dropped.
 */
static int mb2_parse_mmap(struct boot_info *bi, const u8 *tag, u32 size)
{
	u32 entry_size, n, i;

	if (size < MB2_MMAP_MIN)
		return -EINVAL;
	entry_size = get_unaligned_le32(tag + 8);
	if (entry_size < MB2_MMAP_ENTRY_MIN || entry_size % 8)
		return -EINVAL;
	n = (size - MB2_MMAP_MIN) / entry_size;
	for (i = 0; i < n && bi->mmap_count < BOOT_MMAP_MAX; i++) {
		const u8 *e = tag + MB2_MMAP_MIN + (size_t)i * entry_size;
		struct boot_mem_region *r = &bi->mmap[bi->mmap_count++];

		r->base = get_unaligned_le64(e);
		r->length = get_unaligned_le64(e + 8);
		r->type = get_unaligned_le32(e + 16);
	}
	return 0;
}

static int mb2_parse_framebuffer(struct boot_info *bi, const u8 *tag, u32 size)
{
	if (size < MB2_FB_MIN)
		return -EINVAL;
	bi->fb.addr = get_unaligned_le64(tag + 8);
	bi->fb.pitch = get_unaligned_le32(tag + 16);
	bi->fb.width = get_unaligned_le32(tag + 20);
	bi->fb.height = get_unaligned_le32(tag + 24);
	bi->fb.bpp = mb2_get8(tag + 28);
	bi->fb.type = mb2_get8(tag + 29);
	bi->has_framebuffer = true;
	return 0;
}

/*
 * The RSDP copies: kept as bytes, checked later by the ACPI parser. A new
 * (2.0+) copy wins over an old one whichever comes first, since only it
 * can name the XSDT.
 */
static void mb2_parse_rsdp(struct boot_info *bi, const u8 *payload, size_t avail, bool is_new)
{
	size_t len = avail < sizeof(bi->acpi_rsdp) ? avail : sizeof(bi->acpi_rsdp);

	if (bi->acpi_rsdp_len && bi->acpi_rsdp_new && !is_new)
		return;
	memcpy(bi->acpi_rsdp, payload, len);
	bi->acpi_rsdp_len = len;
	bi->acpi_rsdp_new = is_new;
}

/* One tag other than the end tag; size is already checked against the total. */
static int mb2_parse_tag(struct boot_info *bi, u32 type, const u8 *tag, u32 size)
{
	const u8 *payload = tag + MB2_TAG_HDR;
	size_t avail = size - MB2_TAG_HDR;

	switch (type) {
	case MB2_TAG_CMDLINE:
		bi->cmdline_truncated = mb2_copy_string(bi->cmdline, sizeof(bi->cmdline),
							payload, avail);
		return 0;
	case MB2_TAG_LOADER_NAME:
		mb2_copy_string(bi->loader_name, sizeof(bi->loader_name), payload, avail);
		return 0;
	case MB2_TAG_MODULE:
		return mb2_parse_module(bi, tag, size);
	case MB2_TAG_MMAP:
		return mb2_parse_mmap(bi, tag, size);
	case MB2_TAG_FRAMEBUFFER:
		return mb2_parse_framebuffer(bi, tag, size);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		mb2_parse_rsdp(bi, payload, avail, type == MB2_TAG_ACPI_NEW);
		return 0;
	default:
		bi->ignored_tags++;
		return 0;
	}
}

/*
 * Parses the Multiboot2 information at mbi (avail readable bytes) into *bi,
 * which is cleared first; mbi_phys is left 0 for the caller, who knows the
 * physical address. Returns 0, or -EINVAL for a malformed structure, with
 * *bi holding the tags parsed before the bad one. Boot context (kmain), but
 * pure: no globals, no allocation, callable anywhere, also on the host.
 */
notrace int boot_info_parse(const void *mbi, size_t avail, struct boot_info *bi)
{
	const u8 *base = mbi;
	size_t off = MB2_INFO_HDR;
	u32 total;

	memset(bi, 0, sizeof(*bi));
	if (!mbi || avail < MB2_INFO_HDR)
		return -EINVAL;
	total = get_unaligned_le32(base);
	if (total < MB2_INFO_HDR + MB2_TAG_HDR || total > avail)
		return -EINVAL;
	bi->mbi_size = total;

	/* off <= total + 7 throughout, so none of this can wrap. */
	while (off + MB2_TAG_HDR <= total) {
		u32 type = get_unaligned_le32(base + off);
		u32 size = get_unaligned_le32(base + off + 4);
		int ret;

		if (size < MB2_TAG_HDR || size > total - off)
			return -EINVAL;
		if (type == MB2_TAG_END)
			return 0;
		ret = mb2_parse_tag(bi, type, base + off, size);
		if (ret)
			return ret;
		off += ALIGN_UP((size_t)size, MB2_TAG_ALIGN);
	}
	return -EINVAL;		/* ran out of bytes before the end tag */
}

static bool cmdline_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A word of the command line: [start, start + len), quotes included. */
struct cmdline_word {
	const char *start;
	size_t len;
};

/*
 * Splits off the word at *p (after blanks); blanks inside double quotes
 * belong to the word, as in Linux's next_arg(). Returns false at the end.
 */
static bool cmdline_next_word(const char **p, struct cmdline_word *w)
{
	const char *s = *p;
	bool in_quote = false;

	while (cmdline_is_space(*s))
		s++;
	w->start = s;
	for (; *s && (in_quote || !cmdline_is_space(*s)); s++) {
		if (*s == '"')
			in_quote = !in_quote;
	}
	w->len = s - w->start;
	*p = s;
	return w->len > 0;
}

/* Parameter names compare with '-' and '_' equal, as Linux's parameq(). */
static bool cmdline_name_eq(const char *name, size_t name_len, const char *key)
{
	size_t i;

	for (i = 0; i < name_len; i++) {
		char a = name[i] == '-' ? '_' : name[i];
		char b = key[i] == '-' ? '_' : key[i];

		if (!key[i] || a != b)
			return false;
	}
	return key[i] == '\0';
}

/*
 * Whether word w is `key` or `key=value`; if so, val and val_len receive
 * the value without its surrounding quotes (empty for a bare key).
 */
static bool cmdline_match(struct cmdline_word w, const char *key,
			  const char **val, size_t *val_len)
{
	const char *eq;
	size_t name_len;

	/* `"key=a b"`: a quote before the name pairs with one at the end. */
	if (w.start[0] == '"') {
		w.start++;
		w.len--;
		if (w.len && w.start[w.len - 1] == '"')
			w.len--;
	}
	eq = memchr(w.start, '=', w.len);
	name_len = eq ? (size_t)(eq - w.start) : w.len;
	if (!cmdline_name_eq(w.start, name_len, key))
		return false;
	*val = eq ? eq + 1 : w.start + w.len;
	*val_len = eq ? w.len - name_len - 1 : 0;
	if (*val_len && **val == '"') {
		(*val)++;
		(*val_len)--;
		if (*val_len && (*val)[*val_len - 1] == '"')
			(*val_len)--;
	}
	return true;
}

/*
 * Looks key up among the blank-separated words of cmdline: `key=value`
 * gives value, a bare `key` gives "". The last occurrence wins and words
 * after a bare "--" are not kernel parameters (both as Linux). Returns buf
 * holding the value cut to len - 1 bytes, or NULL when key is absent (or
 * buf cannot hold a string). Any context; does not allocate.
 */
const char *boot_cmdline_get(const char *cmdline, const char *key, char *buf, size_t len)
{
	const char *p = cmdline, *val = NULL;
	size_t val_len = 0;
	struct cmdline_word w;

	if (!cmdline || !key || !*key || !buf || !len)
		return NULL;
	while (cmdline_next_word(&p, &w)) {
		const char *v;
		size_t vl;

		if (w.len == 2 && w.start[0] == '-' && w.start[1] == '-')
			break;
		if (cmdline_match(w, key, &v, &vl)) {
			val = v;
			val_len = vl;
		}
	}
	if (!val)
		return NULL;
	val_len = min(val_len, len - 1);
	memcpy(buf, val, val_len);
	buf[val_len] = '\0';
	return buf;
}

/*
 * Appends the len bytes at extra (a command line from elsewhere, e.g. the
 * hypervisor's fw_cfg file, not necessarily NUL-terminated) to cmdline
 * (size bytes, NUL-terminated), separated by one space when both are
 * non-empty. extra ends at its first NUL; other control characters (a
 * file's newline) become spaces and trailing blanks are dropped. What does
 * not fit is cut. Returns true when something was cut. Pure, any context.
 */
bool boot_cmdline_append(char *cmdline, size_t size, const char *extra, size_t len)
{
	size_t n = strnlen(cmdline, size), end = 0;

	if (!size || n >= size)
		return true;
	for (size_t i = 0; i < len && extra[i]; i++)
		if (extra[i] != ' ' && (u8)extra[i] >= 0x20)
			end = i + 1;	/* one past the last visible byte */
	if (!end)
		return false;
	if (n && n + 1 < size)
		cmdline[n++] = ' ';
	for (size_t i = 0; i < end; i++) {
		if (n + 1 >= size) {
			cmdline[n] = '\0';
			return true;
		}
		cmdline[n++] = (u8)extra[i] < 0x20 ? ' ' : extra[i];
	}
	cmdline[n] = '\0';
	return false;
}
