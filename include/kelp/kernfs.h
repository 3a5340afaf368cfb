/*
 * kernfs: the node tree behind sysfs (kernel/fs/kernfs.c), with active
 * references. Every show/store runs holding an active reference on its
 * node. Removing a node first deactivates it (new opens and calls fail
 * with -ENODEV), then waits until the active references drain, so the
 * code and data behind an attribute are never used after removal returns.
 *
 * The self-removal problem (a store that removes its own node would wait
 * for its own active reference forever) has two ways out:
 *  - kernfs_break_active_protection(kn) / kernfs_unbreak_active_protection():
 *    the store gives up its active reference for a while, may then remove
 *    the node and anything else (its whole kobject), and takes it back;
 *    after breaking, kn and its private data may be gone: touch neither.
 *  - kernfs_remove_self(kn): removes just this node from its own store;
 *    returns true to exactly one caller if several race.
 * Deferring the removal to a work item is the third way (no special API:
 * the store queues work that removes the node after the store returned).
 * Use remove_self for one attribute, break/unbreak when the store tears
 * down more than its own node (livepatch's enabled_store freeing a patch),
 * a work item when the removal must take locks the store may hold.
 *
 * Symbolic links (kernfs_create_link) hold a node reference on their
 * target: its memory (name, parent chain), never its kobject or an active
 * reference. A removed target leaves the link in place; it reads as the
 * path the target had, and walks through it fail with -ENOENT, as Linux's.
 *
 * Locks: kernfs_lock guards the tree (children lists, parents, names,
 * modes, flags); it is never held while waiting for active references or
 * calling show/store.
 */
#ifndef KELP_KERNFS_H
#define KELP_KERNFS_H

#include <kelp/types.h>
#include <kelp/lockdep.h>
#include <kelp/list.h>

struct kernfs_node;
struct inode;

struct kernfs_ops {
	/* Fills buf (PAGE_SIZE bytes); returns the length or -errno. */
	ssize_t (*show)(struct kernfs_node *kn, char *buf);
	/* Handles len bytes of buf (NUL-terminated); returns len, a count, or -errno. */
	ssize_t (*store)(struct kernfs_node *kn, const char *buf, size_t len);
};

#define KN_DEACTIVATED_BIAS (-0x40000000)

struct kernfs_node {
	/* guarded by kernfs_lock (parent, name: kernfs_rename; mode: kernfs_chmod) */
	struct kernfs_node *parent;
	struct list_head children;
	struct list_head sibling;
	struct kernfs_node *hash_next;	/* kernfs.c's (parent, name) hash, while linked */
	u32 flags;
	char *name;
	u32 mode;
	/* set at creation, then read-only */
	struct kernfs_node *target;	/* a link's target, with a node reference */
	const struct kernfs_ops *ops;
	void *priv;			/* sysfs: the kobject (dir) or the attribute (file) */
	struct inode *inode;		/* the VFS face of the node; holds a node reference */
	/* atomics */
	int count;			/* references to the node's memory */
	int active;			/* active references; negative once deactivated */
	struct lockdep_map dep_map;	/* active references, to the lock validator */
};

#define KERNFS_REMOVED 0x1
#define KERNFS_SUICIDAL 0x2

static inline bool kernfs_is_link(const struct kernfs_node *kn)
{
	return (kn->mode & 0170000) == 0120000;	/* S_IFLNK */
}

/* The root of /sys; its inode is mounted by sysfs_init(). */
extern struct kernfs_node *kernfs_root;

struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent, const char *name, u32 mode,
				      void *priv);
/* key: the lock validator's class of the file's active references (NULL: none). */
struct kernfs_node *kernfs_create_file(struct kernfs_node *parent, const char *name, u32 mode,
				       const struct kernfs_ops *ops, void *priv,
				       const struct lock_class_key *key);
/*
 * A symbolic link name in parent to target (S_IFLNK | 0777), holding a node
 * reference on target. Returns the node or an ERR_PTR: -EEXIST, -ENOMEM,
 * -ENOENT (parent or target removed). Task context.
 */
struct kernfs_node *kernfs_create_link(struct kernfs_node *parent, const char *name,
				       struct kernfs_node *target);
/*
 * Moves kn under new_parent (NULL: its own) with the name new_name (NULL:
 * its own). 0, -EINVAL (the root, an empty name, or new_parent inside kn),
 * -ENOENT (either removed), -EEXIST (the name is taken), -ENOMEM. Task
 * context.
 */
int kernfs_rename(struct kernfs_node *kn, struct kernfs_node *new_parent, const char *new_name);
/* Sets kn's permission bits (07777) to mode's; opens check them. Any context. */
void kernfs_chmod(struct kernfs_node *kn, u32 mode);
/*
 * kn's path from the sysfs root ("/kernel/x"; the root is "/") into buf.
 * Returns its length, or -ENAMETOOLONG (buf then holds ""). Any context.
 */
int kernfs_path(struct kernfs_node *kn, char *buf, size_t len);
/* Finds a child by name; returns it with a node reference (kernfs_put), or NULL. */
struct kernfs_node *kernfs_find_and_get(struct kernfs_node *parent, const char *name);
/* Deactivates, unlinks and drains kn and everything below it; sleeps. */
void kernfs_remove(struct kernfs_node *kn);
/* kernfs_remove of parent's child name; -ENOENT if there is none. */
int kernfs_remove_by_name(struct kernfs_node *parent, const char *name);
bool kernfs_remove_self(struct kernfs_node *kn);
void kernfs_break_active_protection(struct kernfs_node *kn);
void kernfs_unbreak_active_protection(struct kernfs_node *kn);

void kernfs_get(struct kernfs_node *kn);
void kernfs_put(struct kernfs_node *kn);
/* Active references, as the file operations take them; false once deactivated. */
bool kernfs_get_active(struct kernfs_node *kn);
void kernfs_put_active(struct kernfs_node *kn);

/* Creates the root; returns the root's inode for mounting at /sys. Boot. */
struct inode *kernfs_init(void);
/* Number of live nodes (leak checks). */
long kernfs_node_count(void);

#endif /* KELP_KERNFS_H */
