/*
 * kprobes and kretprobes (kernel/trace/kprobes.c), Linux's API in names
 * and meaning, on fentry sites only (Linux's KPROBES_ON_FTRACE): a probe
 * goes on a function's first byte, which is its 5-byte fentry site. Probes
 * are ftrace ops, one per probe (its filter the one site); a probe with a
 * post_handler has FTRACE_OPS_FL_IPMODIFY, as Linux's kprobe_ipmodify_ops
 * (the handler moves regs->ip to emulate the probed instruction), so such
 * a probe and a live patch of the same function exclude each other with
 * -EBUSY, and so do two such probes on one function (Linux aggregates
 * those; Kelp does not). A kretprobe's entry replaces the return address with
 * kretprobe_trampoline (kernel/x86_64/kprobes_64.asm), which calls the
 * handler when the function returns; stack walks see the real address.
 * Locking: kprobe_mutex serialises (un)registration (task context);
 * handlers run with preemption off, in any context, and must not sleep.
 */
#ifndef KELP_KPROBES_H
#define KELP_KPROBES_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/traps.h>
#include <kelp/ftrace.h>

typedef u8 kprobe_opcode_t;

struct kprobe;
struct kretprobe;
struct kretprobe_instance;

/* Returns 0 to go on with the function; non-zero when it changed regs->ip itself. */
typedef int (*kprobe_pre_handler_t)(struct kprobe *p, struct pt_regs *regs);
typedef void (*kprobe_post_handler_t)(struct kprobe *p, struct pt_regs *regs,
				      unsigned long flags);
typedef int (*kretprobe_handler_t)(struct kretprobe_instance *ri, struct pt_regs *regs);

#define KPROBE_FLAG_GONE 1	/* Linux's: the probed code went away */
#define KPROBE_FLAG_DISABLED 2	/* registered disabled; handlers not called */

struct kprobe {
	struct list_head list;		/* the core's: probes on the same address */
	unsigned long nmissed;		/* hits not handled (kretprobe: no free instance) */
	kprobe_opcode_t *addr;		/* set by the user, or filled from symbol_name */
	const char *symbol_name;
	unsigned int offset;		/* must be 0 here: only fentry sites */
	kprobe_pre_handler_t pre_handler;
	kprobe_post_handler_t post_handler;
	u32 flags;
	u64 nhit;			/* Kelp: hits that reached the handlers (kprobe_events' hits) */
	struct ftrace_ops ops;		/* the core's: this probe's ftrace ops */
};

struct kretprobe {
	struct kprobe kp;
	kretprobe_handler_t handler;		/* at return */
	kretprobe_handler_t entry_handler;	/* at entry; non-zero: skip this call's return */
	int maxactive;				/* instances at once (<= 0: Linux's default) */
	int nmissed;				/* calls missed for want of an instance */
	size_t data_size;			/* bytes of ri->data per instance */
	struct list_head free;			/* the core's: unused instances */
};

struct kretprobe_instance {
	struct list_head node;		/* in rp->free, or in the active list */
	struct kretprobe *rp;		/* NULL once rp was unregistered under it */
	unsigned long ret_addr;		/* the caller's return address */
	unsigned long *slot;		/* the stack slot that held it */
	void *task;			/* struct task * that made the call */
	char data[];
};

/* Registers p (addr, or symbol_name+offset). Returns 0, -EINVAL (not a function's
 * fentry site, offset != 0, both or neither of addr and symbol_name), -ENOENT
 * (unknown symbol), -EBUSY (an IPMODIFY conflict: a live patch on that function),
 * -EEXIST (p already registered), -ENOMEM. Task context. */
int register_kprobe(struct kprobe *p);
/* Stops it; on return no handler of p runs any more. Task context. */
void unregister_kprobe(struct kprobe *p);
int register_kprobes(struct kprobe **kps, int num);
void unregister_kprobes(struct kprobe **kps, int num);
/* As register_kprobe, and -ENOMEM for the instances. Task context. */
/*
 * Linux's disable_kprobe/enable_kprobe: the probe stays registered (and
 * keeps its fentry site, IPMODIFY included) but its handlers, and a
 * kretprobe's, are not called while disabled. 0, or -EINVAL if p is not
 * registered (enable: or its code went away). Process context; takes
 * kprobe_mutex.
 */
int disable_kprobe(struct kprobe *p);
int enable_kprobe(struct kprobe *p);
static inline int disable_kretprobe(struct kretprobe *rp)
{
	return disable_kprobe(&rp->kp);
}
static inline int enable_kretprobe(struct kretprobe *rp)
{
	return enable_kprobe(&rp->kp);
}

int register_kretprobe(struct kretprobe *rp);
/* Stops it; instances still on a stack are freed when their function returns. */
void unregister_kretprobe(struct kretprobe *rp);
int register_kretprobes(struct kretprobe **rps, int num);
void unregister_kretprobes(struct kretprobe **rps, int num);

static inline struct kretprobe *get_kretprobe(struct kretprobe_instance *ri)
{
	return ri->rp;
}

static inline unsigned long regs_return_value(struct pt_regs *regs)
{
	return regs->ax;
}

/* The return trampoline (kernel/x86_64/kprobes_64.asm). */
void kretprobe_trampoline(void);

/*
 * The caller's return address for a stack slot that holds
 * kretprobe_trampoline, or 0 if no instance owns that slot. Stack
 * walkers (kernel/x86_64/stacktrace.c). Any context.
 */
unsigned long kretprobe_find_ret_addr(unsigned long *slot);

static inline bool is_kretprobe_trampoline(unsigned long addr)
{
	return addr == (unsigned long)kretprobe_trampoline;
}

/* The trampoline's C half: runs rp->handler, returns the real return address. */
unsigned long kretprobe_trampoline_handler(struct pt_regs *regs, unsigned long *slot);

/*
 * Makes /sys/kernel/debug/kprobes: `list` (every probe, Linux's format)
 * and `enabled` (0 disarms every probe, 1 arms them again). Boot.
 */
void kprobes_init(void);

/*
 * The address of a kernel symbol, or of "MODULE:SYMBOL" in a loaded
 * module (Linux's kallsyms form), or 0. Task context (takes module_mutex).
 */
unsigned long kprobe_lookup_name(const char *name);

/* Number of live kprobes and kretprobes (tests). */
unsigned int kprobes_registered(void);

#endif /* KELP_KPROBES_H */
