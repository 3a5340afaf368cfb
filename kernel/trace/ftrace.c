/*
 * The ftrace core (include/kelp/ftrace.h): ops registration and filters,
 * the code update that turns each site into what its users need (NOP,
 * call of the trampoline, or jmp in direct mode), direct mode,
 * ftrace_enabled, and the handler dispatch the trampoline calls. The site
 * records themselves are built in ftrace_sites.c. An update transaction
 * (ftrace_update_begin/commit) holds ftrace_lock across many changes and
 * patches the code once at the end.
 * Invariant: under ftrace_lock, each record's refcnt is the number of
 * registered ops whose filter matches it, and its code equals
 * ftrace_rec_wanted() once ftrace_update_code() has run outside a
 * transaction (inside one, at the commit).
 */
#include <kelp/ftrace.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/glob.h>
#include <kelp/kallsyms.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/mutex.h>
#include <kelp/preempt.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/traps.h>
#include <kelp/sysctl.h>
#include <kelp/kstrto.h>

#include "ftrace_internal.h"

/*
 * ftrace_lock protects the groups, the ops list and filters, and the
 * records; taken before text_mutex. Handlers read the groups, the ops list
 * and filters without it: writers publish with WRITE_ONCE and free only
 * what no handler can still hold (after ftrace_sync(), a grace period over
 * every CPU).
 */
DEFINE_MUTEX(ftrace_lock);
struct ftrace_group *ftrace_groups;
struct ftrace_ops *ftrace_ops_list;
static unsigned int ftrace_nr_ops;	/* on ftrace_ops_list */
int ftrace_enabled = 1;
EXPORT_SYMBOL_FOR_KTEST(ftrace_enabled);
u64 ftrace_recursion_missed;
EXPORT_SYMBOL_FOR_KTEST(ftrace_recursion_missed);
u64 ftrace_code_updates;
EXPORT_SYMBOL_FOR_KTEST(ftrace_code_updates);

/*
 * The open update transaction: its task (which holds ftrace_lock for the
 * whole of it), the nesting depth, whether a code update was put off, and
 * the callback its outermost commit runs once the new code is live.
 * Written by that task only; another task reading the owner never sees
 * itself there.
 */
static struct task *ftrace_batch_owner;
static unsigned int ftrace_batch_depth;
static bool ftrace_batch_dirty;
static void (*ftrace_batch_live)(void *);	/* see ftrace_update_commit_live */
static void *ftrace_batch_live_arg;

/* Takes ftrace_lock, unless the caller already holds it for a transaction. */
static void ftrace_lock_get(void)
{
	if (ftrace_batch_owner != current)
		mutex_lock(&ftrace_lock);
}

static void ftrace_lock_put(void)
{
	if (ftrace_batch_owner != current)
		mutex_unlock(&ftrace_lock);
}

/*
 * Recursion protection: one bit per context level (task, IRQ, nested: the
 * CPU's trap depth) in the running task's word (task->ftrace_recursion),
 * as Linux keeps them in task_struct: a handler running on another CPU is
 * not a recursion, and the bits go wherever the task goes. They were per
 * CPU once; a handler that slept (a test's, on purpose) and woke on
 * another CPU then left its first CPU's bit set, and no handler ran there
 * again (ktest ftrace_sleeping_handler_moves_cpu). Only the task touches
 * its word, and an IRQ nested on it restores what it set before it
 * returns, so plain read-modify-writes suffice.
 */
/*
 * Waits until no handler started before the call can still be running.
 * Handlers run with preemption disabled, and we are in task context: on
 * our CPU an interrupted handler always finishes before we run again, and
 * synchronize_rcu() waits until every other CPU passed a quiescent state
 * (its scheduler or idle loop), i.e. left any handler it was in. On one
 * CPU that is a fence.
 */
void ftrace_sync(void)
{
	synchronize_rcu();
}

/* ---- lookups (notrace: the handler path) ---- */

static notrace struct dyn_ftrace *ftrace_group_find(struct ftrace_group *g, unsigned long ip)
{
	unsigned int lo = 0, hi = g->count;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (g->recs[mid].ip == ip)
			return &g->recs[mid];
		if (g->recs[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* See ftrace_internal.h. */
notrace struct dyn_ftrace *ftrace_rec_find(unsigned long ip)
{
	for (struct ftrace_group *g = READ_ONCE(ftrace_groups); g; g = READ_ONCE(g->next)) {
		struct dyn_ftrace *rec = ftrace_group_find(g, ip);

		if (rec)
			return rec;
	}
	return NULL;
}

static notrace bool ftrace_hash_contains(const struct ftrace_hash *h, unsigned long ip)
{
	unsigned int lo = 0, hi = h->count;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (h->ips[mid] == ip)
			return true;
		if (h->ips[mid] < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Whether ops traces site ip: in its filter (an empty one means every
 * site) and not in its notrace hash. The hashes are the owner's
 * (ftrace_ops_set_global_filter()).
 */
static notrace bool ftrace_ops_test(const struct ftrace_ops *ops, unsigned long ip)
{
	const struct ftrace_ops *o = ftrace_ops_hashes(ops);
	const struct ftrace_hash *h = READ_ONCE(o->filter);
	const struct ftrace_hash *n = READ_ONCE(o->notrace_hash);

	if (!ftrace_hash_empty(n) && ftrace_hash_contains(n, ip))
		return false;
	return ftrace_hash_empty(h) || ftrace_hash_contains(h, ip);
}

/* See ftrace_internal.h. */
notrace bool ftrace_ops_traces(const struct ftrace_ops *ops, unsigned long ip)
{
	return ftrace_ops_test(ops, ip);
}

/* See ftrace.h. */
notrace unsigned long ftrace_location(unsigned long ip)
{
	return ftrace_rec_find(ip) ? ip : 0;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_location);

/* ---- the handler dispatch ---- */

static notrace int ftrace_recursion_trylock(void)
{
	struct task *t = current;
	unsigned int level = min(READ_ONCE(this_cpu()->trap_depth), 3u);
	unsigned long bit = 1UL << level;

	if (unlikely(!t) || (t->ftrace_recursion & bit))
		return -1;	/* recursion, or no task yet (early boot) */
	t->ftrace_recursion |= bit;
	barrier();	/* the bit is set before the handlers run (a nested IRQ sees it) */
	return level;
}

static notrace void ftrace_recursion_unlock(int level)
{
	barrier();	/* the handlers are done before the bit goes */
	current->ftrace_recursion &= ~(1UL << level);
}

/*
 * With many ops registered (a livepatch of n functions has n IPMODIFY
 * ops), walking the list costs O(n) per traced call; a site whose only
 * user is its IPMODIFY ops (the record says so) calls that one alone.
 * Short lists are walked: cheaper than finding the record. Writers raise
 * refcnt before setting rec->ipmodify and clear it before lowering
 * refcnt, so a reader (on this CPU, interrupting them) that sees refcnt 1
 * and an ipmodify ops has the site's only user. On another CPU the same
 * order holds (x86 keeps stores in order and loads in order; barrier()
 * holds the compiler): the reader reads refcnt, then ipmodify. The one
 * interleaving left is a registration in progress on the writer's side:
 * the reader sees the old refcnt 1 and the new ipmodify ops and calls
 * only it, i.e. the ops being added misses calls made before its
 * registration returned, which ftrace allows anyway. Returns whether it
 * called it.
 */
#define FTRACE_SHORT_LIST 4

static notrace bool ftrace_call_sole_user(unsigned long ip, unsigned long parent_ip,
					  struct ftrace_regs *fregs)
{
	struct dyn_ftrace *rec;
	struct ftrace_ops *op;

	if (READ_ONCE(ftrace_nr_ops) <= FTRACE_SHORT_LIST)
		return false;
	rec = ftrace_rec_find(ip);
	if (!rec || READ_ONCE(rec->refcnt) != 1)
		return false;
	op = READ_ONCE(rec->ipmodify);
	if (!op)
		return false;
	op->func(ip, parent_ip, op, fregs);
	return true;
}

/*
 * See ftrace.h. Handlers run with preemption disabled: no task is
 * switched out inside a handler (so ftrace_sync() has nothing to wait
 * for). The recursion bits are the task's (task->ftrace_recursion). The
 * enable does not reschedule: preempt_check_resched() may itself be
 * traced; the next preemption point (at the latest the next tick) does it.
 */
notrace void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip,
				  struct ftrace_ops *unused, struct ftrace_regs *fregs)
{
	int level;

	preempt_disable();
	level = ftrace_recursion_trylock();
	if (level < 0) {
		ftrace_recursion_missed++;
		preempt_enable_no_resched();
		return;
	}
	if (!ftrace_call_sole_user(ip, parent_ip, fregs))
		for (struct ftrace_ops *op = READ_ONCE(ftrace_ops_list); op; op = READ_ONCE(op->next))
			if (ftrace_ops_test(op, ip))
				op->func(ip, parent_ip, op, fregs);
	ftrace_recursion_unlock(level);
	preempt_enable_no_resched();
}

/* ---- filters (ftrace_lock held) ---- */

/* A copy of h with ip added or removed (h may be NULL). NULL when out of memory. */
static struct ftrace_hash *ftrace_hash_edit(const struct ftrace_hash *h, unsigned long ip,
					    bool remove)
{
	unsigned int n = h ? h->count : 0, i, j = 0;
	struct ftrace_hash *nh = kmalloc(sizeof(*nh) + (n + 1) * sizeof(long), GFP_KERNEL);

	if (!nh)
		return NULL;
	for (i = 0; i < n && h->ips[i] < ip; i++)
		nh->ips[j++] = h->ips[i];
	if (!remove)
		nh->ips[j++] = ip;
	if (i < n && h->ips[i] == ip)
		i++;
	for (; i < n; i++)
		nh->ips[j++] = h->ips[i];
	nh->count = j;
	return nh;
}

/* Calls fn on each record ops traces with filter h and notrace hash nt. */
static void ftrace_for_each_rec_h(const struct ftrace_hash *h, const struct ftrace_hash *nt,
				  void (*fn)(struct dyn_ftrace *rec, struct ftrace_ops *ops),
				  struct ftrace_ops *ops)
{
	if (!ftrace_hash_empty(h)) {
		for (unsigned int i = 0; i < h->count; i++) {
			struct dyn_ftrace *rec = ftrace_rec_find(h->ips[i]);

			if (rec && (ftrace_hash_empty(nt) || !ftrace_hash_contains(nt, rec->ip)))
				fn(rec, ops);
		}
		return;
	}
	for (struct ftrace_group *g = ftrace_groups; g; g = g->next)
		for (unsigned int i = 0; i < g->count; i++)
			if (ftrace_hash_empty(nt) || !ftrace_hash_contains(nt, g->recs[i].ip))
				fn(&g->recs[i], ops);
}

/* Calls fn on each record ops traces now. */
static void ftrace_for_each_rec(struct ftrace_ops *ops,
				void (*fn)(struct dyn_ftrace *rec, struct ftrace_ops *ops))
{
	const struct ftrace_ops *o = ftrace_ops_hashes(ops);

	ftrace_for_each_rec_h(o->filter, o->notrace_hash, fn, ops);
}

/*
 * The records whose users or mode changed since the last code update: the
 * update looks at these only, not at every site (3000 records walked
 * twice per update were most of the cost of patching one function). Past
 * the array's size, or when ftrace_enabled changes, it walks them all.
 * Drained by every ftrace_update_code() outside a transaction, so empty
 * whenever ftrace_lock is free (a module's records can go). ftrace_lock.
 */
static struct dyn_ftrace *ftrace_dirty[1024];
static unsigned int ftrace_nr_dirty;
static bool ftrace_dirty_all;

static void ftrace_rec_touch(struct dyn_ftrace *rec)
{
	if ((rec->flags & FTRACE_FL_DIRTY) || ftrace_dirty_all)
		return;
	if (ftrace_nr_dirty == ARRAY_SIZE(ftrace_dirty)) {
		ftrace_dirty_all = true;
		return;
	}
	rec->flags |= FTRACE_FL_DIRTY;
	ftrace_dirty[ftrace_nr_dirty++] = rec;
}

static void ftrace_dirty_reset(void)
{
	for (unsigned int i = 0; i < ftrace_nr_dirty; i++)
		ftrace_dirty[i]->flags &= ~FTRACE_FL_DIRTY;
	ftrace_nr_dirty = 0;
	ftrace_dirty_all = false;
}

/*
 * See ftrace_internal.h. A direct ops (register_ftrace_direct) is its
 * sites' exclusive user as an IPMODIFY ops is, and asks for a direct
 * call of ops->direct_call there.
 */
void ftrace_rec_get(struct dyn_ftrace *rec, struct ftrace_ops *ops)
{
	ftrace_rec_touch(rec);
	WRITE_ONCE(rec->refcnt, rec->refcnt + 1);
	barrier();	/* refcnt before ipmodify; partner: ftrace_call_sole_user() */
	if (ftrace_ops_exclusive(ops)) {
		if (ops->flags & FTRACE_OPS_FL_DIRECT) {
			rec->direct = ops->direct_call;
			rec->flags |= FTRACE_FL_DIRECT | FTRACE_FL_DIRECT_CALL;
		}
		WRITE_ONCE(rec->ipmodify, ops);
	}
}

static void ftrace_rec_put(struct dyn_ftrace *rec, struct ftrace_ops *ops)
{
	ftrace_rec_touch(rec);
	if (rec->ipmodify == ops) {
		WRITE_ONCE(rec->ipmodify, NULL);
		rec->flags &= ~(FTRACE_FL_DIRECT | FTRACE_FL_DIRECT_CALL);
		rec->direct = 0;
	}
	barrier();	/* ipmodify before refcnt; partner: ftrace_call_sole_user() */
	WRITE_ONCE(rec->refcnt, rec->refcnt - 1);
}

/*
 * -EBUSY when an ip of h (less those in nt) already has another
 * exclusive (IPMODIFY or direct) ops.
 */
static int ftrace_check_ipmodify(const struct ftrace_hash *h, const struct ftrace_hash *nt,
				 struct ftrace_ops *ops)
{
	for (unsigned int i = 0; h && i < h->count; i++) {
		struct dyn_ftrace *rec = ftrace_rec_find(h->ips[i]);

		if (!ftrace_hash_empty(nt) && ftrace_hash_contains(nt, h->ips[i]))
			continue;
		if (rec && rec->ipmodify && rec->ipmodify != ops)
			return -EBUSY;
	}
	return 0;
}

/* ---- code updates (ftrace_lock held) ---- */

#define FTRACE_FL_STATE (FTRACE_FL_CALL | FTRACE_FL_JMP | FTRACE_FL_DCALL)

/* What the site should be now: 0 (NOP), FTRACE_FL_CALL, FTRACE_FL_JMP or FTRACE_FL_DCALL. */
static u32 ftrace_rec_wanted(const struct dyn_ftrace *rec)
{
	if (!ftrace_enabled || !rec->refcnt)
		return 0;
	if ((rec->flags & FTRACE_FL_DIRECT) && rec->refcnt == 1)
		return rec->flags & FTRACE_FL_DIRECT_CALL ? FTRACE_FL_DCALL : FTRACE_FL_JMP;
	return FTRACE_FL_CALL;
}

static void ftrace_rec_insn(const struct dyn_ftrace *rec, u32 state, u8 *insn)
{
	void *site = (void *)rec->ip;

	if (state == FTRACE_FL_JMP)
		text_gen_insn(insn, JMP32_INSN_OPCODE, site, (void *)rec->direct);
	else if (state == FTRACE_FL_DCALL)
		text_gen_insn(insn, CALL_INSN_OPCODE, site, (void *)rec->direct);
	else if (state == FTRACE_FL_CALL)
		text_gen_insn(insn, CALL_INSN_OPCODE, site, ftrace_regs_caller);
	else
		memcpy(insn, x86_nop5, MCOUNT_INSN_SIZE);
}

/*
 * Adds rec to tp[*n] if its code must change (marking the record as
 * changed), or with tp NULL only counts it. Returns false once tp holds
 * max entries and rec did not fit.
 */
/*
 * Whether rec's code is already what want asks for. A jmp must also go to
 * rec->direct: inside a transaction ftrace_site_set_direct() can move it
 * to another target with no code update in between, so the state alone
 * says nothing about the target.
 */
static bool ftrace_rec_is(const struct dyn_ftrace *rec, u32 want)
{
	if (want != (rec->flags & FTRACE_FL_STATE))
		return false;
	return (want != FTRACE_FL_JMP && want != FTRACE_FL_DCALL) ||
	       text_insn_dest((const u8 *)rec->ip, rec->ip) == rec->direct;
}

static bool ftrace_collect_rec(struct dyn_ftrace *rec, struct text_poke_loc *tp,
			       unsigned int *n, unsigned int max)
{
	u32 want = ftrace_rec_wanted(rec);

	if (ftrace_rec_is(rec, want))
		return true;
	if (tp) {
		if (*n == max)
			return false;
		tp[*n].addr = (void *)rec->ip;
		tp[*n].len = MCOUNT_INSN_SIZE;
		ftrace_rec_insn(rec, want, tp[*n].text);
		rec->flags = (rec->flags & ~FTRACE_FL_STATE) | want;
	}
	(*n)++;
	return true;
}

/*
 * Fills tp with up to max sites whose code must change, among the dirty
 * records or all of them; with tp NULL only counts them.
 */
static unsigned int ftrace_collect_changes(struct text_poke_loc *tp, unsigned int max)
{
	unsigned int n = 0;

	if (!ftrace_dirty_all) {
		for (unsigned int i = 0; i < ftrace_nr_dirty; i++)
			if (!ftrace_collect_rec(ftrace_dirty[i], tp, &n, max))
				return n;
		return n;
	}
	for (struct ftrace_group *g = ftrace_groups; g; g = g->next)
		for (unsigned int i = 0; i < g->count; i++)
			if (!ftrace_collect_rec(&g->recs[i], tp, &n, max))
				return n;
	return n;
}

/*
 * Without memory for the whole vector the update goes in batches of this
 * many sites: an unregistration must not fail (its ops is about to be
 * freed). ftrace_lock.
 */
static struct text_poke_loc ftrace_spare_vec[32];
bool ftrace_test_no_vec;
EXPORT_SYMBOL_FOR_KTEST(ftrace_test_no_vec);

/*
 * ftrace_update_code(), and live(arg) once the new code is what runs (see
 * ftrace_update_commit_live): in the last batch, or at once with nothing
 * to change.
 */
static int ftrace_update_code_live(void (*live)(void *), void *arg)
{
	unsigned int n, max, done;
	struct text_poke_loc *tp;
	int err = 0;

	n = ftrace_collect_changes(NULL, 0);
	if (!n) {
		ftrace_dirty_reset();
		if (live)
			live(arg);
		return 0;
	}
	tp = ftrace_test_no_vec ? NULL : kmalloc(n * sizeof(*tp), GFP_KERNEL);
	max = tp ? n : ARRAY_SIZE(ftrace_spare_vec);
	if (!tp)
		tp = ftrace_spare_vec;
	do {
		bool last;

		done = ftrace_collect_changes(tp, max);
		/* a full spare vector may be followed by more (or by an empty batch) */
		last = done < max || n <= max;
		ftrace_code_updates += done != 0;
		err = text_poke_bp_batch_live(tp, done, last ? live : NULL, arg);
	} while (!err && done == max && n > max);
	if (err)
		pr_err("ftrace: code update failed (%d)\n", err);
	if (tp != ftrace_spare_vec)
		kfree(tp);
	ftrace_dirty_reset();
	return err;
}

/* See ftrace_internal.h. */
int ftrace_update_code(void)
{
	if (ftrace_batch_depth) {
		ftrace_batch_dirty = true;	/* the commit does it */
		return 0;
	}
	return ftrace_update_code_live(NULL, NULL);
}

/* See ftrace.h. */
void ftrace_update_begin(void)
{
	ftrace_lock_get();
	ftrace_batch_owner = current;
	ftrace_batch_depth++;
}
EXPORT_SYMBOL_GPL(ftrace_update_begin);

/*
 * The outermost commit changes code (running the live callback a commit
 * of the transaction gave, see ftrace_update_commit_live), then waits a
 * grace period if sync.
 */
static int ftrace_commit(bool sync, void (*live)(void *), void *arg)
{
	int err = 0;

	if (WARN_ON(ftrace_batch_owner != current || !ftrace_batch_depth))
		return -EINVAL;
	if (live) {
		WARN_ON(ftrace_batch_live);
		ftrace_batch_live = live;
		ftrace_batch_live_arg = arg;
	}
	if (--ftrace_batch_depth)
		return 0;
	live = ftrace_batch_live;
	arg = ftrace_batch_live_arg;
	ftrace_batch_live = NULL;
	if (ftrace_batch_dirty) {
		ftrace_batch_dirty = false;
		err = ftrace_update_code_live(live, arg);
	} else if (live) {
		live(arg);
	}
	ftrace_batch_owner = NULL;
	mutex_unlock(&ftrace_lock);
	if (sync)
		ftrace_sync();
	return err;
}

/* See ftrace.h. */
int ftrace_update_commit(void)
{
	return ftrace_commit(true, NULL, NULL);
}
EXPORT_SYMBOL_GPL(ftrace_update_commit);

/*
 * See ftrace.h. On SMP a grace period is a round trip to every other CPU
 * (each must pass its scheduler); a livepatch enable used to wait for one
 * here that protected nothing (issue 15's busy transition).
 */
int ftrace_update_commit_nosync(void)
{
	return ftrace_commit(false, NULL, NULL);
}
EXPORT_SYMBOL_GPL(ftrace_update_commit_nosync);

/* See ftrace.h. */
int ftrace_update_commit_live(void (*live)(void *), void *arg)
{
	return ftrace_commit(false, live, arg);
}
EXPORT_SYMBOL_GPL(ftrace_update_commit_live);

/* ---- registration ---- */

/* Head insertion; ops is complete before the dispatch can reach it. */
static void ftrace_list_add(struct ftrace_ops *ops)
{
	ops->next = ftrace_ops_list;
	ops->pprev = &ftrace_ops_list;
	if (ops->next)
		ops->next->pprev = &ops->next;
	WRITE_ONCE(ftrace_ops_list, ops);
	WRITE_ONCE(ftrace_nr_ops, ftrace_nr_ops + 1);
}

/* O(1) through pprev: unregistering n ops must not walk the list n times. */
static void ftrace_list_del(struct ftrace_ops *ops)
{
	if (ops->next)
		ops->next->pprev = ops->pprev;
	WRITE_ONCE(*ops->pprev, ops->next);
	WRITE_ONCE(ftrace_nr_ops, ftrace_nr_ops - 1);
}

static int __register_ftrace_function(struct ftrace_ops *ops)
{
	bool exclusive = ftrace_ops_exclusive(ops);
	const struct ftrace_ops *o = ftrace_ops_hashes(ops);
	int err;

	if (!ops->func)
		return -EINVAL;
	if (ops->flags & FTRACE_OPS_FL_ENABLED)
		return -EBUSY;
	if ((ops->flags & FTRACE_OPS_FL_IPMODIFY) && (ops->flags & FTRACE_OPS_FL_DIRECT))
		return -EINVAL;
	if (!ftrace_enabled && (ops->flags & (FTRACE_OPS_FL_PERMANENT | FTRACE_OPS_FL_IPMODIFY)))
		return -EBUSY;
	if (exclusive && ftrace_hash_empty(o->filter))
		return -EINVAL;
	if (exclusive && (err = ftrace_check_ipmodify(o->filter, o->notrace_hash, ops)))
		return err;
	ftrace_for_each_rec(ops, ftrace_rec_get);
	ops->flags |= FTRACE_OPS_FL_ENABLED;
	ftrace_list_add(ops);
	err = ftrace_update_code();
	if (err) {
		ftrace_list_del(ops);
		ops->flags &= ~FTRACE_OPS_FL_ENABLED;
		ftrace_for_each_rec(ops, ftrace_rec_put);
		ftrace_update_code();
	}
	return err;
}

/* See ftrace.h. */
int register_ftrace_function(struct ftrace_ops *ops)
{
	int err;

	ftrace_lock_get();
	err = __register_ftrace_function(ops);
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(register_ftrace_function);

/* See ftrace.h. */
int unregister_ftrace_function(struct ftrace_ops *ops)
{
	ftrace_lock_get();
	if (!(ops->flags & FTRACE_OPS_FL_ENABLED)) {
		ftrace_lock_put();
		return -EINVAL;
	}
	ftrace_for_each_rec(ops, ftrace_rec_put);
	ftrace_update_code();
	ftrace_list_del(ops);
	ops->flags &= ~FTRACE_OPS_FL_ENABLED;
	ftrace_lock_put();
	ftrace_sync();
	return 0;
}
EXPORT_SYMBOL_GPL(unregister_ftrace_function);

/*
 * Replaces the filter (or with notrace, the notrace hash) of owner by nh
 * (consumed), moving the site references of every registered ops that
 * uses owner's hashes (owner itself, and the ops
 * ftrace_ops_set_global_filter() gave them to). Returns 0, -EBUSY (an
 * exclusive ops would meet another's site), -EINVAL (a registered
 * exclusive ops would trace every site).
 */
static int __ftrace_replace_hash(struct ftrace_ops *owner, struct ftrace_hash *nh, bool is_notrace)
{
	struct ftrace_hash **slot = is_notrace ? &owner->notrace_hash : &owner->filter;
	struct ftrace_hash *old = *slot;
	const struct ftrace_hash *nf = is_notrace ? owner->filter : nh;
	const struct ftrace_hash *nn = is_notrace ? nh : owner->notrace_hash;
	bool live = false;
	struct ftrace_ops *op;
	int err = 0;

	if (nh && !nh->count) {
		kfree(nh);	/* an empty hash is kept as NULL */
		nh = NULL;
		nf = is_notrace ? nf : NULL;
		nn = is_notrace ? NULL : nn;
	}
	for (op = ftrace_ops_list; op && !err; op = op->next) {
		if (ftrace_ops_hashes(op) != owner)
			continue;
		live = true;
		if (!ftrace_ops_exclusive(op))
			continue;
		if (ftrace_hash_empty(nf))
			err = -EINVAL;
		else
			err = ftrace_check_ipmodify(nf, nn, op);
	}
	if (err) {
		kfree(nh);
		return err;
	}
	for (op = ftrace_ops_list; live && op; op = op->next)
		if (ftrace_ops_hashes(op) == owner)
			ftrace_for_each_rec(op, ftrace_rec_put);
	WRITE_ONCE(*slot, nh);
	owner->flags |= FTRACE_OPS_FL_INITIALIZED;
	if (live) {
		for (op = ftrace_ops_list; op; op = op->next)
			if (ftrace_ops_hashes(op) == owner)
				ftrace_for_each_rec(op, ftrace_rec_get);
		ftrace_update_code();
	}
	/*
	 * A handler may still read the old hash, or run for an ip it no
	 * longer has. An ops that is not registered, with no hash before,
	 * has neither (unregistering waited for its handlers): no grace
	 * period, which on SMP is a round trip to every other CPU (every
	 * livepatch enable of a new function set its first filter here).
	 */
	if (live || old)
		ftrace_sync();
	kfree(old);
	return 0;
}

static int __ftrace_replace_filter(struct ftrace_ops *ops, struct ftrace_hash *nh)
{
	return __ftrace_replace_hash(ftrace_ops_hashes(ops), nh, false);
}

/* See ftrace.h. */
int ftrace_set_filter_ip(struct ftrace_ops *ops, unsigned long ip, int remove, int reset)
{
	struct ftrace_hash *nh;
	int err;

	ftrace_lock_get();
	if (ip && !ftrace_rec_find(ip)) {
		ftrace_lock_put();
		return -ENOENT;
	}
	if (!ip && reset) {
		err = __ftrace_replace_filter(ops, NULL);
	} else if (!ip) {
		err = 0;
	} else {
		nh = ftrace_hash_edit(reset ? NULL : ftrace_ops_hashes(ops)->filter, ip, remove);
		err = nh ? __ftrace_replace_filter(ops, nh) : -ENOMEM;
	}
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(ftrace_set_filter_ip);

/* See ftrace.h. */
int ftrace_set_filter_ips(struct ftrace_ops *ops, unsigned long *ips, unsigned int cnt,
			  int remove, int reset)
{
	struct ftrace_hash *h, *nh;
	int err = 0;

	if (!ips || !cnt)
		return -EINVAL;
	ftrace_lock_get();
	for (unsigned int i = 0; i < cnt && !err; i++)
		if (!ftrace_rec_find(ips[i]))
			err = -ENOENT;
	h = err ? NULL : ftrace_hash_edit(reset ? NULL : ftrace_ops_hashes(ops)->filter, 0, true);
	for (unsigned int i = 0; h && i < cnt; i++) {
		nh = ftrace_hash_edit(h, ips[i], remove);
		kfree(h);
		h = nh;
	}
	if (!err)
		err = h ? __ftrace_replace_filter(ops, h) : -ENOMEM;
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(ftrace_set_filter_ips);

/* Applies glob to h for every site; *matched counts the matching sites. */
static struct ftrace_hash *ftrace_hash_glob(struct ftrace_hash *h, const char *glob, bool remove,
					    unsigned int *matched)
{
	for (struct ftrace_group *g = ftrace_groups; g && h; g = g->next) {
		for (unsigned int i = 0; i < g->count && h; i++) {
			const char *name = kallsyms_lookup(g->recs[i].ip, NULL, NULL);
			struct ftrace_hash *nh;

			if (!name)	/* a module's function */
				name = module_address_lookup(g->recs[i].ip, NULL, NULL, NULL);
			if (!name || !glob_match(glob, name))
				continue;
			(*matched)++;
			nh = ftrace_hash_edit(h, g->recs[i].ip, remove);
			kfree(h);
			h = nh;
		}
	}
	return h;
}

/*
 * ftrace_set_filter()/ftrace_set_notrace() on owner's hash: glob is
 * at most len bytes long (Linux's strlen(buf)); len <= 0 means up to the
 * NUL, as Kelp's own callers pass 0. ftrace_lock held.
 */
static int ftrace_set_glob(struct ftrace_ops *owner, const char *buf, int len, int reset,
			   bool is_notrace)
{
	struct ftrace_hash *cur = is_notrace ? owner->notrace_hash : owner->filter;
	unsigned int matched = 0;
	struct ftrace_hash *h;
	char *glob;
	bool remove;
	int err;

	if (!buf)	/* Linux: no text, only the reset (if asked) */
		return reset ? __ftrace_replace_hash(owner, NULL, is_notrace) : 0;
	glob = len > 0 ? kmemdup_nul(buf, strnlen(buf, len), GFP_KERNEL) : kstrdup(buf, GFP_KERNEL);
	if (!glob)
		return -ENOMEM;
	remove = glob[0] == '!';
	h = reset ? kzalloc(sizeof(*h), GFP_KERNEL) : ftrace_hash_edit(cur, 0, true);
	if (h && glob[remove])
		h = ftrace_hash_glob(h, glob + remove, remove, &matched);
	if (!h)
		err = -ENOMEM;
	else if (glob[remove] && !matched)
		err = -EINVAL;
	else
		err = 0;
	if (err)
		kfree(h);
	else
		err = __ftrace_replace_hash(owner, h, is_notrace);
	kfree(glob);
	return err;
}

/* See ftrace.h. */
int ftrace_set_filter(struct ftrace_ops *ops, const char *buf, int len, int reset)
{
	int err;

	ftrace_lock_get();
	err = ftrace_set_glob(ftrace_ops_hashes(ops), buf, len, reset, false);
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL(ftrace_set_filter);

/* See ftrace.h. */
int ftrace_set_notrace(struct ftrace_ops *ops, const char *buf, int len, int reset)
{
	int err;

	ftrace_lock_get();
	err = ftrace_set_glob(ftrace_ops_hashes(ops), buf, len, reset, true);
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(ftrace_set_notrace);

/* See ftrace.h. trace.c's function tracer ops is Linux's global_ops. */
void ftrace_set_global_filter(const char *buf, int len, int reset)
{
	ftrace_set_filter(ftrace_global_ops(), buf, len, reset);
}
EXPORT_SYMBOL_GPL(ftrace_set_global_filter);

/* See ftrace.h. */
void ftrace_set_global_notrace(const char *buf, int len, int reset)
{
	ftrace_set_notrace(ftrace_global_ops(), buf, len, reset);
}
EXPORT_SYMBOL_GPL(ftrace_set_global_notrace);

/* See ftrace.h. */
void ftrace_ops_set_global_filter(struct ftrace_ops *ops)
{
	struct ftrace_ops *global = ftrace_global_ops();

	ftrace_lock_get();
	if (!(ops->flags & (FTRACE_OPS_FL_INITIALIZED | FTRACE_OPS_FL_ENABLED)) && ops != global) {
		ops->hash_owner = global;
		ops->flags |= FTRACE_OPS_FL_INITIALIZED;
	}
	ftrace_lock_put();
}
EXPORT_SYMBOL_GPL(ftrace_ops_set_global_filter);

/* See ftrace.h. */
void ftrace_free_filter(struct ftrace_ops *ops)
{
	struct ftrace_hash *f, *n;

	ftrace_lock_get();
	if (WARN_ON(ops->flags & FTRACE_OPS_FL_ENABLED)) {
		ftrace_lock_put();
		return;
	}
	f = ops->filter;
	n = ops->notrace_hash;
	WRITE_ONCE(ops->filter, NULL);
	WRITE_ONCE(ops->notrace_hash, NULL);
	ftrace_lock_put();
	/* Not registered: unregistering already waited for its handlers. */
	kfree(f);
	kfree(n);
}
EXPORT_SYMBOL_GPL(ftrace_free_filter);

/* ---- direct mode ---- */

/* The record of ip if it belongs to ops as its IPMODIFY user, else NULL. */
static struct dyn_ftrace *ftrace_direct_rec(struct ftrace_ops *ops, unsigned long ip)
{
	struct dyn_ftrace *rec = ftrace_rec_find(ip);

	if (!rec || !(ops->flags & FTRACE_OPS_FL_ENABLED) || rec->ipmodify != ops)
		return NULL;
	return rec;
}

/* See ftrace.h. */
int ftrace_site_set_direct(struct ftrace_ops *ops, unsigned long ip, unsigned long addr)
{
	struct dyn_ftrace *rec;
	u8 insn[MCOUNT_INSN_SIZE];
	int err = 0;

	ftrace_lock_get();
	rec = ftrace_direct_rec(ops, ip);
	if (!rec || !addr) {
		err = -EINVAL;
	} else if (!text_gen_insn(insn, JMP32_INSN_OPCODE, (void *)ip, (void *)addr)) {
		err = -ERANGE;
	} else {
		/* Through the trampoline first if the target changes under a jmp. */
		ftrace_rec_touch(rec);
		if ((rec->flags & FTRACE_FL_JMP) && rec->direct != addr) {
			rec->flags &= ~FTRACE_FL_DIRECT;
			ftrace_update_code();
			ftrace_rec_touch(rec);
		}
		rec->direct = addr;
		rec->flags |= FTRACE_FL_DIRECT;
		err = ftrace_update_code();
	}
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(ftrace_site_set_direct);

/* See ftrace.h. */
int ftrace_site_clear_direct(struct ftrace_ops *ops, unsigned long ip)
{
	struct dyn_ftrace *rec;
	int err;

	ftrace_lock_get();
	rec = ftrace_direct_rec(ops, ip);
	if (rec) {
		ftrace_rec_touch(rec);
		rec->flags &= ~FTRACE_FL_DIRECT;
		err = ftrace_update_code();
		rec->direct = 0;
	} else {
		err = -EINVAL;
	}
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(ftrace_site_clear_direct);

/* ---- direct calls (register_ftrace_direct) ---- */

/*
 * The handler of a direct ops, run when its site is shared and calls the
 * trampoline: asks ftrace_regs_caller to call the direct function on its
 * way out (Linux's call_direct_funcs and arch_ftrace_set_direct_caller,
 * which use orig_ax: Kelp's pt_regs keeps it as error_code). notrace.
 */
static notrace void ftrace_direct_func(unsigned long ip, unsigned long parent_ip,
				       struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	unsigned long addr = READ_ONCE(op->direct_call);

	if (addr)
		fregs->regs.error_code = addr;
}

/* -ERANGE unless every site of ops can reach addr with a rel32 call. ftrace_lock held. */
static int ftrace_direct_reach(struct ftrace_ops *ops, unsigned long addr)
{
	const struct ftrace_hash *h = ops->filter;
	u8 insn[MCOUNT_INSN_SIZE];

	for (unsigned int i = 0; h && i < h->count; i++)
		if (!text_gen_insn(insn, CALL_INSN_OPCODE, (void *)h->ips[i], (void *)addr))
			return -ERANGE;
	return 0;
}

/* See ftrace.h. */
int register_ftrace_direct(struct ftrace_ops *ops, unsigned long addr)
{
	int err;

	if (!addr || ops->func || (ops->flags & FTRACE_OPS_FL_ENABLED) || ops->hash_owner)
		return -EINVAL;
	ftrace_lock_get();
	if (ftrace_hash_empty(ops->filter))
		err = -EINVAL;
	else
		err = ftrace_direct_reach(ops, addr);
	if (!err) {
		ops->func = ftrace_direct_func;
		ops->flags = FTRACE_OPS_FL_DIRECT | FTRACE_OPS_FL_SAVE_ARGS |
			     (ops->flags & FTRACE_OPS_FL_INITIALIZED);
		WRITE_ONCE(ops->direct_call, addr);
		err = __register_ftrace_function(ops);
		if (err) {
			ops->func = NULL;
			ops->direct_call = 0;
		}
	}
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_GPL(register_ftrace_direct);

/* A registered direct ops (Linux's check_direct_multi() and ENABLED). */
static bool ftrace_is_direct_ops(const struct ftrace_ops *ops)
{
	return (ops->flags & (FTRACE_OPS_FL_DIRECT | FTRACE_OPS_FL_ENABLED)) ==
	       (FTRACE_OPS_FL_DIRECT | FTRACE_OPS_FL_ENABLED);
}

/* See ftrace.h. */
int unregister_ftrace_direct(struct ftrace_ops *ops, unsigned long addr, bool free_filters)
{
	int err;

	if (!ftrace_is_direct_ops(ops))
		return -EINVAL;
	err = unregister_ftrace_function(ops);	/* waits a grace period */
	ops->func = NULL;
	WRITE_ONCE(ops->direct_call, 0);
	if (free_filters)
		ftrace_free_filter(ops);
	return err;
}
EXPORT_SYMBOL_GPL(unregister_ftrace_direct);

/* See ftrace.h. */
int modify_ftrace_direct(struct ftrace_ops *ops, unsigned long addr)
{
	const struct ftrace_hash *h;
	int err;

	if (!ftrace_is_direct_ops(ops) || !addr)
		return -EINVAL;
	ftrace_lock_get();
	err = ftrace_direct_reach(ops, addr);
	h = ops->filter;
	if (!err) {
		/* The trampoline path reads it at once; the direct sites follow in one batch. */
		WRITE_ONCE(ops->direct_call, addr);
		for (unsigned int i = 0; i < h->count; i++) {
			struct dyn_ftrace *rec = ftrace_rec_find(h->ips[i]);

			if (rec && rec->ipmodify == ops) {
				ftrace_rec_touch(rec);
				rec->direct = addr;
			}
		}
		err = ftrace_update_code();
	}
	ftrace_lock_put();
	if (!err)
		ftrace_sync();	/* no CPU still about to call the old function from the trampoline */
	return err;
}
EXPORT_SYMBOL_GPL(modify_ftrace_direct);

/* See ftrace.h. */
int modify_ftrace_direct_nolock(struct ftrace_ops *ops, unsigned long addr)
{
	return modify_ftrace_direct(ops, addr);
}
EXPORT_SYMBOL_GPL(modify_ftrace_direct_nolock);

/* ---- ftrace_enabled ---- */

/* See ftrace.h. */
int ftrace_enabled_set(int val)
{
	int err = 0;

	if (val != 0 && val != 1)
		return -EINVAL;
	ftrace_lock_get();
	for (struct ftrace_ops *op = ftrace_ops_list; op && !val; op = op->next)
		if (op->flags & FTRACE_OPS_FL_PERMANENT)
			err = -EBUSY;
	if (!err && val != ftrace_enabled) {
		ftrace_enabled = val;
		ftrace_dirty_all = true;
		err = ftrace_update_code();
	}
	ftrace_lock_put();
	return err;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_enabled_set);

/* kernel.ftrace_enabled: /proc/sys/kernel/ftrace_enabled, "1" or "0". */
static int ftrace_enabled_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%d", ftrace_enabled);
}

static int ftrace_enabled_store(const char *val)
{
	int v;

	if (kstrtoint(val, 10, &v))
		return -EINVAL;
	return ftrace_enabled_set(v);
}

static const struct ctl_table ftrace_sysctls[] = {
	{ "kernel.ftrace_enabled", ftrace_enabled_show, ftrace_enabled_store },
};
SYSCTL_TABLE(ftrace_sysctls);
