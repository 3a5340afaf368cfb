/*
 * The initramfs: a cpio (newc) archive handed over by GRUB as a Multiboot2
 * module, unpacked into the root ramfs at boot. Directories and regular
 * files are created; other entry types are skipped with a note. A corrupt
 * archive stops the unpacking with a message saying where and why; what was
 * unpacked before stays, and the boot goes on.
 */
#include <kelp/fs.h>
#include <kelp/cpio.h>
#include <kelp/errno.h>
#include <kelp/printk.h>
#include <kelp/string.h>

/* "./a/b" and "/a/b" both mean "/a/b"; "." is the root itself. */
static bool to_abs_path(const char *name, char *out, size_t len)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (!*name || !strcmp(name, "."))
		return false;
	return (size_t)snprintf(out, len, "/%s", name) < len;
}

static int write_file(const char *path, const struct cpio_entry *e)
{
	struct file *f;
	ssize_t n;
	int err = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777, &f);

	if (err)
		return err;
	n = e->size ? vfs_write(f, e->data, e->size) : 0;
	vfs_close(f);
	if (n < 0)
		return n;
	return (size_t)n == e->size ? 0 : -EIO;
}

static int unpack_entry(const struct cpio_entry *e)
{
	static char path[PATH_MAX];
	int err;

	if (!to_abs_path(e->name, path, sizeof(path)))
		return 0;
	if (S_ISDIR(e->mode)) {
		err = vfs_mkdir(path, e->mode & 07777);
		return err == -EEXIST ? 0 : err;
	}
	if (S_ISREG(e->mode))
		return write_file(path, e);
	pr_notice("initramfs: %s: unsupported file type %o, skipped\n", path, e->mode & S_IFMT);
	return 0;
}

/* See fs.h. */
int initramfs_unpack(const void *data, size_t len)
{
	struct cpio_entry e;
	const char *why;
	size_t off = 0, at;
	unsigned int count = 0;
	int r, err;

	for (;;) {
		at = off;
		r = cpio_next(data, len, &off, &e, &why);
		if (r == 0)
			break;
		if (r < 0) {
			pr_err("initramfs: corrupt archive at offset %zu: %s; %u entries unpacked\n",
			       at, why, count);
			return r;
		}
		err = unpack_entry(&e);
		if (err) {
			pr_err("initramfs: %s: %s\n", e.name, strerror(err));
			continue;
		}
		count++;
	}
	pr_info("initramfs: unpacked %u entries (%zu bytes)\n", count, len);
	return 0;
}
