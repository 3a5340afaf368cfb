/*
 * Linux's hex dumps (lib/hexdump.c): hex_dump_to_buffer() formats one row
 * of 16 or 32 bytes in groups of 1, 2, 4 or 8 (read in the CPU's byte
 * order), optionally followed by the printable ASCII at Linux's column;
 * print_hex_dump() logs a buffer row by row with an address or offset
 * prefix. seq_hex_dump() (kernel/fs/seq_file.c) uses the same rows. The
 * output is byte for byte Linux's, which modules and their tests compare.
 */
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/errno.h>
#include <kelp/export.h>

const char hex_asc[] = "0123456789abcdef";
EXPORT_SYMBOL(hex_asc);
const char hex_asc_upper[] = "0123456789ABCDEF";
EXPORT_SYMBOL(hex_asc_upper);
#define hex_digits hex_asc

/* See printk.h. */
int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;			/* lower case */
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}
EXPORT_SYMBOL(hex_to_bin);

/* See printk.h. */
int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = hex_to_bin((unsigned char)*src++), lo;

		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin((unsigned char)*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (u8)(hi << 4 | lo);
	}
	return 0;
}
EXPORT_SYMBOL(hex2bin);

/* See printk.h. */
char *bin2hex(char *dst, const void *src, size_t count)
{
	const u8 *s = src;

	while (count--) {
		*dst++ = hex_asc[*s >> 4];
		*dst++ = hex_asc[*s++ & 15];
	}
	return dst;
}
EXPORT_SYMBOL(bin2hex);

/* Reads a size-byte group at p without alignment assumptions. */
static unsigned long long hd_group(const u8 *p, int size)
{
	unsigned long long v = 0;

	memcpy(&v, p, (size_t)size);	/* little-endian: the low bytes */
	return v;
}

/* See printk.h. */
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii)
{
	const u8 *ptr = buf;
	int ngroups, ascii_column;
	size_t lx = 0;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > (size_t)rowsize)
		len = (size_t)rowsize;
	if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
		groupsize = 1;
	if (len % (size_t)groupsize)
		groupsize = 1;
	ngroups = (int)len / groupsize;
	ascii_column = rowsize * 2 + rowsize / groupsize + 1;
	if (!linebuflen)
		goto too_small;
	if (!len)
		goto done;
	if (groupsize > 1) {
		for (int j = 0; j < ngroups; j++) {
			int n = snprintf(linebuf + lx, linebuflen - lx, "%s%0*llx", j ? " " : "",
					 groupsize * 2, hd_group(ptr + j * groupsize, groupsize));

			if ((size_t)n >= linebuflen - lx)
				goto too_small;
			lx += (size_t)n;
		}
	} else {
		for (size_t j = 0; j < len; j++) {	/* room checked per character, as Linux */
			if (linebuflen < lx + 2)
				goto cut;
			linebuf[lx++] = hex_digits[ptr[j] >> 4];
			if (linebuflen < lx + 2)
				goto cut;
			linebuf[lx++] = hex_digits[ptr[j] & 15];
			if (linebuflen < lx + 2)
				goto cut;
			linebuf[lx++] = ' ';
		}
		lx--;				/* no space after the last byte */
	}
	if (!ascii)
		goto done;
	while (lx < (size_t)ascii_column) {
		if (linebuflen < lx + 2)
			goto cut;
		linebuf[lx++] = ' ';
	}
	for (size_t j = 0; j < len; j++) {
		if (linebuflen < lx + 2)
			goto cut;
		linebuf[lx++] = ptr[j] >= 0x20 && ptr[j] < 0x7f ? (char)ptr[j] : '.';
	}
done:
	linebuf[lx] = '\0';
	return (int)lx;
cut:
	linebuf[lx] = '\0';
too_small:
	/* what the whole row needs, as Linux returns it */
	return ascii ? ascii_column + (int)len : (groupsize * 2 + 1) * ngroups - 1;
}
EXPORT_SYMBOL(hex_dump_to_buffer);

/* See printk.h. */
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
		    int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *ptr = buf;
	char linebuf[32 * 3 + 2 + 32 + 1];

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (size_t i = 0; i < len; i += (size_t)rowsize) {
		size_t linelen = len - i < (size_t)rowsize ? len - i : (size_t)rowsize;

		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, linebuf, sizeof(linebuf),
				   ascii);
		if (prefix_type == DUMP_PREFIX_ADDRESS)
			printk("%s%s%p: %s\n", level, prefix_str, (const void *)(ptr + i), linebuf);
		else if (prefix_type == DUMP_PREFIX_OFFSET)
			printk("%s%s%.8zx: %s\n", level, prefix_str, i, linebuf);
		else
			printk("%s%s%s\n", level, prefix_str, linebuf);
	}
}
EXPORT_SYMBOL(print_hex_dump);
