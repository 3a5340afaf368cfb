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
 * (nothing matched), -EBUSY, -ENOMEM. len is ignored (NUL-terminated buf).
 */
int ftrace_set_filter(struct ftrace_ops *ops, const char *buf, int len, int reset);

/* Returns ip when it is a valid site (a traceable function's address), else 0. */
unsigned long ftrace_location(unsigned long ip);

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
