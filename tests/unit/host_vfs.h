/*
 * The VFS and ramfs compiled for the host, with helpers to empty a tree
 * and undo vfs_init(), so that tests and fuzz targets can prove that every
 * allocation came back (host_live_allocs() == 0). Include after unit.h.
 */
#ifndef KELP_TEST_HOST_VFS_H
#define KELP_TEST_HOST_VFS_H

#include "../../kernel/lib/string.c"
#include "../../kernel/lib/strerror.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"
#include "../../kernel/fs/vfs.c"
#include "../../kernel/fs/file.c"
#include "../../kernel/fs/ramfs.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

/* Removes everything below the directory at path (not the directory itself). */
static UNIT_UNUSED void host_empty_dir(const char *path)
{
	struct dirent_info d;
	struct inode *dir;
	char child[PATH_MAX];

	if (vfs_lookup(path, &dir))
		abort();
	while (dir->i_op->readdir(dir, 0, &d) == 0) {
		kelp_snprintf(child, sizeof(child), "%s/%s", path, d.name);
		if (S_ISDIR(d.mode)) {
			host_empty_dir(child);
			if (vfs_rmdir(child))
				abort();
		} else if (vfs_unlink(child)) {
			abort();
		}
	}
	iput(dir);
}

/* Empties the tree and drops the root and cwd references of vfs_init(). */
static UNIT_UNUSED void host_vfs_teardown(void)
{
	host_empty_dir("/");
	iput(init_fs.cwd);
	iput(root_inode);
	init_fs.cwd = root_inode = NULL;
	kelp_strlcpy(init_fs.cwd_path, "/", sizeof(init_fs.cwd_path));
}

#endif
