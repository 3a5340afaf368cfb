/*
 * The lock validator in the kernel: the glue between the kernel's locks
 * (spinlock.h, mutex.c, kernfs active references) and the pure core
 * (lockdep_core.c). One graph for the machine, under one raw lock taken
 * with IRQs off; each task keeps the locks it holds in task->lockdep, each
 * CPU the ones taken in hard-IRQ context. It is off unless the command
 * line has `lockdep=1` (the test harness adds it), so the product pays one
 * predictable branch per lock operation. A report goes to the log with a
 * backtrace, and the first one turns the validator off (Linux's
 * debug_locks_off()).
 */
#include <kelp/lockdep.h>
#include <kelp/sched.h>
#include <kelp/printk.h>
#include <kelp/panic.h>
#include <kelp/kallsyms.h>
#include <kelp/stacktrace.h>
#include <kelp/boot_info.h>
#include <kelp/string.h>
#include <kelp/export.h>
#include <kelp/sysctl.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <stdarg.h>

/* Set once at boot (lockdep_init), before any validated lock is held. */
int lockdep_on;
EXPORT_SYMBOL(lockdep_on);

/*
 * Guards lockdep_graph and lockdep_report. Raw (never validated itself)
 * and innermost: taken inside any lock, with IRQs off, and nothing is
 * taken under it. A report is only formatted under it (into
 * lockdep_report) and printed after it is dropped: printing under it
 * could wait for a console lock held by a CPU that is itself spinning
 * here on its way into a validated lock.
 */
static spinlock_t lockdep_graph_lock = SPINLOCK_INIT;
static struct lockdep_graph lockdep_graph;
/*
 * The report being made. Written under the lock; printed after it by the
 * reporting CPU alone: the report turned the graph off, so no other CPU
 * writes here again.
 */
static char lockdep_report[8192];
static size_t lockdep_report_len;
static char lockdep_ctx_buf[TASK_COMM_LEN + 16];
unsigned long lockdep_reports;	/* reports made: 0, or 1 (the first turns it off) */
EXPORT_SYMBOL_FOR_KTEST(lockdep_reports);

/* ---- the core's output: a buffer, printed line by line afterwards ---- */

static void lockdep_vput(const char *fmt, va_list ap)
{
	size_t room = sizeof(lockdep_report) - lockdep_report_len;

	if (room > 1)
		lockdep_report_len += vscnprintf(lockdep_report + lockdep_report_len, room, fmt, ap);
}

/*
 * Prints the report made (its first len bytes), one log record a line. No
 * lock held: the report turned the graph off, so nothing writes the buffer.
 */
static void lockdep_print_report(size_t len)
{
	const char *p = lockdep_report, *end = lockdep_report + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		int n = nl ? nl - p : end - p;

		printk(KERN_WARNING "%.*s\n", n, p);
		p += n + 1;
	}
}

static void lockdep_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lockdep_vput(fmt, ap);
	va_end(ap);
}

/* ip is a return address (a call site's next instruction): Linux's %pB. */
static void lockdep_print_ip(unsigned long ip)
{
	char sym[160];

	sprint_backtrace(sym, sizeof(sym), ip);
	lockdep_print("%s", sym);
}

/* "comm/pid" of the context that takes the lock, as Linux's reports name it. */
static const char *lockdep_ctx_name(void)
{
	struct task *t = current;

	if (!t)
		return "(boot)";
	scnprintf(lockdep_ctx_buf, sizeof(lockdep_ctx_buf), "%s/%d", t->comm, t->pid);
	return lockdep_ctx_buf;
}

/*
 * The call chain of a new dependency, from the caller of lock_acquire()
 * outwards: the validator's own frames (the core's, lock_acquire's) are
 * dropped, so the first frame is the function that took the lock (for a
 * mutex, __mutex_lock and mutex_lock come first, as in Linux's reports).
 */
static unsigned int lockdep_save_trace(unsigned long *entries, unsigned int max)
{
	unsigned long raw[LOCKDEP_TRACE_DEPTH + 8], size, off;
	unsigned int n, i, first = 0, out = 0;

	n = stack_walk_fp((unsigned long)__builtin_frame_address(0), raw, ARRAY_SIZE(raw));
	for (i = 0; i < n; i++) {
		const char *name = kallsyms_lookup(raw[i] - 1, &size, &off);

		if (name && (!strcmp(name, "lock_acquire") || !strcmp(name, "lock_release")))
			first = i + 1;
	}
	for (i = first; i < n && out < max; i++)
		entries[out++] = raw[i];
	return out;
}

static const struct lockdep_ops lockdep_kernel_ops = {
	.print = lockdep_print,
	.print_ip = lockdep_print_ip,
	.ctx_name = lockdep_ctx_name,
	.save_trace = lockdep_save_trace,
};

/* ---- the hooks ---- */

/* The held-lock stack of this CPU's current context: its IRQ's, or the task's. */
static struct lockdep_ctx *lockdep_ctx_of(struct cpu *c)
{
	if (c->hardirq_depth)
		return &c->lockdep_irq;
	return c->curr ? &c->curr->lockdep : NULL;
}

/*
 * Enters the validator on this CPU: IRQs off, not already inside it (a
 * report's printk takes locks too). Returns false when it must not run.
 */
static bool lockdep_enter(unsigned long *flags, struct cpu **cp)
{
	struct cpu *c;

	*flags = local_irq_save();
	c = this_cpu();
	if (c->lockdep_recursion || lockdep_graph.off) {
		local_irq_restore(*flags);
		return false;
	}
	c->lockdep_recursion = 1;
	raw_spin_lock(&lockdep_graph_lock);
	/*
	 * Checked again under the lock: a report made by the CPU that held it
	 * while this one spun turned the graph off, and its buffer is that
	 * CPU's to print (the regression lockdep_report_printed_twice).
	 */
	if (lockdep_graph.off) {
		raw_spin_unlock(&lockdep_graph_lock);
		c->lockdep_recursion = 0;
		local_irq_restore(*flags);
		return false;
	}
	*cp = c;
	return true;
}

static void lockdep_exit(struct cpu *c, unsigned long flags, enum lockdep_report r)
{
	/* Taken under the lock, so that only the CPU that wrote it prints it. */
	size_t len = lockdep_report_len;

	lockdep_report_len = 0;
	raw_spin_unlock(&lockdep_graph_lock);
	if (len)
		lockdep_print_report(len);
	if (r != LOCKDEP_OK) {
		lockdep_reports++;
		printk(KERN_WARNING "\nstack backtrace:\n");
		dump_stack();
	}
	c->lockdep_recursion = 0;
	local_irq_restore(flags);
}

/* See lockdep.h. */
void lock_acquire(struct lockdep_map *map, unsigned int subclass, bool trylock, unsigned long ip)
{
	enum lockdep_report r = LOCKDEP_OK;
	struct lockdep_ctx *ctx;
	unsigned long flags;
	struct cpu *c;

	if (!map->key || !lockdep_enter(&flags, &c))
		return;
	if (!ip)
		ip = _RET_IP_;	/* an inline spin_lock(): its caller */
	ctx = lockdep_ctx_of(c);
	if (ctx)
		r = lockdep_acquire(&lockdep_graph, ctx, map, subclass, trylock, c->hardirq_depth != 0,
				    (flags & X86_EFLAGS_IF) != 0, ip);
	lockdep_exit(c, flags, r);
}
EXPORT_SYMBOL(lock_acquire);

/* See lockdep.h. */
void lock_release(struct lockdep_map *map, unsigned long ip)
{
	enum lockdep_report r = LOCKDEP_OK;
	struct lockdep_ctx *ctx;
	unsigned long flags;
	struct cpu *c;

	if (!map->key || !lockdep_enter(&flags, &c))
		return;
	if (!ip)
		ip = _RET_IP_;
	ctx = lockdep_ctx_of(c);
	if (ctx)
		r = lockdep_release(&lockdep_graph, ctx, map, ip);
	lockdep_exit(c, flags, r);
}
EXPORT_SYMBOL(lock_release);

/* See lockdep.h. */
void lockdep_free_key_range(const void *start, unsigned long size)
{
	unsigned long flags;
	struct cpu *c;

	if (!lockdep_on || !lockdep_enter(&flags, &c))
		return;
	lockdep_forget_keys(&lockdep_graph, (unsigned long)start, size);
	lockdep_exit(c, flags, LOCKDEP_OK);
}

/* See lockdep.h. */
bool lockdep_static_obj(const void *obj)
{
	unsigned long a = (unsigned long)obj;

	return (a >= (unsigned long)__rodata_start && a < (unsigned long)_end) ||
	       is_module_address(a);
}
EXPORT_SYMBOL(lockdep_static_obj);

/* ---- sleeping in atomic context ---- */

/* See lockdep.h. Linux's ___might_sleep() report, once per boot. */
void __might_sleep(const char *file, int line)
{
	static int reported;
	struct task *t = current;

	if (!lockdep_on || (!preempt_count() && !irqs_disabled()) || !t)
		return;
	if (__atomic_exchange_n(&reported, 1, __ATOMIC_RELAXED))
		return;
	lockdep_reports++;
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       preempt_count() != 0, irqs_disabled(), t->pid, t->comm);
	printk(KERN_ERR "preempt_count: %x, expected: 0\n", preempt_count());
	dump_stack();
}
EXPORT_SYMBOL(__might_sleep);

/* ---- boot ---- */

/* See lockdep.h. Boot CPU, before anything holds a validated lock. */
void lockdep_init(void)
{
	char buf[4];

	lockdep_graph_init(&lockdep_graph, &lockdep_kernel_ops);
	if (!boot_cmdline_get(boot_info.cmdline, "lockdep", buf, sizeof(buf)) || strcmp(buf, "1"))
		return;
	lockdep_on = 1;
	pr_info("lockdep: the lock validator is on (%u classes, %u dependencies at most)\n",
		LOCKDEP_MAX_CLASSES, LOCKDEP_MAX_EDGES);
}

/* /proc/sys/kernel/lockdep (read-only): 1 while the validator runs, 0 off or after a report. */
static int lockdep_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%d", lockdep_on && !lockdep_graph.off);
}

static int lockdep_store(const char *val)
{
	(void)val;
	return -EPERM;	/* chosen at boot: a graph started late would miss held locks */
}

static const struct ctl_table lockdep_sysctls[] = {
	{ "kernel.prove_locking", lockdep_show, lockdep_store },
};
SYSCTL_TABLE(lockdep_sysctls);

/*
 * /proc/lockdep_stats: Linux's first lines of it (the table sizes in use),
 * and whether the validator still runs. Read under the graph lock.
 */
static int lockdep_stats_show(struct seq_file *m, void *v)
{
	u32 classes = 0, edges;
	unsigned long flags;
	bool running;

	flags = local_irq_save();
	raw_spin_lock(&lockdep_graph_lock);
	for (u32 i = 1; i < lockdep_graph.nr_classes; i++)
		classes += lockdep_graph.classes[i].key != NULL;
	edges = lockdep_graph.nr_edges;
	running = lockdep_on && !lockdep_graph.off;
	raw_spin_unlock(&lockdep_graph_lock);
	local_irq_restore(flags);
	seq_printf(m, " lock-classes:%36u [max: %u]\n", classes, LOCKDEP_MAX_CLASSES);
	seq_printf(m, " direct dependencies:%29u [max: %u]\n", edges, LOCKDEP_MAX_EDGES);
	seq_printf(m, " debug_locks:%37d\n", running);
	seq_printf(m, " reports:%41lu\n", lockdep_reports);
	return 0;
}
PROC_FILE("lockdep_stats", 0444, lockdep_stats_show, NULL);
