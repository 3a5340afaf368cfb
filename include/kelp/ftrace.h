/*
 * Function entry hooks (kernel/trace/ftrace.c), Linux's ftrace API in names and
 * meaning. Every traced function starts with a 5-byte NOP listed in
 * __mcount_loc (a "site", struct dyn_ftrace). A site used by at least one
 * registered ftrace_ops becomes `call ftrace_regs_caller`: the trampoline
 * saves a pt_regs frame, calls the handler of every ops whose filter
 * matches, and returns to regs->ip, so an FTRACE_OPS_FL_IPMODIFY ops (one
 * per site) redirects the call by setting it. A site whose only user is
 * its IPMODIFY ops may become `jmp target` instead (direct mode).
 * Locking: ftrace_lock (a mutex) serialises registration, filters and
 * code updates; it is taken before text_mutex. Handlers run with no lock
 * and preemption disabled, in any context, and must be notrace along with
 * everything they call (recursion is cut anyway).
 */
#ifndef KELP_FTRACE_H
#define KELP_FTRACE_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/traps.h>

#define MCOUNT_INSN_SIZE 5

struct ftrace_ops;
struct seq_file;

/* The frame the trampoline builds; handlers may change regs.ip. */
struct ftrace_regs {
	struct pt_regs regs;
};

static inline struct pt_regs *ftrace_get_regs(struct ftrace_regs *fregs)
{
	return &fregs->regs;
}

static inline void ftrace_regs_set_instruction_pointer(struct ftrace_regs *fregs,
						       unsigned long ip)
{
	fregs->regs.ip = ip;
}

static inline unsigned long ftrace_regs_get_instruction_pointer(struct ftrace_regs *fregs)
{
	return fregs->regs.ip;
}

/*
 * A handler: ip is the site (the traced function's address), parent_ip
 * the return address into its caller. Runs with the caller's interrupt
 * state, in any context; notrace, no sleeping, no ftrace_lock.
 */
typedef void (*ftrace_func_t)(unsigned long ip, unsigned long parent_ip,
			      struct ftrace_ops *op, struct ftrace_regs *fregs);

enum {
	FTRACE_OPS_FL_ENABLED = 1 << 0,		/* owned by the core: registered */
	FTRACE_OPS_FL_DYNAMIC = 1 << 1,		/* ops is not static data (Linux: freed via RCU) */
	FTRACE_OPS_FL_SAVE_REGS = 1 << 2,	/* wants full pt_regs (always given here) */
	FTRACE_OPS_FL_IPMODIFY = 1 << 3,	/* may change regs->ip; one per site */
	FTRACE_OPS_FL_PERMANENT = 1 << 4,	/* ftrace_enabled cannot go to 0 while registered */
	FTRACE_OPS_FL_DIRECT = 1 << 5,		/* register_ftrace_direct(): calls ops->direct_call */
	FTRACE_OPS_FL_SAVE_ARGS = 1 << 6,	/* wants the argument registers (always given here) */
	FTRACE_OPS_FL_INITIALIZED = 1 << 7,	/* owned by the core: a filter was set */
	FTRACE_OPS_FL_RECURSION = 1 << 8,	/* Linux: the handler guards itself (Kelp always does) */
	FTRACE_OPS_FL_SAVE_REGS_IF_SUPPORTED = 1 << 9,	/* as SAVE_REGS: always supported */
	FTRACE_OPS_FL_RCU = 1 << 10,		/* Linux: call only where RCU watches (always, here) */
};

/* A set of site addresses, sorted. */
struct ftrace_hash {
	unsigned int count;
	unsigned long ips[];
};

struct ftrace_ops {
	/* set by the user */
	ftrace_func_t func;
	unsigned long flags;
	void *private;
	/* owned by the core, under ftrace_lock; read locklessly by handlers */
	struct ftrace_hash *filter;	/* NULL or empty: every site */
	struct ftrace_hash *notrace_hash;	/* sites left out even if the filter has them */
	/*
	 * Whose filter and notrace hashes this ops uses: NULL, its own;
	 * ftrace_ops_set_global_filter() makes it the function tracer's
	 * (Linux's func_hash pointing at global_ops' hashes).
	 */
	struct ftrace_ops *hash_owner;
	unsigned long direct_call;	/* FTRACE_OPS_FL_DIRECT: the function its sites call */
	struct ftrace_ops *next;	/* ftrace_ops_list */
	struct ftrace_ops **pprev;	/* the pointer to this ops in that list */
};

/* One fentry site. */
struct dyn_ftrace {
	unsigned long ip;
	unsigned long direct;		/* jmp target when FTRACE_FL_DIRECT */
	struct ftrace_ops *ipmodify;	/* the IPMODIFY ops on this site, if any */
	u32 refcnt;			/* registered ops that trace this site */
	u32 flags;			/* FTRACE_FL_* */
};

#define FTRACE_FL_DIRECT (1u << 0)	/* direct mode requested by rec->ipmodify */
#define FTRACE_FL_CALL (1u << 1)	/* the site is `call ftrace_regs_caller` now */
#define FTRACE_FL_JMP (1u << 2)		/* the site is `jmp rec->direct` now */
#define FTRACE_FL_DIRTY (1u << 3)	/* internal: changed since the last code update */
#define FTRACE_FL_DIRECT_CALL (1u << 4)	/* with DIRECT: call rec->direct, not jmp (register_ftrace_direct) */
#define FTRACE_FL_DCALL (1u << 5)	/* the site is `call rec->direct` now */

/* ---- registration (task context; take ftrace_lock) ---- */

/*
 * Starts calling ops->func at the sites of its filter. Returns 0, -EINVAL
 * (no func; IPMODIFY with an empty filter), -EBUSY (already registered; an
 * IPMODIFY conflict at a site; PERMANENT or IPMODIFY while ftrace_enabled
 * is 0, as Linux's livepatch selftests expect).
 */
int register_ftrace_function(struct ftrace_ops *ops);

/*
 * Stops it; the sites return to NOP when unused. On return no CPU runs
 * ops->func any more, so ops may be freed. Returns 0 or -EINVAL.
 */
int unregister_ftrace_function(struct ftrace_ops *ops);

/*
 * Adds (or with remove, removes) site ip to the ops filter; reset empties
 * the filter first. Works on a registered ops (the sites follow; a
 * registered IPMODIFY ops loses direct mode on its sites: set it again
 * afterwards). Returns 0, -ENOENT (ip is not a valid site), -EBUSY (IPMODIFY
 * conflict), -ENOMEM.
 */
int ftrace_set_filter_ip(struct ftrace_ops *ops, unsigned long ip, int remove, int reset);

/*
 * Adds every site whose function name matches glob (a leading `!` removes
 * them instead); reset empties the filter first. Returns 0, -EINVAL
 * (nothing matched), -EBUSY, -ENOMEM. len bounds buf (Linux's strlen);
 * len <= 0 means up to the NUL.
 */
int ftrace_set_filter(struct ftrace_ops *ops, const char *buf, int len, int reset);

/*
 * Linux's ftrace_set_filter_ips(): ftrace_set_filter_ip() for cnt sites
 * at once (all or none). Returns 0, -EINVAL (cnt 0 or no ips), -ENOENT (an
 * ip is not a valid site), -EBUSY, -ENOMEM.
 */
int ftrace_set_filter_ips(struct ftrace_ops *ops, unsigned long *ips, unsigned int cnt,
			  int remove, int reset);

/*
 * The notrace hash: sites matching glob (`!glob` removes them) are left
 * out of ops even when its filter has them (an empty filter: every site
 * but these). reset empties it first. Returns as ftrace_set_filter().
 */
int ftrace_set_notrace(struct ftrace_ops *ops, const char *buf, int len, int reset);

/*
 * Linux's global filter: the filter and notrace hashes of the function
 * tracer (/sys/kernel/tracing/set_ftrace_filter, set_ftrace_notrace),
 * which ops given to ftrace_ops_set_global_filter() share. Bad globs
 * are ignored, as Linux's void functions ignore them.
 */
void ftrace_set_global_filter(const char *buf, int len, int reset);
void ftrace_set_global_notrace(const char *buf, int len, int reset);
/*
 * Makes ops use the global hashes instead of its own, unless a filter was
 * already set on it (FTRACE_OPS_FL_INITIALIZED), as Linux. Task context.
 */
void ftrace_ops_set_global_filter(struct ftrace_ops *ops);
/*
 * Frees ops' own filter and notrace hashes (an unregistered ops, before
 * it is freed; a registered one is left alone with a warning, as Linux).
 */
void ftrace_free_filter(struct ftrace_ops *ops);

/* Returns ip when it is a valid site (a traceable function's address), else 0. */
unsigned long ftrace_location(unsigned long ip);

/* ---- direct calls (Linux's register_ftrace_direct) ---- */

/*
 * Every site in ops' filter calls addr directly (`call addr` in place of
 * the NOP), as Linux's x86 direct calls: addr runs with the traced
 * function's arguments in their registers and site + 5 on top of the
 * stack, and returns there (samples/ftrace/ftrace-direct.c's my_tramp).
 * When other ops trace the same site it calls ftrace_regs_caller instead,
 * which runs them and then calls addr the same way (Linux's orig_ax:
 * pt_regs.error_code). A site has one direct or IPMODIFY user: another is
 * -EBUSY, both ways round (Linux without ops_func). ops must be fresh (no
 * func, not registered) with a non-empty filter; it gets func and flags
 * (FTRACE_OPS_FL_DIRECT | FTRACE_OPS_FL_SAVE_ARGS) as in Linux. Returns 0,
 * -EINVAL, -EBUSY, -ERANGE (addr out of rel32 reach), -ENOMEM.
 */
int register_ftrace_direct(struct ftrace_ops *ops, unsigned long addr);
/*
 * Undoes it: the sites go back to NOP (or to the trampoline for their
 * other users); on return no CPU runs the dispatch for ops any more.
 * free_filters also frees ops' filter. Returns 0 or -EINVAL (not a
 * registered direct ops).
 */
int unregister_ftrace_direct(struct ftrace_ops *ops, unsigned long addr, bool free_filters);
/*
 * Moves every site of ops to call addr instead: one text_poke_bp batch
 * (a CPU meeting a site mid-change emulates the new call), and the
 * trampoline path reads the new ops->direct_call at once. Returns 0,
 * -EINVAL, -ERANGE. The _nolock form is the same function: Kelp
 * serialises direct calls with ftrace_lock alone (Linux's caller holds
 * direct_mutex).
 */
int modify_ftrace_direct(struct ftrace_ops *ops, unsigned long addr);
int modify_ftrace_direct_nolock(struct ftrace_ops *ops, unsigned long addr);

/* ---- direct mode ---- */

/*
 * Site ip of the registered IPMODIFY ops jumps straight to addr while ops
 * is its only user; with other users it calls the trampoline again (and
 * ops->func must then redirect to the same place). Returns 0, -EINVAL (not
 * that ops' site), -ERANGE (addr out of rel32 reach).
 */
int ftrace_site_set_direct(struct ftrace_ops *ops, unsigned long ip, unsigned long addr);
/* Back to handler mode. Returns 0 or -EINVAL. */
int ftrace_site_clear_direct(struct ftrace_ops *ops, unsigned long ip);

/* ---- update transactions ---- */

/*
 * Batches code updates, as Linux's ftrace_replace_code() updates every
 * record at once: ftrace_update_begin() takes ftrace_lock for the calling
 * task, and until the matching ftrace_update_commit() that task's
 * registrations, unregistrations, filter and direct-mode changes update
 * the records only (with every check and error as usual); the commit then
 * brings all changed sites to their new code in one text_poke_bp batch
 * (one set of int3 and sync rounds). Pairs nest; only the outermost commit
 * changes code. Meanwhile a site may still run its old code: a registered
 * ops is not called yet where its site is still a NOP, an unregistered one no more (it may be freed at
 * once, the dispatch no longer finds it), and a direct-mode change is not
 * seen yet: a site may jmp to its old direct target until the commit, so
 * that code must stay until then; the commit moves it to the last target
 * set. Other tasks wait on ftrace_lock until the commit. Task context.
 */
void ftrace_update_begin(void);
/*
 * Returns 0, or the text_poke_bp error (-EINVAL: a bug) of the outermost
 * commit, which then waits a grace period (ftrace_sync): no handler
 * entered through the old code is still running.
 */
int ftrace_update_commit(void);
/*
 * The same without that grace period, for a caller that frees nothing
 * such a handler could still use and needs none of them finished: the
 * batch only made sites call handlers (a handler entered before sees the
 * same ops), or moved sites from the handler to a direct jmp to the
 * function the handler picks too. Unregistrations and filter changes in
 * the batch still wait for their own handlers.
 */
int ftrace_update_commit_nosync(void);
/*
 * ftrace_update_commit_nosync(), and live(arg) once the transaction's new
 * code is what every CPU runs: from the last code batch, before its last
 * sync round (text_poke_bp_batch_live: the caller can have that round
 * serve it too), or after the update when no site changed. Not run when
 * the update fails. live runs under ftrace_lock (and text_mutex when code
 * changed); it must not call ftrace or text_poke. A nested commit hands
 * live to the outermost.
 */
int ftrace_update_commit_live(void (*live)(void *), void *arg);
/* Code updates (text_poke_bp batches) done since boot (tests, benchmarks). */
extern u64 ftrace_code_updates;

/* ---- ftrace_enabled (/proc/sys/kernel/ftrace_enabled) ---- */

extern int ftrace_enabled;
/* Sets it: 0 puts every site back to NOP. Returns 0, -EBUSY (a PERMANENT ops), -EINVAL. */
int ftrace_enabled_set(int val);

/* ---- sites ---- */

/* Checks and records the sites of [start, end). Boot (kernel) or module load. */
void ftrace_init(void);
/*
 * Adds the sites of a module (its __mcount_loc), owned by owner; bad sites
 * are skipped with a warning. Returns the number of valid sites or -ENOMEM.
 */
int ftrace_module_add(const void *owner, const unsigned long *start, const unsigned long *end);
/* Drops owner's sites (module unload); they must no longer be in any filter. */
void ftrace_module_remove(const void *owner);

/* Number of valid sites, and of sites that failed the boot/load check. */
unsigned int ftrace_site_count(void);
unsigned int ftrace_bad_site_count(void);

/* Current state of site ip: FTRACE_FL_* flags, or -ENOENT. Tests. */
int ftrace_site_state(unsigned long ip);

/*
 * available_filter_functions (one function name per valid site) and
 * enabled_functions (used sites: "name (refcnt) R I D ->target"), as the
 * tracing files show them. Task context.
 */
int ftrace_show_available(struct seq_file *m, void *v);
int ftrace_show_enabled(struct seq_file *m, void *v);

/* ---- the trampoline (kernel/x86_64/ftrace_64.asm) ---- */

void ftrace_regs_caller(void);
/*
 * Return address of the trampoline's call into the handlers. A stack walk
 * that meets it is inside a handler: the frames below are the traced
 * function's entry and its caller. The reliable unwinder refuses such
 * stacks as it refuses isr_return_to_entry.
 */
extern char ftrace_regs_caller_ret[];

static inline bool ftrace_is_trampoline_return(unsigned long addr)
{
	return addr == (unsigned long)ftrace_regs_caller_ret;
}

/* Calls every matching ops; the trampoline's C half. notrace. */
void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip,
			  struct ftrace_ops *op, struct ftrace_regs *fregs);

/* Handler calls skipped by the recursion protection (tests). */
extern u64 ftrace_recursion_missed;

#endif /* KELP_FTRACE_H */
