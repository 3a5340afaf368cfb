/*
 * cpio newc reader. Layout: a 110-byte ASCII header ("070701" or "070702"
 * and thirteen 8-digit hex fields), the name (namesize bytes with its NUL),
 * padding to 4 bytes, the data, padding to 4 bytes. Offsets are checked
 * against the buffer before every access; sizes are checked before any
 * addition can overflow. Fuzzed by tests/fuzz/fuzz_cpio.c.
 */
#include <kelp/cpio.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/compiler.h>

enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses the 8 hex digits of field i; false if one is not a hex digit. */
static bool parse_field(const char *hdr, int i, u32 *out)
{
	const char *p = hdr + 6 + 8 * i;
	u32 v = 0;

	for (int k = 0; k < 8; k++) {
		int d = hexval(p[k]);

		if (d < 0)
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static size_t pad4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

static int cpio_fail(const char **why, const char *msg)
{
	*why = msg;
	return -EINVAL;
}

/* See cpio.h. */
int cpio_next(const void *buf, size_t len, size_t *off, struct cpio_entry *e, const char **why)
{
	const char *hdr = (const char *)buf + *off;
	u32 f[NR_FIELDS];
	size_t name_end, data_off, data_end;

	if (*off > len || len - *off < CPIO_HEADER_SIZE)
		return cpio_fail(why, "truncated header");
	if (memcmp(hdr, "07070", 5) || (hdr[5] != '1' && hdr[5] != '2'))
		return cpio_fail(why, "bad magic (not a newc cpio archive)");
	for (int i = 0; i < NR_FIELDS; i++)
		if (!parse_field(hdr, i, &f[i]))
			return cpio_fail(why, "non-hex digit in a header field");
	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > CPIO_NAME_MAX)
		return cpio_fail(why, "name size out of range");
	name_end = *off + CPIO_HEADER_SIZE + f[F_NAMESIZE];
	if (name_end > len)
		return cpio_fail(why, "name runs past the end");
	if (hdr[CPIO_HEADER_SIZE + f[F_NAMESIZE] - 1] != '\0')
		return cpio_fail(why, "name not NUL-terminated");
	e->name = hdr + CPIO_HEADER_SIZE;
	e->namelen = f[F_NAMESIZE] - 1;
	if (e->namelen != strnlen(e->name, e->namelen + 1))
		return cpio_fail(why, "NUL inside the name");
	if (!strcmp(e->name, "TRAILER!!!"))
		return 0;
	data_off = pad4(name_end);
	if (data_off > len || f[F_FILESIZE] > len - data_off)
		return cpio_fail(why, "file data runs past the end");
	data_end = data_off + f[F_FILESIZE];
	e->mode = f[F_MODE];
	e->data = (const char *)buf + data_off;
	e->size = f[F_FILESIZE];
	*off = min(pad4(data_end), len);
	return 1;
}
