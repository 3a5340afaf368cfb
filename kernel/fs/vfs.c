/*
 * VFS core: inode references, path walking across mount points, the
 * current directory, and namespace operations. Paths are walked one
 * component at a time through each directory's lookup(); a directory with a
 * filesystem mounted on it (inode->mounted) is replaced by that root, and
 * ".." from a mounted root goes to the mount point's parent.
 *
 * vfs_lock serialises namespace changes (mkdir, unlink, rmdir, mount). It
 * is a spinlock: the operations under it only allocate and link (nothing
 * under it sleeps). Inode reference counts are atomic. The current
 * directory is the calling task's (struct fs_context).
 */
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include <kelp/compiler.h>

static struct inode *root_inode;
struct fs_context init_fs = { .refcount = 1, .cwd_path = "/" };

/* Host builds (unit tests, fuzzing) have no tasks: everything is init_fs. */
__weak struct fs_context *current_fs(void)
{
	return &init_fs;
}
static DEFINE_SPINLOCK(vfs_lock);
static u32 next_ino = 1;

/* See fs.h. Returns an inode with one reference, or NULL. */
struct inode *inode_alloc(u32 mode, const struct inode_operations *iop,
			  const struct file_operations *fop)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	inode->mode = mode;
	inode->nlink = 1;
	inode->refcount = 1;
	inode->i_op = iop;
	inode->i_fop = fop;
	return inode;
}

/* See fs.h. */
struct inode *iget(struct inode *inode)
{
	__atomic_fetch_add(&inode->refcount, 1, __ATOMIC_RELAXED);
	return inode;
}

/* See fs.h. The last reference evicts the filesystem's data and frees the inode. */
void iput(struct inode *inode)
{
	if (!inode || __atomic_sub_fetch(&inode->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	if (inode->i_op && inode->i_op->evict)
		inode->i_op->evict(inode);
	kfree(inode);
}

/* See fs.h. */
struct inode *vfs_root(void)
{
	return root_inode;
}

/* A mount point leads to the root mounted on it (mounts may stack). */
static struct inode *follow_mounts(struct inode *inode)
{
	while (inode->mounted) {
		struct inode *next = iget(inode->mounted);

		iput(inode);
		inode = next;
	}
	return inode;
}

/*
 * Guards the read of inode->parent with the reference ".." takes on it,
 * against inode_clear_parent(). A leaf: nothing is taken inside it.
 */
static DEFINE_SPINLOCK(inode_parent_lock);

/* See fs.h. */
void inode_clear_parent(struct inode *inode)
{
	unsigned long flags;

	spin_lock_irqsave(&inode_parent_lock, flags);
	inode->parent = NULL;
	spin_unlock_irqrestore(&inode_parent_lock, flags);
}

static struct inode *step_dotdot(struct inode *cur)
{
	struct inode *next;
	unsigned long flags;

	while (cur->covered)
		cur = cur->covered;	/* a mounted root: up to its mount point */
	spin_lock_irqsave(&inode_parent_lock, flags);
	next = iget(cur->parent ? cur->parent : root_inode);
	spin_unlock_irqrestore(&inode_parent_lock, flags);
	return next;
}

/* Copies the next component of *p into name; returns its length or -errno. */
static int next_component(const char **p, char *name)
{
	const char *s = *p, *e;

	while (*s == '/')
		s++;
	e = s;
	while (*e && *e != '/')
		e++;
	if (e - s > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, s, e - s);
	name[e - s] = '\0';
	*p = e;
	return e - s;
}

static bool is_last_component(const char *p)
{
	while (*p == '/')
		p++;
	return *p == '\0';
}

#define WALK_MAX_LINKS 8	/* nested symbolic links, as Linux's MAXSYMLINKS is 40: -ELOOP beyond */

static int walk_at(struct inode *start, const char *path, struct inode **out, char *last,
		   int depth);

/*
 * Replaces *link (a symbolic link found in dir, both referenced) by the
 * inode its target names, walked from dir or from the root. 0 or -errno.
 */
static int follow_link(struct inode *dir, struct inode **link, int depth)
{
	struct inode *target;
	char *path;
	int err;

	if (depth >= WALK_MAX_LINKS)
		return -ELOOP;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	err = (*link)->i_op->get_link(*link, path, PATH_MAX);
	if (!err)
		err = walk_at(path[0] == '/' ? root_inode : dir, path, &target, NULL, depth + 1);
	kfree(path);
	if (err)
		return err;
	iput(*link);
	*link = target;
	return 0;
}

static int walk_one(struct inode **cur, const char *name, int depth)
{
	struct inode *next;
	int err;

	if (!S_ISDIR((*cur)->mode) || !(*cur)->i_op || !(*cur)->i_op->lookup)
		return -ENOTDIR;
	if (!strcmp(name, "."))
		return 0;
	if (!strcmp(name, ".."))
		next = step_dotdot(*cur);
	else
		next = (*cur)->i_op->lookup(*cur, name);
	if (IS_ERR(next))
		return PTR_ERR(next);
	if (S_ISLNK(next->mode) && next->i_op && next->i_op->get_link) {
		err = follow_link(*cur, &next, depth);
		if (err) {
			iput(next);
			return err;
		}
	}
	iput(*cur);
	*cur = follow_mounts(next);
	return 0;
}

/*
 * Walks path; with last != NULL stops before the final component and
 * copies it there. Returns 0 with a referenced *out, or a negative errno.
 */
static int walk(const char *path, struct inode **out, char *last)
{
	if (!path || !*path)
		return -ENOENT;
	return walk_at(path[0] == '/' ? root_inode : current_fs()->cwd, path, out, last, 0);
}

/* walk() from start (for a relative path), depth symbolic links deep. */
static int walk_at(struct inode *start, const char *path, struct inode **out, char *last,
		   int depth)
{
	char name[NAME_MAX + 1];
	struct inode *cur;
	int n, err = 0;

	if (!*path)
		return -ENOENT;
	if (strnlen(path, PATH_MAX) == PATH_MAX)
		return -ENAMETOOLONG;
	cur = iget(path[0] == '/' ? root_inode : start);
	if (last)
		last[0] = '\0';
	while ((n = next_component(&path, name)) != 0) {
		if (n < 0) {
			err = n;
			break;
		}
		if (last && is_last_component(path)) {
			if (!S_ISDIR(cur->mode))
				err = -ENOTDIR;
			memcpy(last, name, n + 1);
			break;
		}
		err = walk_one(&cur, name, depth);
		if (err)
			break;
	}
	if (err) {
		iput(cur);
		return err;
	}
	*out = cur;
	return 0;
}

/* See fs.h. */
int vfs_lookup(const char *path, struct inode **out)
{
	return walk(path, out, NULL);
}

/* See fs.h. */
int vfs_lookup_parent(const char *path, struct inode **parent, char *last)
{
	int err = walk(path, parent, last);

	if (err)
		return err;
	if (!last[0] || !strcmp(last, ".") || !strcmp(last, "..")) {
		iput(*parent);
		return -EEXIST;	/* "/", "." or "..": always there */
	}
	return 0;
}

/* Runs a namespace operation on the parent of path under vfs_lock. */
static int with_parent(const char *path, int (*op)(struct inode *dir, const char *name, u32 mode),
		       u32 mode)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	unsigned long flags;
	int err = vfs_lookup_parent(path, &dir, last);

	if (err)
		return err;
	spin_lock_irqsave(&vfs_lock, flags);
	err = op(dir, last, mode);
	spin_unlock_irqrestore(&vfs_lock, flags);
	iput(dir);
	return err;
}

static int op_mkdir(struct inode *dir, const char *name, u32 mode)
{
	return dir->i_op->mkdir ? dir->i_op->mkdir(dir, name, mode) : -EPERM;
}

static int op_unlink(struct inode *dir, const char *name, u32 mode)
{
	return dir->i_op->unlink ? dir->i_op->unlink(dir, name) : -EPERM;
}

static int op_rmdir(struct inode *dir, const char *name, u32 mode)
{
	return dir->i_op->rmdir ? dir->i_op->rmdir(dir, name) : -EPERM;
}

/* See fs.h. */
int vfs_mkdir(const char *path, u32 mode)
{
	return with_parent(path, op_mkdir, mode);
}

/* See fs.h. */
int vfs_unlink(const char *path)
{
	return with_parent(path, op_unlink, 0);
}

/* See fs.h. */
int vfs_rmdir(const char *path)
{
	return with_parent(path, op_rmdir, 0);
}

/* See fs.h. Takes a reference on root for as long as it is mounted. */
int vfs_mount(const char *path, struct inode *root)
{
	struct inode *mp;
	unsigned long flags;
	int err = vfs_lookup(path, &mp);

	if (err)
		return err;
	if (!S_ISDIR(mp->mode)) {
		iput(mp);
		return -ENOTDIR;
	}
	spin_lock_irqsave(&vfs_lock, flags);
	mp->mounted = iget(root);
	root->covered = mp;	/* keeps the reference from the lookup */
	spin_unlock_irqrestore(&vfs_lock, flags);
	return 0;
}

/* See fs.h. */
int vfs_stat(const char *path, struct kstat *st)
{
	struct inode *inode;
	int err = vfs_lookup(path, &inode);

	if (err)
		return err;
	*st = (struct kstat){ inode->ino, inode->mode, inode->nlink, inode->size, inode->rdev };
	iput(inode);
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(vfs_stat);

/* Lexically applies rel to the absolute path in buf ("." and ".." resolved). */
static int path_join(char *buf, size_t len, const char *rel)
{
	char name[NAME_MAX + 1];
	size_t n = rel[0] == '/' ? 0 : strlen(buf);
	int k;

	if (n == 1)
		n = 0;	/* "/" */
	while ((k = next_component(&rel, name)) > 0) {
		if (!strcmp(name, "."))
			continue;
		if (!strcmp(name, "..")) {
			while (n > 0 && buf[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		if (n + 1 + k + 1 > len)
			return -ENAMETOOLONG;
		buf[n++] = '/';
		memcpy(buf + n, name, k);
		n += k;
	}
	if (k < 0)
		return k;
	if (n == 0)
		buf[n++] = '/';
	buf[n] = '\0';
	return 0;
}

/* See fs.h. */
int vfs_chdir(const char *path)
{
	struct fs_context *fs = current_fs();
	char newpath[PATH_MAX];
	struct inode *dir;
	int err = vfs_lookup(path, &dir);

	if (err)
		return err;
	if (!S_ISDIR(dir->mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	strlcpy(newpath, fs->cwd_path, sizeof(newpath));
	err = path_join(newpath, sizeof(newpath), path);
	if (err) {
		iput(dir);
		return err;
	}
	iput(fs->cwd);
	fs->cwd = dir;
	strlcpy(fs->cwd_path, newpath, sizeof(fs->cwd_path));
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(vfs_chdir);

/* See fs.h. */
int vfs_getcwd(char *buf, size_t len)
{
	if (strlcpy(buf, current_fs()->cwd_path, len) >= len)
		return -ERANGE;
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(vfs_getcwd);

/* See fs.h. */
void vfs_mode_string(u32 mode, char *buf)
{
	static const char rwx[] = "rwxrwxrwx";

	buf[0] = S_ISDIR(mode) ? 'd' : S_ISCHR(mode) ? 'c' : ((mode & S_IFMT) == S_IFLNK ? 'l' : '-');
	for (int i = 0; i < 9; i++)
		buf[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	buf[10] = '\0';
}

/* See fs.h. */
void vfs_init(void)
{
	root_inode = ramfs_new_root();
	if (!root_inode)
		panic("vfs: cannot allocate the root directory");
	init_fs.cwd = iget(root_inode);
	for (const char *const *d = (const char *const[]){ "/proc", "/sys", "/lib", "/lib/modules",
							    "/tmp", "/bin", NULL }; *d; d++)
		vfs_mkdir(*d, 0755);
}
