/*
 * procfs: entries form a tree built by proc_mkdir/proc_create_*; each has
 * one inode, created with the entry, whose private pointer leads back to
 * it. A show-function file runs its show into a seq_file buffer at open
 * that the reads are served from, so a reader sees one consistent
 * snapshot; a write is handed to the entry's write function as one
 * NUL-terminated string. A proc_ops file (Linux's proc_create*) calls the
 * module's own operations, typically seq_open/single_open with seq_read.
 * Modules add and remove entries at run time (proc_remove): proc_lock
 * guards the tree, and each entry counts the shows, writes and proc_ops
 * calls running in it (users), which proc_remove() waits out, as Linux's
 * pde_users. Files still open on a removed proc_ops entry get their
 * proc_release called by proc_remove() (each open is an opener record),
 * and later reads get -EIO: no module code runs after proc_remove().
 */
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/spinlock.h>
#include <kelp/wait.h>
#include <kelp/export.h>

#define PROC_SHOW_LIMIT (1UL << 20)
#define PROC_WRITE_MAX 4096

struct proc_dir_entry {
	struct list_head node;		/* in parent->children */
	struct list_head children;
	struct proc_dir_entry *parent;
	struct inode *inode;
	proc_show_t show;
	proc_write_t write;
	proc_write_data_t write_data;	/* proc_create_show_data: write(data, ...) */
	void *data;			/* show's v, pde_data() */
	const struct proc_ops *proc_ops;	/* Linux's operations, or NULL for a show */
	const struct seq_operations *seq_ops;	/* proc_create_seq*: the iterator */
	unsigned int state_size;		/* proc_create_seq_private: m->private's size */
	char *link;				/* proc_symlink: the target path (kmalloc'd) */
	int users;			/* shows/writes running; proc_lock */
	char name[];
};

extern const struct proc_file_decl __start_proc_files[], __stop_proc_files[];

static struct proc_dir_entry *proc_root;
/*
 * The tree's lists, inode->private and every entry's users count. A
 * spinlock: entries are made at boot before tasks can sleep, and nothing
 * slow runs under it.
 */
static DEFINE_SPINLOCK(proc_lock);
/* proc_remove() sleeps here until the users of an entry it removes are gone. */
static DECLARE_WAIT_QUEUE_HEAD(proc_users_wait);

/* The inode's entry with one more user, or NULL if it was removed. */
static struct proc_dir_entry *pde_use(struct inode *inode)
{
	struct proc_dir_entry *e;

	spin_lock(&proc_lock);
	e = inode->private;
	if (e)
		e->users++;
	spin_unlock(&proc_lock);
	return e;
}

static void pde_unuse(struct proc_dir_entry *e)
{
	spin_lock(&proc_lock);
	e->users--;
	spin_unlock(&proc_lock);
	wake_up_all(&proc_users_wait);
}

static bool pde_idle(struct proc_dir_entry *e)
{
	bool idle;

	spin_lock(&proc_lock);
	idle = !e->users;
	spin_unlock(&proc_lock);
	return idle;
}
static const struct inode_operations proc_dir_iops;
static const struct file_operations proc_file_fops;

static struct proc_dir_entry *pde_find(struct proc_dir_entry *dir, const char *name)
{
	struct proc_dir_entry *e;

	list_for_each_entry(e, &dir->children, node)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

/*
 * An open file of a proc_ops entry (on proc_openers, proc_lock): whoever
 * claims it first, the file's close (closing) or proc_remove()
 * (released), calls proc_release; a close that finds it released waits
 * for done and frees it.
 */
struct pde_opener {
	struct list_head node;
	struct file *file;
	struct proc_dir_entry *e;
	bool closing, released, done;
};
static LIST_HEAD(proc_openers);

/* What a new entry starts with (linked into its directory already set up). */
struct pde_init {
	proc_show_t show;
	proc_write_t write;
	proc_write_data_t write_data;
	void *data;
	const struct proc_ops *proc_ops;
	const struct seq_operations *seq_ops;
	unsigned int state_size;
	char *link;
};

static const struct file_operations proc_ops_fops;
static const struct inode_operations proc_link_iops;

static struct proc_dir_entry *pde_new(const char *name, u32 mode, struct proc_dir_entry *parent,
				      const struct pde_init *init)
{
	size_t n = strlen(name);
	struct proc_dir_entry *e;

	if (!parent)
		parent = proc_root;
	if (!n || strchr(name, '/'))
		return NULL;
	e = kzalloc(sizeof(*e) + n + 1, GFP_KERNEL);
	if (!e)
		return NULL;
	e->inode = inode_alloc(mode, S_ISDIR(mode) ? &proc_dir_iops :
			       S_ISLNK(mode) ? &proc_link_iops : NULL,
			       S_ISDIR(mode) || S_ISLNK(mode) ? NULL :
			       init && init->proc_ops ? &proc_ops_fops : &proc_file_fops);
	if (!e->inode) {
		kfree(e);
		return NULL;
	}
	if (init) {
		e->show = init->show;
		e->write = init->write;
		e->write_data = init->write_data;
		e->data = init->data;
		e->proc_ops = init->proc_ops;
		e->seq_ops = init->seq_ops;
		e->state_size = init->state_size;
		e->link = init->link;
	}
	memcpy(e->name, name, n + 1);
	e->inode->private = e;
	e->parent = parent;
	INIT_LIST_HEAD(&e->children);
	if (parent) {
		spin_lock(&proc_lock);
		if (pde_find(parent, name)) {
			spin_unlock(&proc_lock);
			e->inode->private = NULL;
			iput(e->inode);
			kfree(e);
			return NULL;
		}
		e->inode->parent = parent->inode;
		list_add_tail(&e->node, &parent->children);
		spin_unlock(&proc_lock);
	}
	return e;
}

/* A file's permission bits; none given means 0444, as Linux's proc_create_reg(). */
static u32 proc_reg_mode(u32 mode)
{
	return mode & 0777 ? mode & 0777 : 0444;
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return pde_new(name, S_IFDIR | 0555, parent, NULL);
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_rw(const char *name, u32 mode, struct proc_dir_entry *parent,
				      proc_show_t show, proc_write_t write)
{
	struct pde_init init = { .show = show, .write = write };

	return pde_new(name, S_IFREG | proc_reg_mode(mode), parent, &init);
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_show_data(const char *name, u32 mode,
					     struct proc_dir_entry *parent, proc_show_t show,
					     proc_write_data_t write, void *data)
{
	struct pde_init init = { .show = show, .write_data = write, .data = data };

	return pde_new(name, S_IFREG | proc_reg_mode(mode), parent, &init);
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	struct pde_init init = { .proc_ops = proc_ops, .data = data };

	if (!proc_ops)
		return NULL;
	return pde_new(name, S_IFREG | proc_reg_mode(mode), parent, &init);
}
EXPORT_SYMBOL(proc_create_data);

/* See proc_fs.h. */
struct proc_dir_entry *proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_create_data(name, mode, parent, proc_ops, NULL);
}
EXPORT_SYMBOL(proc_create);

/* proc_create_seq*'s open and release: the entry's iterator, with its private state. */
static int proc_seq_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *e = inode->private;	/* in use: open holds it */

	if (e->state_size)
		return seq_open_private(file, e->seq_ops, e->state_size);
	return seq_open(file, e->seq_ops);
}

static const struct proc_ops proc_seq_ops = {
	.proc_open = proc_seq_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

static const struct proc_ops proc_seq_private_ops = {
	.proc_open = proc_seq_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release_private,
};

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data)
{
	struct pde_init init = {
		.proc_ops = state_size ? &proc_seq_private_ops : &proc_seq_ops,
		.seq_ops = ops,
		.state_size = state_size,
		.data = data,
	};

	if (!ops)
		return NULL;
	return pde_new(name, S_IFREG | proc_reg_mode(mode), parent, &init);
}
EXPORT_SYMBOL(proc_create_seq_private);

/*
 * See proc_fs.h. The target is copied; path walks through the link go to
 * it (relative to parent), as Linux's.
 */
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest)
{
	struct pde_init init = { .link = dest ? kstrdup(dest, GFP_KERNEL) : NULL };
	struct proc_dir_entry *e;

	if (!init.link)
		return NULL;
	e = pde_new(name, S_IFLNK | 0777, parent, &init);
	if (!e)
		kfree(init.link);
	else
		e->inode->size = strlen(init.link);
	return e;
}
EXPORT_SYMBOL(proc_symlink);

/*
 * A link's target (the VFS's readlink: its length), while its entry is
 * there (-ENOENT once removed).
 */
static int proc_readlink(struct inode *inode, char *buf, size_t len)
{
	struct proc_dir_entry *e;
	int err = -ENOENT;

	spin_lock(&proc_lock);
	e = inode->private;
	if (e && e->link)
		err = strscpy(buf, e->link, len);
	spin_unlock(&proc_lock);
	return err < 0 && err != -ENOENT ? -ENAMETOOLONG : err;
}

static const struct inode_operations proc_link_iops = {
	.readlink = proc_readlink,
};

/* See proc_fs.h. */
struct proc_dir_entry *proc_mkdir_or_get(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e;

	if (!parent && !proc_root)
		return NULL;
	spin_lock(&proc_lock);
	e = pde_find(parent ? parent : proc_root, name);
	spin_unlock(&proc_lock);
	if (e)
		return S_ISDIR(e->inode->mode) ? e : NULL;
	return proc_mkdir(name, parent);
}

/* See proc_fs.h. */
struct proc_dir_entry *proc_create_single(const char *name, u32 mode,
					  struct proc_dir_entry *parent, proc_show_t show)
{
	return proc_create_rw(name, mode, parent, show, NULL);
}
EXPORT_SYMBOL(proc_create_single);
EXPORT_SYMBOL(proc_mkdir);

/* See proc_fs.h. Linux's name behind proc_create_single(); data is show's v. */
struct proc_dir_entry *proc_create_single_data(const char *name, u32 mode,
					       struct proc_dir_entry *parent, proc_show_t show,
					       void *data)
{
	return proc_create_show_data(name, mode, parent, show, NULL, data);
}
EXPORT_SYMBOL(proc_create_single_data);

/*
 * Unlinks e and its subtree (proc_lock held): from here on lookups miss
 * them and an open file keeps only the inode, whose private is NULL.
 * Moves them to *gone for pde_free_gone().
 */
static void pde_unlink_tree(struct proc_dir_entry *e, struct list_head *gone)
{
	struct proc_dir_entry *c, *tmp;

	list_for_each_entry_safe(c, tmp, &e->children, node)
		pde_unlink_tree(c, gone);
	list_del(&e->node);
	e->inode->private = NULL;
	inode_clear_parent(e->inode);	/* an open directory's ".." must not dangle */
	list_add_tail(&e->node, gone);
}

/* An opener of e that nobody claimed yet, now claimed by proc_remove(); or NULL. */
static struct pde_opener *pde_claim_opener(struct proc_dir_entry *e)
{
	struct pde_opener *r;

	spin_lock(&proc_lock);
	list_for_each_entry(r, &proc_openers, node) {
		if (r->e == e && !r->closing && !r->released) {
			r->released = true;
			spin_unlock(&proc_lock);
			return r;
		}
	}
	spin_unlock(&proc_lock);
	return NULL;
}

/*
 * Runs proc_release for the files still open on the unlinked entry e (no
 * new opener can appear: opens fail once e is unlinked, and one under
 * way holds a use that the caller waited out).
 */
static void pde_release_openers(struct proc_dir_entry *e)
{
	struct pde_opener *r;

	if (!e->proc_ops)
		return;
	while ((r = pde_claim_opener(e))) {
		if (e->proc_ops->proc_release)
			e->proc_ops->proc_release(e->inode, r->file);
		spin_lock(&proc_lock);
		r->done = true;		/* from here the file's close owns r */
		spin_unlock(&proc_lock);
		wake_up_all(&proc_users_wait);
	}
}

/*
 * Waits until no show/write/proc_ops call runs in the unlinked entries,
 * releases their open files, waits for closes that were releasing them
 * meanwhile, then frees them.
 */
static void pde_free_gone(struct list_head *gone)
{
	struct proc_dir_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, gone, node) {
		wait_event(proc_users_wait, pde_idle(e));
		pde_release_openers(e);
		wait_event(proc_users_wait, pde_idle(e));
		list_del(&e->node);
		iput(e->inode);
		kfree(e->link);
		kfree(e);
	}
}

/* See proc_fs.h. */
void proc_remove(struct proc_dir_entry *e)
{
	LIST_HEAD(gone);

	if (!e || e == proc_root)
		return;
	spin_lock(&proc_lock);
	pde_unlink_tree(e, &gone);
	spin_unlock(&proc_lock);
	pde_free_gone(&gone);
}
EXPORT_SYMBOL(proc_remove);

/* See proc_fs.h. */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e;
	LIST_HEAD(gone);

	spin_lock(&proc_lock);
	e = pde_find(parent ? parent : proc_root, name);
	if (e)
		pde_unlink_tree(e, &gone);
	spin_unlock(&proc_lock);
	if (!e)
		pr_warn("remove_proc_entry: name '%s' not found\n", name);
	pde_free_gone(&gone);
}
EXPORT_SYMBOL(remove_proc_entry);

/* See proc_fs.h. A directory with its own permissions (0: 0555) and data for its files. */
struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode,
				       struct proc_dir_entry *parent, void *data)
{
	struct pde_init init = { .data = data };

	return pde_new(name, S_IFDIR | (mode & 0777 ? mode & 0777 : 0555), parent, &init);
}
EXPORT_SYMBOL(proc_mkdir_data);

/* See proc_mkdir_data. */
struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode,
				       struct proc_dir_entry *parent)
{
	return proc_mkdir_data(name, mode, parent, NULL);
}
EXPORT_SYMBOL(proc_mkdir_mode);

/* Linux's internal-but-exported directory maker; force_lookup has no meaning here. */
struct proc_dir_entry *_proc_mkdir(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   void *data, bool force_lookup)
{
	(void)force_lookup;
	return proc_mkdir_data(name, mode, parent, data);
}
EXPORT_SYMBOL(_proc_mkdir);

/* See proc_fs.h. The size stat() shows for e (files are snapshots: 0 by default). */
void proc_set_size(struct proc_dir_entry *e, loff_t size)
{
	e->inode->size = size;
}
EXPORT_SYMBOL(proc_set_size);

/* See proc_fs.h. Kelp runs everything as root: the owner cannot change. */
void proc_set_user(struct proc_dir_entry *e, kuid_t uid, kgid_t gid)
{
	(void)e;
	(void)uid;
	(void)gid;
}
EXPORT_SYMBOL(proc_set_user);

/* See proc_fs.h. The data given at creation, from the file's inode. */
void *pde_data(const struct inode *inode)
{
	struct proc_dir_entry *e = inode->private;

	return e ? e->data : NULL;
}
EXPORT_SYMBOL(pde_data);

/* See proc_fs.h. The data of the file's directory. */
void *proc_get_parent_data(const struct inode *inode)
{
	struct proc_dir_entry *e = inode->private;

	return e && e->parent ? e->parent->data : NULL;
}
EXPORT_SYMBOL(proc_get_parent_data);

/* See proc_fs.h. remove_proc_entry removes subtrees already; 0 or -ENOENT. */
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e;
	LIST_HEAD(gone);

	spin_lock(&proc_lock);
	e = pde_find(parent ? parent : proc_root, name);
	if (e)
		pde_unlink_tree(e, &gone);
	spin_unlock(&proc_lock);
	pde_free_gone(&gone);
	return e ? 0 : -ENOENT;
}
EXPORT_SYMBOL(remove_proc_subtree);

static struct inode *proc_lookup(struct inode *dir, const char *name)
{
	struct proc_dir_entry *d, *e = NULL;
	struct inode *in = NULL;

	spin_lock(&proc_lock);
	d = dir->private;
	if (d)
		e = pde_find(d, name);
	if (e)
		in = iget(e->inode);
	spin_unlock(&proc_lock);
	if (in)
		return in;
	return d && d == proc_root ? proc_pid_lookup(dir, name) : ERR_PTR(-ENOENT);
}

static int proc_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	struct proc_dir_entry *d, *e;

	spin_lock(&proc_lock);
	d = dir->private;
	if (!d) {
		spin_unlock(&proc_lock);
		return -ENOENT;
	}
	list_for_each_entry(e, &d->children, node) {
		if (idx--)
			continue;
		strlcpy(out->name, e->name, sizeof(out->name));
		out->ino = e->inode->ino;
		out->mode = e->inode->mode;
		spin_unlock(&proc_lock);
		return 0;
	}
	spin_unlock(&proc_lock);
	/* After the fixed entries of /proc: one directory per task. */
	return d == proc_root ? proc_pid_readdir(idx, out) : -ENOENT;
}

static int proc_open(struct inode *inode, struct file *f)
{
	struct proc_dir_entry *e = pde_use(inode);
	int err = 0;

	if (!e)
		return -ENOENT;		/* removed since the lookup */
	if ((f->flags & O_ACCMODE) != O_RDONLY && !e->write && !e->write_data)
		err = -EACCES;
	else if ((f->flags & O_ACCMODE) != O_WRONLY && e->show)
		err = seq_open_snapshot(f, e->show, e->data, PROC_SHOW_LIMIT);
	pde_unuse(e);
	return err;
}

static ssize_t proc_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	struct proc_dir_entry *e;
	char *copy;
	ssize_t r;

	if (len > PROC_WRITE_MAX)
		return -EINVAL;
	copy = kmemdup_nul(buf, len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	e = pde_use(f->inode);
	if (!e)
		r = -EIO;
	else if (!e->write && !e->write_data)
		r = -EACCES;
	else
		r = e->write_data ? e->write_data(e->data, copy, len) : e->write(copy, len);
	if (e)
		pde_unuse(e);
	kfree(copy);
	if (r > 0)
		*pos += r;
	return r;
}

/* ---- proc_ops files: the module's operations, each call counted as a use ---- */

static int pde_ops_open(struct inode *inode, struct file *f)
{
	struct proc_dir_entry *e = pde_use(inode);
	struct pde_opener *r;
	int err = 0;

	if (!e)
		return -ENOENT;		/* removed since the lookup */
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		err = -ENOMEM;
	else if ((f->flags & O_ACCMODE) != O_RDONLY && !e->proc_ops->proc_write)
		err = -EACCES;
	else if (e->proc_ops->proc_open)
		err = e->proc_ops->proc_open(inode, f);
	if (!err) {
		r->file = f;
		r->e = e;
		spin_lock(&proc_lock);
		list_add_tail(&r->node, &proc_openers);
		spin_unlock(&proc_lock);
	} else {
		kfree(r);
	}
	pde_unuse(e);
	return err;
}

static ssize_t pde_ops_read(struct file *f, char *buf, size_t len, u64 *upos)
{
	struct proc_dir_entry *e = pde_use(f->inode);
	loff_t pos = *upos;
	ssize_t r = -EIO;

	if (!e)
		return -EIO;
	if (e->proc_ops->proc_read) {
		r = e->proc_ops->proc_read(f, buf, len, &pos);
		*upos = pos;
	}
	pde_unuse(e);
	return r;
}

static ssize_t pde_ops_write(struct file *f, const char *buf, size_t len, u64 *upos)
{
	struct proc_dir_entry *e = pde_use(f->inode);
	loff_t pos = *upos;
	ssize_t r = -EIO;

	if (!e)
		return -EIO;
	if (e->proc_ops->proc_write) {
		r = e->proc_ops->proc_write(f, buf, len, &pos);
		*upos = pos;
	}
	pde_unuse(e);
	return r;
}

/* Without proc_lseek: Linux's default_llseek arithmetic. */
static s64 pde_ops_lseek(struct file *f, s64 off, int whence)
{
	struct proc_dir_entry *e = pde_use(f->inode);
	s64 r, base;

	if (!e)
		return -EIO;
	if (e->proc_ops->proc_lseek) {
		r = e->proc_ops->proc_lseek(f, off, whence);
	} else {
		base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->pos :
		       whence == SEEK_END ? (s64)f->inode->size : -1;
		if (base < 0 || (off > 0 && base > INT64_MAX - off) || base + off < 0) {
			r = -EINVAL;
		} else {
			f->pos = base + off;
			r = f->pos;
		}
	}
	pde_unuse(e);
	return r;
}

static bool pde_opener_done(struct pde_opener *r)
{
	bool done;

	spin_lock(&proc_lock);
	done = r->done;
	spin_unlock(&proc_lock);
	return done;
}

static int pde_ops_release(struct inode *inode, struct file *f)
{
	struct pde_opener *r, *found = NULL;
	struct proc_dir_entry *e;

	spin_lock(&proc_lock);
	list_for_each_entry(r, &proc_openers, node) {
		if (r->file == f) {
			found = r;
			break;
		}
	}
	if (!found) {
		spin_unlock(&proc_lock);
		return 0;
	}
	if (found->released) {		/* proc_remove() runs (or ran) the release */
		spin_unlock(&proc_lock);
		wait_event(proc_users_wait, pde_opener_done(found));
		spin_lock(&proc_lock);
		list_del(&found->node);
		spin_unlock(&proc_lock);
		kfree(found);
		return 0;
	}
	found->closing = true;
	e = found->e;
	e->users++;			/* proc_remove() waits for this release */
	spin_unlock(&proc_lock);
	if (e->proc_ops->proc_release)
		e->proc_ops->proc_release(inode, f);
	spin_lock(&proc_lock);
	list_del(&found->node);
	spin_unlock(&proc_lock);
	kfree(found);
	pde_unuse(e);
	return 0;
}

static const struct file_operations proc_ops_fops = {
	.open = pde_ops_open,
	.read = pde_ops_read,
	.write = pde_ops_write,
	.release = pde_ops_release,
	.llseek = pde_ops_lseek,
};

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
	.readdir = proc_readdir,
};

static const struct file_operations proc_file_fops = {
	.open = proc_open,
	.read = seq_read_snapshot,
	.write = proc_write,
	.release = seq_release_snapshot,
};

/* See proc_fs.h. */
struct inode *proc_init(void)
{
	proc_root = pde_new("proc", S_IFDIR | 0555, NULL, NULL);
	if (!proc_root)
		return NULL;
	for (const struct proc_file_decl *d = __start_proc_files; d < __stop_proc_files; d++)
		if (!proc_create_rw(d->name, d->mode, NULL, d->show, d->write))
			printk(KERN_ERR "procfs: cannot create /proc/%s\n", d->name);
	return proc_root->inode;
}
