/*
 * Tasks and the scheduler (kernel/sched/). Every thread of control is a
 * struct task with its own 16 KiB kernel stack (guard page below); the boot
 * context becomes the idle task, pid 0 "swapper/0", and every other CPU
 * has its own "swapper/N". Scheduling is preemptive round-robin driven by
 * each CPU's tick, on per-CPU run queues; per-CPU state (current, idle,
 * runqueue, preempt count) is reached through the GS base. Each task carries the livepatch consistency-model state: a
 * patch_state and TIF_PATCH_PENDING, switched by the livepatch layer from
 * the hooks declared below. See docs/scheduler.md for states and locks.
 */
#ifndef KELP_SCHED_H
#define KELP_SCHED_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/atomic.h>
#include <kelp/spinlock.h>
#include <kelp/preempt.h>
#include <kelp/wait.h>

/* Task states (a bit each, as Linux; 0 = running or runnable). */
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_NEW 0x0004		/* created, not woken yet */
#define TASK_DEAD 0x0008	/* exited, waiting to be reaped */
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* Bits of task->flags (thread-info flags; atomic bit operations). */
#define TIF_NEED_RESCHED 0	/* switch at the next preemption point */
#define TIF_SIGPENDING 1	/* a wake "signal": interruptible waits return */
#define TIF_PATCH_PENDING 2	/* livepatch: patch_state must still switch */
#define TIF_NOTIFY_SIGNAL 3	/* livepatch's fake signal: TIF_SIGPENDING is not a real one */
#define TIF_USER 16		/* a user process (ps shows FLAGS 0001xxxx); never cleared */

/* Patch states, Linux's values (include/linux/livepatch.h). */
#ifndef KLP_UNDEFINED
#define KLP_UNDEFINED -1
#define KLP_UNPATCHED 0
#define KLP_PATCHED 1
#endif

#define TASK_COMM_LEN 16
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffffffffffL
#define SCHED_SLICE_TICKS 10	/* round-robin time slice, in ticks */

struct fs_context;

/*
 * What restart_syscall (Linux's, number 219) finishes after a system call
 * returned -ERESTART_RESTARTBLOCK: nanosleep's deadline, so that a sleep
 * woken and restarted still ends when it would have.
 */
struct restart_block {
	long (*fn)(struct restart_block *rb);	/* NULL: nothing to restart (-EINTR) */
	u64 expires;				/* nanosleep: the ktime_get_ns() deadline */
};

struct task {
	/* scheduler-owned: saved rsp at offset 0 (switch.asm), rest under rq->lock */
	unsigned long sp;
	volatile long state;		/* TASK_*; set by the task itself or by a waker */
	volatile unsigned long flags;	/* TIF_* bits, atomic */
	int on_rq;			/* queued on a runqueue */
	int on_cpu;			/* running (or switching) on a CPU */
	int cpu;			/* runqueue it is on, runs on or last ran on: changed
					 * only with that rq's lock and the new one's held */
	u64 cpus_allowed;		/* CPUs it may run on (bit n: CPU n); rq lock */
	bool migrate;			/* switched out on a CPU it may no longer use; rq lock */
	struct list_head rq_node;
	int slice;			/* ticks left in the time slice */
	u64 nvcsw, nivcsw;		/* voluntary / involuntary switch-outs */

	/* identity, fixed at creation */
	int pid;
	char comm[TASK_COMM_LEN];
	struct task *parent;		/* the creator (may be gone: do not dereference) */
	unsigned long stack_lo, stack_hi;	/* [lo, hi); hi - 16 holds the final frame */

	/* owned by the livepatch layer (klp_mutex / transition rules) */
	int patch_state;		/* KLP_UNDEFINED, KLP_UNPATCHED or KLP_PATCHED */

	/* lifetime */
	atomic_t usage;			/* references: get_task_struct/put_task_struct */
	struct list_head tasks;		/* on task_list, under tasklist_lock */
	int exit_code;
	bool exited;			/* set by do_exit, then exit_wait is woken */
	struct wait_queue_head exit_wait;

	/* filesystem context (kernel/fs/fs_task.c): NULL = init_fs; the task's own */
	struct fs_context *fs;

	/* user processes (kernel/process/process.c); mm is NULL for kernel threads */
	struct mm *mm;			/* owned by the task; freed at exit */
	struct task *real_parent;	/* parent process, NULL if none; tasklist_lock */
	struct list_head children;	/* child processes, alive or zombies; tasklist_lock */
	struct list_head sibling;	/* on real_parent->children; tasklist_lock */
	struct wait_queue_head child_wait;	/* wait4() sleeps here; exiting children wake it */
	volatile int pending_kill;	/* signal of a pending kill (exit at the user boundary), 0 if none */
	int exit_status;		/* wait status: (code & 0xff) << 8, or the killing signal */
	bool exit_state_set;		/* exit_status set by process_exit_status() */
	int exit_state;			/* 1: a zombie for wait4; tasklist_lock */
	struct restart_block restart_block;	/* owned by the task: see restart_syscall */

	/* kthreads */
	int (*threadfn)(void *data);
	void *data;
	volatile bool should_stop;	/* set by kthread_stop */

	/* the lock validator: the locks this task holds (kernel/locking/lockdep.c) */
	struct lockdep_ctx lockdep;

	/*
	 * ftrace handler levels this task is in (kernel/trace/ftrace.c): per
	 * task, as Linux's trace_recursion, so that the bits move with a task
	 * a handler lets sleep or migrate.
	 */
	unsigned long ftrace_recursion;

	/* the hung task detector's marks (kernel/hung_task.c; khungtaskd only) */
	u64 hung_switches;		/* switch count + 1 when last seen asleep in D; 0: not */
	bool hung_reported;		/* reported for this sleep */

	/* set_user_nice() (kernel/sched_linux.c): recorded for task_nice(); round-robin ignores it */
	int nice;
};

/*
 * A CPU's run queue. lock: raw, taken with IRQs off. It guards the lists,
 * nr_running, and the scheduler fields (on_rq, on_cpu, cpu, state changes
 * by wakers) of the tasks on this CPU. Order: inside tasklist_lock, wait
 * queue locks and mutex wait_locks; two rq locks nest by ascending CPU id
 * (double_rq_lock); only timer_lock and call_lock nest inside.
 */
struct rq {
	spinlock_t lock;
	struct list_head woken;		/* tasks just woken: run before the round-robin list */
	struct list_head queue;		/* round-robin order */
	unsigned int nr_running;	/* queued tasks (not counting current) */
};

/* Per-CPU data; this_cpu() reads the GS base. The first offsets are fixed (preempt.h). */
struct cpu {
	struct cpu *self;		/* offset 0 */
	int preempt_count;		/* offset 8 */
	int id;
	struct task *curr;		/* offset 16 */
	unsigned long kernel_sp;	/* offset 24: current's stack top (TSS rsp0), entry_64.asm */
	unsigned long user_sp;		/* offset 32: the user rsp during the system call entry */
	struct task *idle;
	struct rq rq;
	u64 nr_switches;
	u32 apic_id;			/* local APIC id, for IPIs */
	unsigned int trap_depth;	/* nesting of traps and IRQs on this CPU (ftrace's recursion levels) */
	u64 nr_qs;			/* quiescent states passed (grace periods); this CPU writes it */
	int qs_wanted;			/* a grace-period waiter wants a wake-up at the next one (grace.c) */
	u64 idle_ns;			/* time halted in the idle loop; this CPU writes it */
	u64 nr_ticks;			/* scheduler ticks taken on this CPU */
	unsigned int hardirq_depth;	/* nesting of hard IRQs (not exceptions) on this CPU */
	int lockdep_recursion;		/* inside the lock validator (kernel/locking/lockdep.c) */
	struct lockdep_ctx lockdep_irq;	/* locks held by this CPU's IRQ handler */
	spinlock_t call_lock;		/* guards call_queue; innermost (IRQs off) */
	struct list_head call_queue;	/* cross-CPU function calls to run here (kernel/smp.c) */
};

/*
 * The running CPU's struct cpu. Volatile: a task that may have migrated
 * (any call that can schedule) must read it again, so the compiler may not
 * reuse an earlier read (a migration storm test caught exactly that).
 */
static __always_inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(c));
	return c;
}

static __always_inline struct task *get_current(void)
{
	struct task *t;

	__asm__ __volatile__("movq %%gs:16, %0" : "=r"(t));
	return t;
}
#define current get_current()

/*
 * The global task list. tasklist_lock (irqsave) protects task_list and the
 * tasks.* links; it nests outside rq->lock and inside every sleeping lock.
 * Hold it only to walk briefly (take references to use tasks afterwards).
 */
extern struct list_head task_list;
extern spinlock_t tasklist_lock;
#define for_each_task(t) list_for_each_entry(t, &task_list, tasks)

/* Installs the per-CPU pointer and makes the boot context the idle task. First thing in kmain. */
void sched_early_init(void);
/*
 * Sets up CPU c's run queue, per-CPU lists and idle task (allocated, its
 * stack in stack_lo/hi; listed by the caller once the CPU is up). Boot
 * CPU, before the CPU is started.
 */
void sched_init_cpu(struct cpu *c, struct task *idle);
/* Sets up the scheduler proper (runqueue, pid allocation). Boot, IRQs off. */
void sched_init(void);
/* Turns the boot context into the idle loop. Never returns. */
__noreturn void cpu_idle_loop(void);

/* Gives up the CPU; returns when the task is picked again. Task context, not atomic. */
void schedule(void);
/* Moves the caller to the back of the round-robin queue. Task context. */
void yield(void);
/* schedule() if a switch is due; for long loops. Returns true if it switched. */
bool cond_resched(void);
/* Sleeps in the state set by the caller for up to tmo jiffies; returns the jiffies left. */
long schedule_timeout(long tmo);
long schedule_timeout_interruptible(long tmo);
long schedule_timeout_uninterruptible(long tmo);
/* Sleeps at least ms milliseconds (uninterruptible). Task context. */
void msleep(unsigned int ms);
/* Same, interruptible by wake signals; returns the ms left (0 when it slept them all). */
unsigned long msleep_interruptible(unsigned int ms);
/* Converts milliseconds to jiffies, rounding up. */
unsigned long msecs_to_jiffies(unsigned int ms);

#define __set_current_state(s) WRITE_ONCE(current->state, (s))
/*
 * The state is stored before the caller tests its wake-up condition; the
 * full barrier pairs with the waker's (try_to_wake_up() reads the state
 * under the rq lock after it wrote the condition), so that one of the two
 * sees the other's store and no wake-up is lost.
 */
#define set_current_state(s) do { WRITE_ONCE(current->state, (s)); smp_mb(); } while (0)

/* Wakes t if its state is in mask; returns true if it was woken. Any context. */
bool wake_up_state(struct task *t, unsigned int mask);
/* Wakes t from any sleep (and starts a TASK_NEW task). Any context. */
bool wake_up_process(struct task *t);
/* Sets TIF_SIGPENDING on t and wakes it from an interruptible sleep. Any context. */
void signal_wake_up(struct task *t);
/* Clears t's TIF_SIGPENDING (a kthread that handled its wake signal). */
void flush_signals(struct task *t);

static __always_inline bool test_tsk_thread_flag(struct task *t, int bit)
{
	return test_bit(bit, &t->flags);
}
static __always_inline void set_tsk_thread_flag(struct task *t, int bit)
{
	set_bit(bit, &t->flags);
}
static __always_inline void clear_tsk_thread_flag(struct task *t, int bit)
{
	clear_bit(bit, &t->flags);
}
static __always_inline bool signal_pending(struct task *t)
{
	return test_tsk_thread_flag(t, TIF_SIGPENDING);
}
static __always_inline bool need_resched(void)
{
	return test_tsk_thread_flag(current, TIF_NEED_RESCHED);
}
static __always_inline bool is_idle_task(const struct task *t)
{
	return t->pid == 0;
}

/* Called by each CPU's tick: time slices, and idle wake-up. IRQ context. */
void sched_tick(void);
/*
 * Affinity. set_cpus_allowed: t may run only on the CPUs of mask (bit n:
 * CPU n); a queued t moves at once, a running one at its next switch.
 * Returns 0, or -EINVAL if no CPU of mask is online. kthread_bind: a new
 * (TASK_NEW) kthread runs only on cpu. Task context.
 */
int set_cpus_allowed(struct task *t, u64 mask);
void kthread_bind(struct task *t, unsigned int cpu);
/* The CPU t is on, runs on or last ran on (ps, /proc/<pid>/stat). Racy hint. */
static __always_inline int task_cpu(const struct task *t)
{
	return READ_ONCE(t->cpu);
}
/*
 * Calls fn(t, arg) with t's run queue locked (IRQs off) if t is not
 * running: t can neither start running nor move while fn reads its stack.
 * Returns fn's result, or -EBUSY if t is running on a CPU (never for
 * current, which is called directly). fn must not sleep or take rq locks.
 * Any context; nests inside tasklist_lock.
 */
int sched_task_call(struct task *t, int (*fn)(struct task *t, void *arg), void *arg);
/* Switches counted on every CPU (the sum of their nr_switches). */
u64 sched_nr_switches(void);
/* Called on the way out of an IRQ handler: preempts if allowed and due. IRQs off. */
void sched_irq_exit_preempt(unsigned long interrupted_flags);

/* References: a task struct and its stack stay until the last put. Any context. */
void get_task_struct(struct task *t);
void put_task_struct(struct task *t);
/* Task with this pid, with a reference taken, or NULL. Any context. */
struct task *find_get_task_by_pid(int pid);
/*
 * Ends the current task with code (kthread_stop returns it); the process
 * part is kernel/process/process.c's. Never returns.
 */
__noreturn void do_exit(int code);
/*
 * The scheduler's part of an exit: the task becomes TASK_DEAD and switches
 * away for the last time (kernel/sched/core.c). Called by do_exit once the
 * task is off the task list. Never returns.
 */
__noreturn void do_task_dead(void);
/*
 * Task creation and the task list (kernel/sched/task.c). task_alloc: a
 * task with a stack set up for its first switch, TASK_NEW, not listed, or
 * NULL. task_list_add/del take tasklist_lock. Task context.
 */
struct task *task_alloc(const char *comm);
void task_list_add(struct task *t);
void task_list_del(struct task *t);
/* Number of tasks on the task list (idle included). */
unsigned int nr_tasks(void);
/* One letter for ps: R (running or runnable), S, D, N (new), X (dead). */
char task_state_char(const struct task *t);

/*
 * Grace period: returns once every task that was runnable (other than the
 * caller) when it was called has since passed through the scheduler at
 * least once (switched out, or found nothing else to run), or has exited. Tasks blocked at the call, and the idle task, need nothing:
 * they are at a scheduling point already. Since preemption happens only at
 * preempt_count 0 with IRQs on, no task is then inside a spinlock,
 * preempt-disabled or IRQs-off section it was in at the call (RCU-sched
 * readers, e.g. the ftrace handler). Task context, sleeps.
 */
void synchronize_sched(void);
/*
 * The lighter grace period: returns once every other online CPU has passed
 * a quiescent state (__schedule() or its idle loop), so none is still
 * inside a preemption- or IRQ-disabled section it was in at the call (the
 * ftrace and livepatch handlers run so). Idle and busy CPUs are nudged
 * with a reschedule IPI. Task context, sleeps.
 */
void synchronize_rcu(void);
/*
 * Nudges the CPUs of mask (the caller's excluded) through their scheduler
 * or idle loop, where a pending task passes its livepatch switch point,
 * and waits up to max_ms for each to have done so twice. Task context.
 */
void sched_nudge_cpus(u64 mask, unsigned int max_ms);
/*
 * The same nudge without the wait: for a caller that learns of the
 * passes another way (livepatch: the last task to switch wakes the
 * transition work) and should not hold its locks across a round trip to
 * other CPUs. Any context with IRQs on or off.
 */
void sched_nudge_cpus_async(u64 mask);
/*
 * The nudge without its IPI: marks the task running on each CPU of mask
 * (the caller's excluded) to pass its scheduler at its CPU's next
 * interrupt exit or idle-loop pass. For a caller that sends every CPU an
 * IPI next anyway (livepatch: the last sync round of the batch that made
 * its sites live, see ftrace_update_commit_live). Any context.
 */
void sched_mark_cpus_resched(u64 mask);


#endif /* KELP_SCHED_H */
