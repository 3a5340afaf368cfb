/*
 * libFuzzer target for path resolution: a fixed tree with a second ramfs
 * mounted inside it, and fuzzed paths given to lookup, lookup_parent,
 * mkdir/unlink, and chdir + getcwd. Every reference taken must be dropped
 * (the root's reference count comes back), and the tree must empty cleanly.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "host_vfs.h"

static void build_tree(void)
{
	struct inode *second = ramfs_new_root();
	struct file *f;

	vfs_mkdir("/a", 0755);
	vfs_mkdir("/a/b", 0755);
	vfs_mkdir("/mnt", 0755);
	if (vfs_open("/a/file", O_WRONLY | O_CREAT, 0644, &f) == 0)
		vfs_close(f);
	vfs_mount("/mnt", second);
	vfs_mkdir("/mnt/inner", 0755);
	iput(second);
}

static void unmount_second(void)
{
	struct inode *m;

	if (vfs_lookup("/mnt", &m))
		abort();
	/* m is the mounted root; its covered inode is the /mnt directory. */
	host_empty_dir("/mnt");
	m->covered->mounted = NULL;
	iput(m->covered);
	m->covered = NULL;
	iput(m);	/* the lookup's reference */
	iput(m);	/* the mount's reference */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[PATH_MAX + 16], last[NAME_MAX + 1], cwd[PATH_MAX];
	struct inode *inode;
	int refs;

	if (size >= sizeof(path))
		size = sizeof(path) - 1;
	kelp_memcpy(path, data, size);
	path[size] = '\0';
	vfs_init();
	build_tree();
	refs = root_inode->refcount;
	if (vfs_lookup(path, &inode) == 0)
		iput(inode);
	if (vfs_lookup_parent(path, &inode, last) == 0)
		iput(inode);
	if (vfs_mkdir(path, 0755) == 0 && vfs_rmdir(path) != 0)
		__builtin_trap();
	if (vfs_chdir(path) == 0) {
		vfs_getcwd(cwd, sizeof(cwd));
		if (cwd[0] != '/')
			__builtin_trap();
		vfs_chdir("/");
	}
	if (root_inode->refcount != refs)
		__builtin_trap();
	unmount_second();
	host_vfs_teardown();
	if (host_live_allocs() != 0)
		__builtin_trap();
	return 0;
}
