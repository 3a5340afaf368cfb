/*
 * kprobes on ftrace (include/kelp/kprobes.h). Each probe is one ftrace ops
 * whose filter is the probed function's fentry site; its handler runs the
 * pre_handler with regs->ip one past the site (as after Linux's int3) and
 * the post_handler with regs->ip past the 5-byte NOP, then puts regs->ip
 * back, exactly as Linux's kprobe_ftrace_handler. A kretprobe is a kprobe
 * whose pre_handler takes an instance from the probe's pool, saves the
 * return address from the stack slot at regs->sp and writes
 * kretprobe_trampoline there; the trampoline (kernel/x86_64/kprobes_64.asm)
 * calls kretprobe_trampoline_handler, which finds the instance by that
 * slot (unique while the frame lives), runs the handler and returns the
 * real address. Active instances are in one list, newest first, under
 * kretprobe_lock; this keeps the scheduler's task struct untouched.
 */
#include <kelp/kprobes.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/kallsyms.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/mutex.h>
#include <kelp/panic.h>
#include <kelp/preempt.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/seq_file.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>

static DEFINE_MUTEX(kprobe_mutex);	/* registration; the list of probes */
static LIST_HEAD(kprobe_all);		/* registered probes, under kprobe_mutex */
static unsigned int kprobe_count;

static bool kprobes_all_disarmed;	/* /sys/kernel/debug/kprobes/enabled is 0 */

static DEFINE_SPINLOCK(kretprobe_lock);	/* instance pools and the active list */
static LIST_HEAD(kretprobe_active);	/* instances whose function has not returned */

/* Linux's default maxactive: max(10, 2 * CPUs). */
#define KRETPROBE_MAXACTIVE_DEFAULT 10
#define KRETPROBE_MAXACTIVE_MAX 4096

static notrace void kprobe_ftrace_handler(unsigned long ip, unsigned long parent_ip,
					  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct kprobe *p = container_of(op, struct kprobe, ops);
	struct pt_regs *regs = ftrace_get_regs(fregs);
	unsigned long orig_ip = regs->ip;

	if ((READ_ONCE(p->flags) & KPROBE_FLAG_DISABLED) || READ_ONCE(kprobes_all_disarmed))
		return;
	__atomic_fetch_add(&p->nhit, 1, __ATOMIC_RELAXED);
	regs->ip = ip + sizeof(kprobe_opcode_t);	/* as if an int3 at ip had trapped */
	if (!p->pre_handler || !p->pre_handler(p, regs)) {
		/* Emulates the 5-byte NOP: the post_handler sees the next instruction. */
		regs->ip = ip + MCOUNT_INSN_SIZE;
		if (p->post_handler)
			p->post_handler(p, regs, 0);
		regs->ip = orig_ip;
	}
	/* A pre_handler returning non-zero chose regs->ip itself (Linux's rule). */
}

/* See kprobes.h. */
unsigned long kprobe_lookup_name(const char *name)
{
	const char *colon = strchr(name, ':');
	char modname[MODULE_NAME_LEN];
	struct module *mod;
	unsigned long addr = 0;

	if (!colon)
		return kallsyms_lookup_name(name);
	if ((size_t)(colon - name) >= sizeof(modname))
		return 0;
	memcpy(modname, name, colon - name);
	modname[colon - name] = '\0';
	module_mutex_lock();
	mod = find_module(modname);
	if (mod)
		addr = module_kallsyms_lookup_name(mod, colon + 1, 0, NULL);
	module_mutex_unlock();
	return addr;
}

/* The probed address: addr, or symbol_name's; 0 with *err set when neither works. */
static unsigned long kprobe_resolve(struct kprobe *p, int *err)
{
	unsigned long addr;

	*err = -EINVAL;
	if ((p->addr && p->symbol_name) || (!p->addr && !p->symbol_name) || p->offset)
		return 0;
	addr = p->addr ? (unsigned long)p->addr : kprobe_lookup_name(p->symbol_name);
	if (!addr) {
		*err = -ENOENT;
		return 0;
	}
	if (ftrace_location(addr) != addr)
		return 0;	/* not a function's fentry site: Kelp probes only those */
	*err = 0;
	return addr;
}

static bool kprobe_is_registered(struct kprobe *p)
{
	struct kprobe *q;

	list_for_each_entry(q, &kprobe_all, list)
		if (q == p)
			return true;
	return false;
}

/*
 * Linux's two kprobe ftrace_ops: every probe without a post_handler is
 * handled as kprobe_ftrace_ops, every one with a post_handler as
 * kprobe_ipmodify_ops (IPMODIFY, one per site). Linux registers these two
 * and adds each probe's address to their filters; Kelp gives each probe a
 * copy with its own one-site filter (so a probe's handler finds its kprobe
 * by container_of), and these objects are the copies' source. They keep
 * Linux's names in /proc/kallsyms, where test-kprobe.sh looks for
 * kprobe_ftrace_ops to learn that kprobes sit on ftrace. Never registered
 * themselves.
 */
static struct ftrace_ops kprobe_ftrace_ops __used = {
	.func = kprobe_ftrace_handler,
	.flags = FTRACE_OPS_FL_SAVE_REGS,
};

static struct ftrace_ops kprobe_ipmodify_ops __used = {
	.func = kprobe_ftrace_handler,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
};

/* Registers p; kprobe_mutex held. */
static int __register_kprobe(struct kprobe *p)
{
	unsigned long addr;
	int err;

	if (kprobe_is_registered(p))
		return -EEXIST;
	addr = kprobe_resolve(p, &err);
	if (!addr)
		return err;
	p->addr = (kprobe_opcode_t *)addr;
	p->nmissed = 0;
	p->nhit = 0;
	p->flags &= KPROBE_FLAG_DISABLED;
	/* Each probe's own ops, made from Linux's two templates. */
	p->ops = p->post_handler ? kprobe_ipmodify_ops : kprobe_ftrace_ops;
	p->ops.flags |= FTRACE_OPS_FL_DYNAMIC;
	err = ftrace_set_filter_ip(&p->ops, addr, 0, 0);
	if (!err) {
		err = register_ftrace_function(&p->ops);
		if (err)
			ftrace_set_filter_ip(&p->ops, 0, 0, 1);
	}
	if (err) {
		if (p->symbol_name)
			p->addr = NULL;	/* as given: the caller may retry */
		return err;
	}
	list_add_tail(&p->list, &kprobe_all);
	kprobe_count++;
	return 0;
}

/* Unregisters p; kprobe_mutex held. On return no handler of p runs. */
static void __unregister_kprobe(struct kprobe *p)
{
	if (!kprobe_is_registered(p))
		return;
	unregister_ftrace_function(&p->ops);
	ftrace_set_filter_ip(&p->ops, 0, 0, 1);
	list_del(&p->list);
	kprobe_count--;
}

/* See kprobes.h. */
int register_kprobe(struct kprobe *p)
{
	int err;

	mutex_lock(&kprobe_mutex);
	err = __register_kprobe(p);
	mutex_unlock(&kprobe_mutex);
	return err;
}
EXPORT_SYMBOL(register_kprobe);

/* See kprobes.h. */
void unregister_kprobe(struct kprobe *p)
{
	mutex_lock(&kprobe_mutex);
	__unregister_kprobe(p);
	mutex_unlock(&kprobe_mutex);
}
EXPORT_SYMBOL(unregister_kprobe);

/* See kprobes.h. */
int disable_kprobe(struct kprobe *p)
{
	int err = -EINVAL;

	mutex_lock(&kprobe_mutex);
	if (kprobe_is_registered(p)) {
		WRITE_ONCE(p->flags, p->flags | KPROBE_FLAG_DISABLED);
		err = 0;
	}
	mutex_unlock(&kprobe_mutex);
	return err;
}
EXPORT_SYMBOL(disable_kprobe);

/* See kprobes.h. */
int enable_kprobe(struct kprobe *p)
{
	int err = -EINVAL;

	mutex_lock(&kprobe_mutex);
	if (kprobe_is_registered(p) && !(p->flags & KPROBE_FLAG_GONE)) {
		WRITE_ONCE(p->flags, p->flags & ~KPROBE_FLAG_DISABLED);
		err = 0;
	}
	mutex_unlock(&kprobe_mutex);
	return err;
}
EXPORT_SYMBOL(enable_kprobe);

/* See kprobes.h. All or none: a failure unregisters the ones before. */
int register_kprobes(struct kprobe **kps, int num)
{
	for (int i = 0; i < num; i++) {
		int err = register_kprobe(kps[i]);

		if (err) {
			unregister_kprobes(kps, i);
			return err;
		}
	}
	return 0;
}
EXPORT_SYMBOL(register_kprobes);

/* See kprobes.h. */
void unregister_kprobes(struct kprobe **kps, int num)
{
	for (int i = 0; i < num; i++)
		unregister_kprobe(kps[i]);
}
EXPORT_SYMBOL(unregister_kprobes);

/* ---- kretprobes ---- */

/* The kretprobe's entry: hijacks the return address (the stack slot at regs->sp). */
static notrace int pre_handler_kretprobe(struct kprobe *p, struct pt_regs *regs)
{
	struct kretprobe *rp = container_of(p, struct kretprobe, kp);
	unsigned long *slot = (unsigned long *)regs->sp;
	struct kretprobe_instance *ri;
	unsigned long flags;

	spin_lock_irqsave(&kretprobe_lock, flags);
	ri = list_first_entry_or_null(&rp->free, struct kretprobe_instance, node);
	if (ri)
		list_del(&ri->node);
	else
		rp->nmissed++;
	spin_unlock_irqrestore(&kretprobe_lock, flags);
	if (!ri)
		return 0;
	ri->ret_addr = *slot;
	ri->slot = slot;
	ri->task = current;
	if (rp->entry_handler && rp->entry_handler(ri, regs)) {
		/* Linux: a non-zero entry_handler means this call's return is not probed. */
		spin_lock_irqsave(&kretprobe_lock, flags);
		list_add(&ri->node, &rp->free);
		spin_unlock_irqrestore(&kretprobe_lock, flags);
		return 0;
	}
	spin_lock_irqsave(&kretprobe_lock, flags);
	list_add(&ri->node, &kretprobe_active);	/* newest first */
	spin_unlock_irqrestore(&kretprobe_lock, flags);
	WRITE_ONCE(*slot, (unsigned long)kretprobe_trampoline);
	return 0;
}

/* The active instance owning slot, or NULL. kretprobe_lock held. */
static notrace struct kretprobe_instance *kretprobe_find(unsigned long *slot)
{
	struct kretprobe_instance *ri;

	list_for_each_entry(ri, &kretprobe_active, node)
		if (ri->slot == slot)
			return ri;
	return NULL;
}

/* See kprobes.h. Called by the trampoline with slot = where the return address was. */
notrace unsigned long kretprobe_trampoline_handler(struct pt_regs *regs, unsigned long *slot)
{
	struct kretprobe_instance *ri;
	struct kretprobe *rp;
	unsigned long flags, ret;

	spin_lock_irqsave(&kretprobe_lock, flags);
	ri = kretprobe_find(slot);
	if (ri)
		list_del(&ri->node);
	spin_unlock_irqrestore(&kretprobe_lock, flags);
	if (!ri)
		panic("kretprobe: no instance for return slot %px", slot);
	ret = ri->ret_addr;
	regs->ip = ret;
	WRITE_ONCE(*slot, ret);	/* stack walks from the handler see the real caller */
	/* Preemption off from the read of rp: unregister_kretprobe waits for us. */
	preempt_disable();
	rp = READ_ONCE(ri->rp);
	if (rp && rp->handler && !(READ_ONCE(rp->kp.flags) & KPROBE_FLAG_DISABLED))
		rp->handler(ri, regs);
	preempt_enable();
	spin_lock_irqsave(&kretprobe_lock, flags);
	rp = ri->rp;
	if (rp)
		list_add(&ri->node, &rp->free);
	spin_unlock_irqrestore(&kretprobe_lock, flags);
	if (!rp)
		kfree(ri);	/* its kretprobe is gone: the instance was orphaned */
	return ret;
}

/* See kprobes.h. The stack walkers' view; may run in an oops: never waits for the lock. */
notrace unsigned long kretprobe_find_ret_addr(unsigned long *slot)
{
	struct kretprobe_instance *ri;
	unsigned long flags, ret = 0;

	flags = local_irq_save();
	if (spin_trylock(&kretprobe_lock)) {
		ri = kretprobe_find(slot);
		ret = ri ? ri->ret_addr : 0;
		spin_unlock(&kretprobe_lock);
	}
	local_irq_restore(flags);
	return ret;
}

/* Frees rp's unused instances; orphans those still on a stack. */
static void kretprobe_free_instances(struct kretprobe *rp)
{
	struct kretprobe_instance *ri, *n;
	unsigned long flags;
	LIST_HEAD(unused);

	spin_lock_irqsave(&kretprobe_lock, flags);
	list_for_each_entry_safe(ri, n, &rp->free, node)
		list_move(&ri->node, &unused);
	list_for_each_entry(ri, &kretprobe_active, node)
		if (ri->rp == rp)
			WRITE_ONCE(ri->rp, NULL);
	spin_unlock_irqrestore(&kretprobe_lock, flags);
	list_for_each_entry_safe(ri, n, &unused, node)
		kfree(ri);
}

/* See kprobes.h. */
int register_kretprobe(struct kretprobe *rp)
{
	int n = rp->maxactive > 0 ? rp->maxactive : KRETPROBE_MAXACTIVE_DEFAULT;
	int err;

	if (rp->kp.pre_handler || rp->kp.post_handler || n > KRETPROBE_MAXACTIVE_MAX ||
	    rp->data_size > 4096)
		return -EINVAL;
	INIT_LIST_HEAD(&rp->free);
	for (int i = 0; i < n; i++) {
		struct kretprobe_instance *ri = kzalloc(sizeof(*ri) + rp->data_size, GFP_KERNEL);

		if (!ri) {
			kretprobe_free_instances(rp);
			return -ENOMEM;
		}
		ri->rp = rp;
		list_add(&ri->node, &rp->free);
	}
	rp->nmissed = 0;
	rp->kp.pre_handler = pre_handler_kretprobe;
	err = register_kprobe(&rp->kp);
	if (err) {
		rp->kp.pre_handler = NULL;
		kretprobe_free_instances(rp);
	}
	return err;
}
EXPORT_SYMBOL(register_kretprobe);

/* See kprobes.h. */
void unregister_kretprobe(struct kretprobe *rp)
{
	bool registered;

	mutex_lock(&kprobe_mutex);
	registered = kprobe_is_registered(&rp->kp);
	if (registered)
		__unregister_kprobe(&rp->kp);
	mutex_unlock(&kprobe_mutex);
	/* Gone with its module's code: unregistered already, instances still here. */
	if (!registered && rp->kp.pre_handler != pre_handler_kretprobe)
		return;
	kretprobe_free_instances(rp);
	/* A return already past its instance lookup may still be calling rp->handler. */
	synchronize_sched();
	rp->kp.pre_handler = NULL;
}
EXPORT_SYMBOL(unregister_kretprobe);

/* See kprobes.h. */
int register_kretprobes(struct kretprobe **rps, int num)
{
	for (int i = 0; i < num; i++) {
		int err = register_kretprobe(rps[i]);

		if (err) {
			unregister_kretprobes(rps, i);
			return err;
		}
	}
	return 0;
}
EXPORT_SYMBOL(register_kretprobes);

/* See kprobes.h. */
void unregister_kretprobes(struct kretprobe **rps, int num)
{
	for (int i = 0; i < num; i++)
		unregister_kretprobe(rps[i]);
}
EXPORT_SYMBOL(unregister_kretprobes);

/* See kprobes.h. */
unsigned int kprobes_registered(void)
{
	return READ_ONCE(kprobe_count);
}
EXPORT_SYMBOL_FOR_KTEST(kprobes_registered);

/* ---- modules ---- */

/*
 * A module going away takes the probes on its code with it, as Linux's
 * kprobes_module_callback: they are unregistered (their sites are about to
 * go) and marked KPROBE_FLAG_GONE; the owner's later unregister does nothing.
 */
static int kprobes_module_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;
	struct kprobe *p, *n;

	if (action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&kprobe_mutex);
	list_for_each_entry_safe(p, n, &kprobe_all, list) {
		unsigned long addr = (unsigned long)p->addr;

		if (addr < (unsigned long)mod->base || addr >= (unsigned long)mod->base + mod->size)
			continue;
		__unregister_kprobe(p);
		p->flags |= KPROBE_FLAG_GONE;
	}
	mutex_unlock(&kprobe_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block kprobes_module_nb = {
	.notifier_call = kprobes_module_notify,
};

/* ---- /sys/kernel/debug/kprobes ---- */

/* `list`, Linux's format: "ADDR  k|r  SYMBOL+0xOFF  [MODULE] [DISABLED][FTRACE]". */
static int kprobes_list_show(struct seq_file *m, void *v)
{
	struct kprobe *p;

	mutex_lock(&kprobe_mutex);
	list_for_each_entry(p, &kprobe_all, list) {
		unsigned long addr = (unsigned long)p->addr, size, off;
		const char *mod = NULL, *sym = kallsyms_lookup(addr, &size, &off);

		if (!sym)
			sym = module_address_lookup(addr, &size, &off, &mod);
		seq_printf(m, "%016lx  %s  ", addr, p->pre_handler == pre_handler_kretprobe ? "r" : "k");
		if (sym)
			seq_printf(m, "%s+0x%lx  %s ", sym, off, mod ? mod : " ");
		else
			seq_printf(m, "%pS ", (void *)addr);
		seq_printf(m, "%s[FTRACE]\n", (p->flags & KPROBE_FLAG_DISABLED) ? "[DISABLED]" : "");
	}
	mutex_unlock(&kprobe_mutex);
	return 0;
}

static int kprobes_enabled_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", !READ_ONCE(kprobes_all_disarmed));
	return 0;
}

/* `enabled`: 1/y/Y arms every probe, 0/n/N disarms them, as Linux. */
static int kprobes_enabled_write(const char *buf, size_t len)
{
	bool on;

	if (kstrtobool(buf, &on))
		return -EINVAL;
	mutex_lock(&kprobe_mutex);
	if (on == READ_ONCE(kprobes_all_disarmed)) {
		WRITE_ONCE(kprobes_all_disarmed, !on);
		pr_info("Kprobes globally %s\n", on ? "enabled" : "disabled");
	}
	mutex_unlock(&kprobe_mutex);
	return 0;
}

static const struct debugfs_file kprobes_files[] = {
	{ "enabled", 0600, kprobes_enabled_show, kprobes_enabled_write },
	{ "list", 0444, kprobes_list_show, NULL },
};

/* See kprobes.h. */
void kprobes_init(void)
{
	register_module_notifier(&kprobes_module_nb);
	if (debugfs_create_files("kprobes", kprobes_files, ARRAY_SIZE(kprobes_files)))
		pr_err("kprobes: cannot create /sys/kernel/debug/kprobes\n");
}

/* The trampoline is assembly, which cannot carry an export: tests compare against it. */
EXPORT_SYMBOL_FOR_KTEST(kretprobe_trampoline);
