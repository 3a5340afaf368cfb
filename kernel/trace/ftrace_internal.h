/*
 * Private to the ftrace core (kernel/trace/ftrace.c: registration, code updates,
 * dispatch) and kernel/trace/ftrace_sites.c (site groups: boot check, modules,
 * listings). The lock rules are ftrace.c's: ftrace_lock guards the groups,
 * the ops list and filters, and the records; handlers read the groups and
 * the ops list without it.
 */
#ifndef KELP_FTRACE_INTERNAL_H
#define KELP_FTRACE_INTERNAL_H

#include <kelp/ftrace.h>
#include <kelp/mutex.h>

/* The sites of the kernel or of one module, sorted by address. */
struct ftrace_group {
	struct ftrace_group *next;
	const void *owner;		/* NULL: the kernel */
	struct dyn_ftrace *recs;
	unsigned int count;		/* valid sites */
	unsigned int bad;		/* sites that failed the check */
};

extern struct mutex ftrace_lock;
extern struct ftrace_group *ftrace_groups;
extern struct ftrace_ops *ftrace_ops_list;

static inline notrace bool ftrace_hash_empty(const struct ftrace_hash *h)
{
	return !h || !h->count;
}

/* The ops whose filter and notrace hashes ops uses (itself, or the global ops). */
static inline notrace const struct ftrace_ops *ftrace_ops_hashes_c(const struct ftrace_ops *ops)
{
	const struct ftrace_ops *o = READ_ONCE(ops->hash_owner);

	return o ? o : ops;
}
#define ftrace_ops_hashes(ops) ((struct ftrace_ops *)ftrace_ops_hashes_c(ops))

/* An exclusive user of its sites: IPMODIFY, or a direct ops (one per site). */
static inline notrace bool ftrace_ops_exclusive(const struct ftrace_ops *ops)
{
	return ops->flags & (FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_DIRECT);
}

/* Whether ops traces site ip (filter and notrace). Lockless, notrace. */
bool ftrace_ops_traces(const struct ftrace_ops *ops, unsigned long ip);

/* The function tracer's ops (trace.c), Linux's global_ops. */
struct ftrace_ops *ftrace_global_ops(void);

/* The record of site ip, or NULL. Lockless: any context, notrace. */
struct dyn_ftrace *ftrace_rec_find(unsigned long ip);
/* Counts ops as a user of rec (and its IPMODIFY owner). ftrace_lock held. */
void ftrace_rec_get(struct dyn_ftrace *rec, struct ftrace_ops *ops);
/*
 * Brings every site to what its users need in one text_poke batch.
 * Returns 0 or -ENOMEM (nothing changed). ftrace_lock held.
 */
int ftrace_update_code(void);
/* Waits until no handler that started before the call still runs. */
void ftrace_sync(void);
/*
 * Test knob: code updates act as if kmalloc had failed and go through the
 * spare vector, in batches of its size (tests/ktest/ftrace/ftrace_batch_ktest.c).
 */
extern bool ftrace_test_no_vec;

#endif /* KELP_FTRACE_INTERNAL_H */
