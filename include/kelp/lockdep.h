/*
 * The lock validator (the idea of Linux's lockdep, Kelp's own design).
 * Every lock belongs to a class, named by the address of a static
 * struct lock_class_key (one per place that initialises locks, as in
 * Linux) plus a subclass for deliberate nesting. Each acquisition made
 * while other locks are held records "held -> new" edges in a dependency
 * graph; an edge that closes a cycle is a possible deadlock and is
 * reported with both chains the first time the order appears, not when it
 * deadlocks. Usage bits catch a class taken in IRQ context and elsewhere
 * with IRQs on. The first report turns the validator off (as Linux's
 * debug_locks_off()), so one bug gives one report.
 *
 * The first half of this header is the pure core
 * (kernel/locking/lockdep_core.c): the graph and the checks over a
 * caller-provided state, with no locking, allocation or printing of its
 * own; host unit tests run it as is. The second half is the kernel's
 * face (kernel/locking/lockdep.c): the hooks spinlocks, mutexes and
 * kernfs call, might_sleep(), and the `lockdep=1` switch.
 */
#ifndef KELP_LOCKDEP_H
#define KELP_LOCKDEP_H

#include <kelp/types.h>

#define LOCKDEP_MAX_CLASSES	512
#define LOCKDEP_MAX_EDGES	4096
#define LOCKDEP_MAX_DEPTH	32	/* locks one context may hold at once */
#define LOCKDEP_MAX_SUBCLASS	8
#define LOCKDEP_TRACE_DEPTH	6	/* frames kept of each dependency's acquisition */

/* One per lock-initialising site: only its address matters. */
struct lock_class_key {
	char unused;
};

/* Embedded in every validated lock. No key: the lock is not validated. */
struct lockdep_map {
	const char *name;
	const struct lock_class_key *key;
	u16 class_idx[LOCKDEP_MAX_SUBCLASS];	/* cache; 0 = not looked up yet */
};

#define LOCKDEP_MAP_INIT(lockname, keyp) \
	{ .name = (lockname), .key = (const struct lock_class_key *)(keyp) }

static inline void lockdep_init_map(struct lockdep_map *map, const char *name,
				    const struct lock_class_key *key)
{
	map->name = name;
	map->key = key;
	for (unsigned int i = 0; i < LOCKDEP_MAX_SUBCLASS; i++)
		map->class_idx[i] = 0;
}

/* Usage bits of a class (struct lockdep_class.usage). */
#define LOCKDEP_USED_IN_IRQ	(1u << 0)	/* acquired in IRQ context */
#define LOCKDEP_ENABLED_IRQ	(1u << 1)	/* acquired in task context with IRQs on */

struct lockdep_class {
	const struct lock_class_key *key;
	u8 subclass;
	const char *name;
	u32 usage;
	unsigned long usage_ip[2];	/* where each usage bit was first seen */
	s32 first_edge;			/* adjacency list: edges out of this class, -1 none */
};

/* "from was held when to was acquired", first seen at these places. */
struct lockdep_edge {
	u16 from, to;
	s32 next;			/* next edge out of `from`, -1 none */
	unsigned long from_ip, to_ip;
	unsigned long trace[LOCKDEP_TRACE_DEPTH];	/* the call chain that took `to`; 0 ends it */
};

struct lockdep_held {
	u16 class_idx;
	const struct lockdep_map *map;
	unsigned long ip;
};

/* The locks one context (a task, or an interrupt) holds, oldest first. */
struct lockdep_ctx {
	u32 depth;
	struct lockdep_held held[LOCKDEP_MAX_DEPTH];
};

/* Output of a report: printf-like, and an address to text (symbol+off). */
struct lockdep_ops {
	void (*print)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
	void (*print_ip)(unsigned long ip);	/* prints "func+0x1f/0x40" or the address */
	const char *(*ctx_name)(void);		/* "comm/pid" of the current context */
	/* Optional: stores the caller's call chain (innermost first); returns the count. */
	unsigned int (*save_trace)(unsigned long *entries, unsigned int max);
};

/* Kinds of report, for tests (lockdep_graph.last_report). */
enum lockdep_report {
	LOCKDEP_OK = 0,
	LOCKDEP_CIRCULAR,		/* possible circular locking dependency */
	LOCKDEP_RECURSIVE,		/* possible recursive locking */
	LOCKDEP_INCONSISTENT,		/* IRQ-safe and IRQ-unsafe use of a class */
	LOCKDEP_BAD_UNLOCK,		/* release of a lock not held */
	LOCKDEP_OVERFLOW,		/* a table is full: the validator stops */
};

struct lockdep_graph {
	bool off;			/* after the first report or an overflow */
	enum lockdep_report last_report;
	const struct lockdep_ops *ops;
	u32 nr_classes;			/* class 0 is unused: index 0 means "none" */
	u32 nr_edges;
	struct lockdep_class classes[LOCKDEP_MAX_CLASSES];
	struct lockdep_edge edges[LOCKDEP_MAX_EDGES];
	/* BFS scratch, for the cycle search (the caller serialises calls). */
	s32 bfs_via[LOCKDEP_MAX_CLASSES];	/* edge that reached each class; -2 unseen */
	u16 bfs_queue[LOCKDEP_MAX_CLASSES];
};

/* Clears the graph and sets its output. Pure. */
void lockdep_graph_init(struct lockdep_graph *g, const struct lockdep_ops *ops);

/*
 * Records that ctx acquires map (class of its key and subclass) at ip, in
 * IRQ context or not, with IRQs on or not; checks recursion, the order
 * against every held lock, and IRQ usage. trylock acquisitions are pushed
 * but add no edges (a trylock cannot wait). Returns the report made (or
 * LOCKDEP_OK). The caller serialises calls on one graph.
 */
enum lockdep_report lockdep_acquire(struct lockdep_graph *g, struct lockdep_ctx *ctx,
				    struct lockdep_map *map, unsigned int subclass,
				    bool trylock, bool in_irq, bool irqs_on, unsigned long ip);

/* Records that ctx releases map (any of its held entries, not only the last). */
enum lockdep_report lockdep_release(struct lockdep_graph *g, struct lockdep_ctx *ctx,
				    const struct lockdep_map *map, unsigned long ip);

/*
 * Forgets every class whose key lies in [start, start + size) (a module's
 * memory being freed), with their dependencies; their slots are reused.
 * Pure; the caller serialises.
 */
void lockdep_forget_keys(struct lockdep_graph *g, unsigned long start, unsigned long size);

/* ---- the kernel's face (kernel/locking/lockdep.c) ---- */

#ifdef __KELP_HOST__
#define lockdep_on 0
static inline void lock_acquire(struct lockdep_map *m, unsigned int s, bool t, unsigned long ip)
{
	(void)m; (void)s; (void)t; (void)ip;
}
static inline void lock_release(struct lockdep_map *m, unsigned long ip) { (void)m; (void)ip; }
#define might_sleep() do { } while (0)
static inline bool lockdep_static_obj(const void *obj) { (void)obj; return false; }
#else
/* 1 when `lockdep=1` was on the command line; set once at boot. */
extern int lockdep_on;

/*
 * Records that the current context (this CPU's IRQ, or the current task)
 * takes map at ip (0: the caller's return address, for inline lock
 * functions), and reports a possible deadlock the first time its order
 * appears. Any context; takes the validator's raw lock with IRQs off.
 */
void lock_acquire(struct lockdep_map *map, unsigned int subclass, bool trylock, unsigned long ip);
/* Records that the current context releases map; reports an unbalanced unlock. */
void lock_release(struct lockdep_map *map, unsigned long ip);
/* Module unload: forgets the classes whose keys were in the module's memory. */
void lockdep_free_key_range(const void *start, unsigned long size);
/*
 * True if obj lies in the kernel's or a module's static data: a lock
 * class key must stay at its address for as long as the class is used,
 * which heap memory does not promise (Linux's static_obj()).
 */
bool lockdep_static_obj(const void *obj);
/* Reports (once) a sleeping call made with preemption or IRQs off. Any context. */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
/* Reads `lockdep=` from the command line. Boot CPU, no validated lock held. */
void lockdep_init(void);
/* Reports made since boot (the tests require 0; a deliberate one makes 1). */
extern unsigned long lockdep_reports;
#endif

#endif /* KELP_LOCKDEP_H */
