/*
 * libFuzzer target for path resolution: a fixed tree with a second ramfs
 * mounted inside it and a directory of symbolic links on /l (relative,
 * absolute, to "." and "..", to itself, empty), and fuzzed paths given to
 * lookup, lstat, readlink, lookup_parent, mkdir/unlink, and chdir +
 * getcwd. Every reference taken must be dropped (the root's reference
 * count comes back), and the tree must empty cleanly.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "host_vfs.h"

/* /l: a read-only directory of symbolic links; each lookup makes a fresh inode. */
static const struct {
	const char *name, *target;
} links[] = {
	{ "up", ".." },		{ "self", "." },	{ "abs", "/a/b" },
	{ "file", "../a/file" },	{ "loop", "loop" },	{ "empty", "" },
	{ "mnt", "/mnt/inner/" },	{ "deep", "/l/self/up/l/abs/../../l/file" },
};

static int link_readlink(struct inode *inode, char *buf, size_t len)
{
	const char *t = links[(uintptr_t)inode->private].target;
	size_t n = strlen(t);

	if (n >= len)
		return -ENAMETOOLONG;
	memcpy(buf, t, n + 1);
	return n;
}

static const struct inode_operations link_iops = { .readlink = link_readlink };

static struct inode *linkdir_lookup(struct inode *dir, const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(links); i++) {
		struct inode *inode;

		if (strcmp(links[i].name, name))
			continue;
		inode = inode_alloc(S_IFLNK | 0777, &link_iops, NULL);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		inode->private = (void *)i;
		return inode;
	}
	return ERR_PTR(-ENOENT);
}

static const struct inode_operations linkdir_iops = { .lookup = linkdir_lookup };
static struct inode *linkdir;

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
	vfs_mkdir("/l", 0755);
	linkdir = inode_alloc(S_IFDIR | 0555, &linkdir_iops, NULL);
	vfs_mount("/l", linkdir);
	iput(linkdir);
}

/* Undoes a mount whose root is the lookup of path (its covered inode: the mount point). */
static void unmount(const char *path, bool empty)
{
	struct inode *m;

	if (vfs_lookup(path, &m))
		abort();
	if (empty)
		host_empty_dir(path);
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
	if (vfs_lookup_nofollow(path, &inode) == 0)
		iput(inode);
	vfs_readlink(path, cwd, sizeof(cwd));
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
	unmount("/l", false);
	unmount("/mnt", true);
	host_vfs_teardown();
	if (host_live_allocs() != 0)
		__builtin_trap();
	return 0;
}
