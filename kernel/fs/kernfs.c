/*
 * kernfs: sysfs's node tree and its VFS face. Each node has one inode that
 * holds a reference on the node, so an open file keeps the node's memory
 * (never its data: that is what active references are for). The tree holds
 * one reference on every linked node and on its inode; removal drops both.
 *
 * Active references (see kernfs.h): kn->active counts the show/store calls
 * in flight; deactivation adds KN_DEACTIVATED_BIAS, after which new calls
 * fail with -ENODEV and removal waits for active == KN_DEACTIVATED_BIAS.
 *
 * Name lookups go through one hash of (parent, name) over every linked
 * node, not the parent's children list: a directory of n entries (a
 * livepatch of 1000 functions) is built in O(n), not O(n^2).
 *
 * A symbolic link node holds a node reference on its target (see
 * kernfs.h); its text is made at each readlink from where the target is
 * then, so renames and moves of the target show through the link.
 */
#include <kelp/export.h>
#include <kelp/kernfs.h>
#include <kelp/lockdep.h>
#include <kelp/sched.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/wait.h>

#define KERNFS_DRAIN_WARN_NS (5 * NSEC_PER_SEC)

struct kernfs_node *kernfs_root;
static DEFINE_SPINLOCK(kernfs_lock);	/* the tree; a leaf lock, never held to wait */
static long kernfs_nodes;
/* Removers waiting for a deactivated node's calls to return. */
static DECLARE_WAIT_QUEUE_HEAD(kernfs_drain_wq);

#define KERNFS_HASH_BITS 10
/* Every node on a children list, by (parent, name). kernfs_lock. */
static struct kernfs_node *kernfs_hash[1 << KERNFS_HASH_BITS];

static const struct inode_operations kernfs_dir_iops;
static const struct inode_operations kernfs_file_iops;
static const struct inode_operations kernfs_link_iops;
static const struct file_operations kernfs_file_fops;

/* See kernfs.h. */
void kernfs_get(struct kernfs_node *kn)
{
	__atomic_fetch_add(&kn->count, 1, __ATOMIC_RELAXED);
}

/* See kernfs.h. Frees the node with its last reference (and drops its parent). */
void kernfs_put(struct kernfs_node *kn)
{
	while (kn && __atomic_sub_fetch(&kn->count, 1, __ATOMIC_ACQ_REL) == 0) {
		struct kernfs_node *parent = kn->parent;

		kernfs_put(kn->target);	/* a link's target: never a link, so one level deep */
		kfree(kn->name);
		kfree(kn);
		__atomic_fetch_sub(&kernfs_nodes, 1, __ATOMIC_RELAXED);
		kn = parent;	/* each node held a reference on its parent */
	}
}

/* See kernfs.h. */
bool kernfs_get_active(struct kernfs_node *kn)
{
	int v = __atomic_load_n(&kn->active, __ATOMIC_RELAXED);

	do {
		if (v < 0)
			return false;
	} while (!__atomic_compare_exchange_n(&kn->active, &v, v + 1, false, __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	/* held like a read lock; taking one never waits, so it adds no edge */
	if (lockdep_on)
		lock_acquire(&kn->dep_map, 0, true, _RET_IP_);
	return true;
}

/* See kernfs.h. The last reference of a deactivated node wakes its remover. */
void kernfs_put_active(struct kernfs_node *kn)
{
	if (lockdep_on)
		lock_release(&kn->dep_map, _RET_IP_);
	if (__atomic_sub_fetch(&kn->active, 1, __ATOMIC_RELEASE) == KN_DEACTIVATED_BIAS)
		wake_up_all(&kernfs_drain_wq);
}

/* See kernfs.h. */
void kernfs_break_active_protection(struct kernfs_node *kn)
{
	kernfs_put_active(kn);
}

/* See kernfs.h. */
void kernfs_unbreak_active_protection(struct kernfs_node *kn)
{
	__atomic_fetch_add(&kn->active, 1, __ATOMIC_ACQUIRE);
	if (lockdep_on)
		lock_acquire(&kn->dep_map, 0, true, _RET_IP_);
}

/*
 * Waits until the deactivated kn has no call in flight. A wait longer than
 * 5 s is reported once: it usually means a store is removing its own node
 * without breaking its active protection (see kernfs.h).
 */
static bool drained(struct kernfs_node *kn)
{
	return smp_load_acquire(&kn->active) == KN_DEACTIVATED_BIAS;
}

static void kernfs_drain(struct kernfs_node *kn)
{
	u64 start = ktime_get_ns();
	bool warned = false;

	/*
	 * To the validator, draining takes the active references' class
	 * exclusively: a remover holding a lock that a show/store of kn
	 * takes (or kn's own reference) is reported the first time the
	 * order appears, not only when a call is actually in flight.
	 */
	if (lockdep_on) {
		lock_acquire(&kn->dep_map, 0, false, _RET_IP_);
		lock_release(&kn->dep_map, _RET_IP_);
	}

	while (!wait_event_timeout(kernfs_drain_wq, drained(kn), msecs_to_jiffies(1000))) {
		if (!warned && ktime_get_ns() - start > KERNFS_DRAIN_WARN_NS) {
			pr_warn("kernfs: removal of '%s' still waits for %d active reference(s)\n",
				kn->name, kn->active - KN_DEACTIVATED_BIAS);
			warned = true;
		}
	}
}

static struct kernfs_node *kernfs_new(struct kernfs_node *parent, const char *name, u32 mode,
				      const struct kernfs_ops *ops, void *priv)
{
	struct kernfs_node *kn = kzalloc(sizeof(*kn), GFP_KERNEL);
	bool dir = S_ISDIR(mode), link = S_ISLNK(mode);

	if (!kn)
		return NULL;
	kn->name = kstrdup(name, GFP_KERNEL);
	kn->inode = inode_alloc(mode,
				dir ? &kernfs_dir_iops : link ? &kernfs_link_iops : &kernfs_file_iops,
				dir || link ? NULL : &kernfs_file_fops);
	if (!kn->name || !kn->inode) {
		kfree(kn->name);
		if (kn->inode)
			iput(kn->inode);
		kfree(kn);
		return NULL;
	}
	INIT_LIST_HEAD(&kn->children);
	INIT_LIST_HEAD(&kn->sibling);
	kn->mode = mode;
	kn->ops = ops;
	kn->priv = priv;
	kn->count = 2;			/* the tree's and the inode's */
	kn->inode->private = kn;
	__atomic_fetch_add(&kernfs_nodes, 1, __ATOMIC_RELAXED);
	return kn;
}

/* FNV-1a of the name, mixed with the parent's address. */
static struct kernfs_node **kernfs_bucket(const struct kernfs_node *parent, const char *name)
{
	u64 h = 0xcbf29ce484222325ull ^ (unsigned long)parent;

	while (*name)
		h = (h ^ (u8)*name++) * 0x100000001b3ull;
	h *= 0x9e3779b97f4a7c15ull;
	return &kernfs_hash[h >> (64 - KERNFS_HASH_BITS)];
}

/* Puts kn on parent's children list and in the hash. Lock held. */
static void kernfs_add_child(struct kernfs_node *parent, struct kernfs_node *kn)
{
	struct kernfs_node **b = kernfs_bucket(parent, kn->name);

	list_add_tail(&kn->sibling, &parent->children);
	kn->hash_next = *b;
	*b = kn;
}

/* Takes kn off its parent's list and out of the hash, if it is there. Lock held. */
static void kernfs_del_child(struct kernfs_node *kn)
{
	struct kernfs_node **p;

	if (list_empty(&kn->sibling))
		return;
	list_del_init(&kn->sibling);
	for (p = kernfs_bucket(kn->parent, kn->name); *p; p = &(*p)->hash_next) {
		if (*p == kn) {
			*p = kn->hash_next;
			break;
		}
	}
	kn->hash_next = NULL;
}

/* Lock held. */
static struct kernfs_node *find_child(struct kernfs_node *parent, const char *name)
{
	struct kernfs_node *kn = *kernfs_bucket(parent, name);

	while (kn && (kn->parent != parent || strcmp(kn->name, name)))
		kn = kn->hash_next;
	return kn;
}

/* Links kn under parent; -EEXIST if the name is taken, -ENOENT if parent is gone. */
static int kernfs_link(struct kernfs_node *parent, struct kernfs_node *kn)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&kernfs_lock, flags);
	if (parent->flags & KERNFS_REMOVED)
		err = -ENOENT;
	else if (find_child(parent, kn->name))
		err = -EEXIST;
	else {
		kernfs_get(parent);
		kn->parent = parent;
		kn->inode->parent = parent->inode;
		kernfs_add_child(parent, kn);
	}
	spin_unlock_irqrestore(&kernfs_lock, flags);
	return err;
}

/*
 * key: the lock validator's class of the file's active references, set
 * before the node is visible (a reader must never see it change); named
 * after the file when the name is static (sysfs's attribute names are).
 */
static struct kernfs_node *kernfs_create(struct kernfs_node *parent, const char *name, u32 mode,
					 const struct kernfs_ops *ops, void *priv,
					 const struct lock_class_key *key)
{
	struct kernfs_node *kn = kernfs_new(parent, name, mode, ops, priv);
	int err;

	if (!kn)
		return ERR_PTR(-ENOMEM);
	if (key)
		lockdep_init_map(&kn->dep_map, lockdep_static_obj(name) ? name : "kn->active", key);
	err = kernfs_link(parent, kn);
	if (err) {
		iput(kn->inode);	/* drops the inode's node reference */
		kernfs_put(kn);
		return ERR_PTR(err);
	}
	return kn;
}

/* See kernfs.h. Returns the node or an ERR_PTR (-EEXIST, -ENOMEM, -ENOENT). */
struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent, const char *name, u32 mode,
				      void *priv)
{
	return kernfs_create(parent, name, S_IFDIR | (mode & 0777), NULL, priv, NULL);
}

/* See kernfs.h. */
struct kernfs_node *kernfs_create_file(struct kernfs_node *parent, const char *name, u32 mode,
				       const struct kernfs_ops *ops, void *priv,
				       const struct lock_class_key *key)
{
	return kernfs_create(parent, name, S_IFREG | (mode & 0777), ops, priv, key);
}

/* See kernfs.h. */
struct kernfs_node *kernfs_create_link(struct kernfs_node *parent, const char *name,
				       struct kernfs_node *target)
{
	struct kernfs_node *kn = kernfs_new(parent, name, S_IFLNK | 0777, NULL, NULL);
	unsigned long flags;
	bool gone;
	int err;

	if (!kn)
		return ERR_PTR(-ENOMEM);
	spin_lock_irqsave(&kernfs_lock, flags);
	gone = target->flags & KERNFS_REMOVED;
	spin_unlock_irqrestore(&kernfs_lock, flags);
	if (gone) {
		err = -ENOENT;
		goto fail;
	}
	kernfs_get(target);
	kn->target = target;	/* dropped with kn's memory (kernfs_put) */
	err = kernfs_link(parent, kn);
	if (!err)
		return kn;
fail:
	iput(kn->inode);
	kernfs_put(kn);
	return ERR_PTR(err);
}

/* True if kn is anc or below it. Lock held. */
static bool kernfs_is_below(const struct kernfs_node *kn, const struct kernfs_node *anc)
{
	for (; kn; kn = kn->parent)
		if (kn == anc)
			return true;
	return false;
}

/* See kernfs.h. */
int kernfs_rename(struct kernfs_node *kn, struct kernfs_node *new_parent, const char *new_name)
{
	struct kernfs_node *old_parent = NULL, *np;
	char *name = NULL, *old_name = NULL;
	unsigned long flags;
	int err = 0;

	if (!kn || (new_name && !*new_name))
		return -EINVAL;
	if (new_name) {
		name = kstrdup(new_name, GFP_KERNEL);
		if (!name)
			return -ENOMEM;
	}
	spin_lock_irqsave(&kernfs_lock, flags);
	np = new_parent ? new_parent : kn->parent;
	if (!kn->parent || kernfs_is_below(np, kn))
		err = -EINVAL;	/* the root; or a directory into itself */
	else if ((kn->flags | np->flags) & KERNFS_REMOVED)
		err = -ENOENT;
	else if (kn->parent == np && (!name || !strcmp(kn->name, name)))
		err = 0;	/* nothing to do */
	else if (find_child(np, name ? name : kn->name))
		err = -EEXIST;
	else {
		kernfs_del_child(kn);	/* hashed by the old (parent, name) */
		if (np != kn->parent) {
			old_parent = kn->parent;
			kernfs_get(np);
			kn->parent = np;
			inode_set_parent(kn->inode, np->inode);
		}
		if (name) {
			old_name = kn->name;
			kn->name = name;
			name = NULL;
		}
		kernfs_add_child(np, kn);
	}
	spin_unlock_irqrestore(&kernfs_lock, flags);
	kfree(name);
	kfree(old_name);	/* every reader of a name holds kernfs_lock */
	kernfs_put(old_parent);
	return err;
}

/* See kernfs.h. */
void kernfs_chmod(struct kernfs_node *kn, u32 mode)
{
	unsigned long flags;
	u32 m;

	spin_lock_irqsave(&kernfs_lock, flags);
	m = (kn->mode & ~07777u) | (mode & 07777u);
	kn->mode = m;
	/* the VFS checks opens against the inode's mode without this lock */
	__atomic_store_n(&kn->inode->mode, m, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&kernfs_lock, flags);
}

/* Writes the names from below top down to kn into buf[0..n), '/'-separated. Lock held. */
static void fill_names(const struct kernfs_node *kn, const struct kernfs_node *top, char *buf,
		       size_t n)
{
	for (; kn != top; kn = kn->parent) {
		size_t k = strlen(kn->name);

		n -= k;
		memcpy(buf + n, kn->name, k);
		if (n)
			buf[--n] = '/';
	}
}

/* See kernfs.h. */
int kernfs_path(struct kernfs_node *kn, char *buf, size_t len)
{
	const struct kernfs_node *k;
	unsigned long flags;
	size_t n = 0;
	int ret;

	spin_lock_irqsave(&kernfs_lock, flags);
	for (k = kn; k->parent; k = k->parent)
		n += strlen(k->name) + 1;
	if (n + 2 > len) {	/* "/" of the root, and the NUL */
		ret = -ENAMETOOLONG;
		if (len)
			buf[0] = '\0';
	} else {
		buf[0] = '/';
		buf[n ? n : 1] = '\0';
		if (n)
			fill_names(kn, k, buf + 1, n - 1);
		ret = n ? n : 1;
	}
	spin_unlock_irqrestore(&kernfs_lock, flags);
	return ret;
}

static int kernfs_depth(const struct kernfs_node *kn)
{
	int d = 0;

	for (; kn->parent; kn = kn->parent)
		d++;
	return d;
}

/*
 * The relative path from the directory base to t, as Linux's sysfs links
 * read ("../../module/x"): up to the lowest common ancestor of base and
 * t's parent, then down to t (so a link to its own directory reads
 * "../name"). A removed t still has its parent chain (each node holds its
 * parent), so the path it had comes out. Returns the length or -errno.
 * Lock held.
 */
static int link_text(const struct kernfs_node *base, const struct kernfs_node *t, char *buf,
		     size_t len)
{
	const struct kernfs_node *x = base, *y = t->parent;
	size_t pos = 0, down = 0;
	int dx, dy, ups = 0;

	if (!y)
		return -EINVAL;
	dx = kernfs_depth(x);
	dy = kernfs_depth(y);
	for (; dx > dy; dx--, ups++)
		x = x->parent;
	for (; dy > dx; dy--)
		y = y->parent;
	for (; x != y; ups++) {
		x = x->parent;
		y = y->parent;
	}
	for (const struct kernfs_node *k = t; k != x; k = k->parent)
		down += strlen(k->name) + 1;
	if ((size_t)ups * 3 + down > len)	/* down counts a '/' per name: the last is the NUL */
		return -ENAMETOOLONG;
	for (; ups; ups--, pos += 3)
		memcpy(buf + pos, "../", 3);
	buf[pos + down - 1] = '\0';
	fill_names(t, x, buf + pos, down - 1);
	return pos + down - 1;
}

/* See kernfs.h. */
struct kernfs_node *kernfs_find_and_get(struct kernfs_node *parent, const char *name)
{
	struct kernfs_node *kn;
	unsigned long flags;

	spin_lock_irqsave(&kernfs_lock, flags);
	kn = find_child(parent, name);
	if (kn)
		kernfs_get(kn);
	spin_unlock_irqrestore(&kernfs_lock, flags);
	return kn;
}

/* Marks the subtree removed and deactivated; unlinks its top. Lock held. */
static void deactivate_subtree(struct kernfs_node *kn)
{
	struct kernfs_node *child;

	kn->flags |= KERNFS_REMOVED;
	__atomic_fetch_add(&kn->active, KN_DEACTIVATED_BIAS, __ATOMIC_ACQ_REL);
	list_for_each_entry(child, &kn->children, sibling)
		deactivate_subtree(child);
}

/* Drains and releases the subtree, children first. No lock held. */
static void release_subtree(struct kernfs_node *kn)
{
	struct kernfs_node *child;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&kernfs_lock, flags);
		child = list_first_entry_or_null(&kn->children, struct kernfs_node, sibling);
		if (child)
			kernfs_del_child(child);
		spin_unlock_irqrestore(&kernfs_lock, flags);
		if (!child)
			break;
		release_subtree(child);
	}
	kernfs_drain(kn);
	inode_clear_parent(kn->inode);	/* an open file's ".." must not dangle */
	iput(kn->inode);		/* the tree's inode reference */
	kernfs_put(kn);			/* the tree's node reference */
}

/* See kernfs.h. Task context; never with kernfs_lock held. */
void kernfs_remove(struct kernfs_node *kn)
{
	unsigned long flags;

	if (!kn)
		return;
	spin_lock_irqsave(&kernfs_lock, flags);
	if (kn->flags & KERNFS_REMOVED) {
		spin_unlock_irqrestore(&kernfs_lock, flags);
		return;
	}
	deactivate_subtree(kn);
	kernfs_del_child(kn);
	spin_unlock_irqrestore(&kernfs_lock, flags);
	release_subtree(kn);
}

/* See kernfs.h. */
int kernfs_remove_by_name(struct kernfs_node *parent, const char *name)
{
	struct kernfs_node *kn = kernfs_find_and_get(parent, name);

	if (!kn)
		return -ENOENT;
	kernfs_remove(kn);
	kernfs_put(kn);
	return 0;
}

/* See kernfs.h. Called from kn's own store, holding an active reference. */
bool kernfs_remove_self(struct kernfs_node *kn)
{
	unsigned long flags;
	bool mine;

	spin_lock_irqsave(&kernfs_lock, flags);
	mine = !(kn->flags & (KERNFS_REMOVED | KERNFS_SUICIDAL));
	kn->flags |= KERNFS_SUICIDAL;
	spin_unlock_irqrestore(&kernfs_lock, flags);
	kernfs_break_active_protection(kn);
	if (mine)
		kernfs_remove(kn);
	kernfs_unbreak_active_protection(kn);
	return mine;
}

/* ---- the VFS face ---- */

/*
 * The inode reference is taken under kernfs_lock while the node is still
 * linked: the tree's own inode reference is dropped only after the node
 * was unlinked (release_subtree), so it cannot reach zero under us. With
 * the node reference alone, a removal on another CPU could free the inode
 * between the lookup and iget() (the seed 000 ktest caught it).
 */
static struct inode *kernfs_iop_lookup(struct inode *dir, const char *name)
{
	struct inode *inode = ERR_PTR(-ENOENT);
	struct kernfs_node *kn;
	unsigned long flags;

	spin_lock_irqsave(&kernfs_lock, flags);
	kn = find_child(dir->private, name);
	if (kn)
		inode = iget(kn->inode);
	spin_unlock_irqrestore(&kernfs_lock, flags);
	return inode;
}

static int kernfs_iop_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	struct kernfs_node *parent = dir->private, *kn;
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&kernfs_lock, flags);
	list_for_each_entry(kn, &parent->children, sibling) {
		if (idx--)
			continue;
		strlcpy(out->name, kn->name, sizeof(out->name));
		out->ino = kn->inode->ino;
		out->mode = kn->mode;
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&kernfs_lock, flags);
	return err;
}

/* The inode's reference on its node goes with the inode. */
static void kernfs_iop_evict(struct inode *inode)
{
	kernfs_put(inode->private);
}

struct kernfs_open_file {
	char *buf;		/* one page: what show produced */
	size_t len;
};

static int kernfs_fop_open(struct inode *inode, struct file *f)
{
	struct kernfs_node *kn = inode->private;
	u32 acc = f->flags & O_ACCMODE;

	if ((acc != O_RDONLY && !kn->ops->store) || (acc != O_WRONLY && !kn->ops->show))
		return -EACCES;
	if (!kernfs_get_active(kn))
		return -ENODEV;
	kernfs_put_active(kn);
	f->private = kzalloc(sizeof(struct kernfs_open_file), GFP_KERNEL);
	return f->private ? 0 : -ENOMEM;
}

/* A read at offset 0 runs show again; later reads continue its output. */
static ssize_t kernfs_fop_read(struct file *f, char *buf, size_t len, u64 *pos)
{
	struct kernfs_node *kn = f->inode->private;
	struct kernfs_open_file *of = f->private;
	ssize_t n = 0;
	size_t cnt;

	if (!kernfs_get_active(kn))
		return -ENODEV;
	if (*pos == 0 || !of->buf) {
		if (!of->buf)
			of->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
		n = of->buf ? kn->ops->show(kn, of->buf) : -ENOMEM;
		of->len = n < 0 ? 0 : min((size_t)n, PAGE_SIZE);
	}
	kernfs_put_active(kn);
	if (n < 0)
		return n;
	if (*pos >= of->len)
		return 0;
	cnt = min(len, of->len - (size_t)*pos);
	memcpy(buf, of->buf + *pos, cnt);
	*pos += cnt;
	return cnt;
}

/* One write is one store call, of at most a page, NUL-terminated (as Linux). */
static ssize_t kernfs_fop_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct kernfs_node *kn = f->inode->private;
	char *copy;
	ssize_t r;

	if (len >= PAGE_SIZE)
		return -E2BIG;
	copy = kmemdup_nul(buf, len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	if (!kernfs_get_active(kn)) {
		kfree(copy);
		return -ENODEV;
	}
	r = kn->ops->store(kn, copy, len);
	kernfs_put_active(kn);
	kfree(copy);
	if (r > 0)
		*pos += r;
	return r;
}

static int kernfs_fop_release(struct inode *inode, struct file *f)
{
	struct kernfs_open_file *of = f->private;

	if (of)
		kfree(of->buf);
	kfree(of);
	return 0;
}

static const struct inode_operations kernfs_dir_iops = {
	.lookup = kernfs_iop_lookup,
	.readdir = kernfs_iop_readdir,
	.evict = kernfs_iop_evict,
};

static const struct inode_operations kernfs_file_iops = {
	.evict = kernfs_iop_evict,
};

static int kernfs_iop_readlink(struct inode *inode, char *buf, size_t len)
{
	struct kernfs_node *kn = inode->private;
	unsigned long flags;
	int n;

	spin_lock_irqsave(&kernfs_lock, flags);
	n = link_text(kn->parent, kn->target, buf, len);
	spin_unlock_irqrestore(&kernfs_lock, flags);
	return n;
}

static const struct inode_operations kernfs_link_iops = {
	.readlink = kernfs_iop_readlink,
	.evict = kernfs_iop_evict,
};

static const struct file_operations kernfs_file_fops = {
	.open = kernfs_fop_open,
	.read = kernfs_fop_read,
	.write = kernfs_fop_write,
	.release = kernfs_fop_release,
};

/* See kernfs.h. */
struct inode *kernfs_init(void)
{
	kernfs_root = kernfs_new(NULL, "sys", S_IFDIR | 0755, NULL, NULL);
	if (!kernfs_root)
		panic("kernfs: cannot allocate the root");
	return kernfs_root->inode;
}

/* See kernfs.h. */
long kernfs_node_count(void)
{
	return __atomic_load_n(&kernfs_nodes, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL_FOR_KTEST(kernfs_node_count);
