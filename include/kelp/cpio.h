/*
 * Reader of cpio "newc" archives (the initramfs format; kernel/fs/cpio.c).
 * Pure and bounded: archives come from outside (the boot loader hands over
 * whatever file it was told to), so every field is checked and a corrupt
 * archive yields an error, never an out-of-bounds read.
 */
#ifndef KELP_CPIO_H
#define KELP_CPIO_H

#include <kelp/types.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_NAME_MAX 4096

struct cpio_entry {
	const char *name;	/* NUL-terminated inside the archive */
	size_t namelen;		/* without the NUL */
	u32 mode;		/* S_IF* | permissions */
	const void *data;
	size_t size;
};

/*
 * Reads the entry at *off of buf[0..len). Returns 1 and advances *off past
 * it, 0 at the "TRAILER!!!" entry, or -EINVAL when the archive is corrupt
 * (bad magic, a non-hex field, a name or data running past the end, a name
 * without its NUL, sizes out of range); *why then says what is wrong.
 */
int cpio_next(const void *buf, size_t len, size_t *off, struct cpio_entry *e, const char **why);

#endif /* KELP_CPIO_H */
