/*
 * Task structures: allocation with a guarded stack from kernel/mm/vmap.c,
 * pids, the global task list and reference counting. A task holds one
 * reference on itself while it lives; the scheduler drops it after the
 * task's final switch-out (so its stack is freed from another stack), and
 * whoever else holds a pointer across a sleep holds a reference.
 * tasklist_lock (irqsave) guards task_list and next_pid.
 */
#include <kelp/export.h>
#include <kelp/sched.h>
#include <kelp/livepatch.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/string.h>
#include <kelp/arch.h>
#include <kelp/smp.h>
#include "sched.h"

LIST_HEAD(task_list);
EXPORT_SYMBOL_FOR_KTEST(task_list);
DEFINE_SPINLOCK(tasklist_lock);
EXPORT_SYMBOL_FOR_KTEST(tasklist_lock);
static int next_pid = 1;
static unsigned int task_count;

/* Next unused pid (wraps at 32768, skipping live ones). tasklist_lock held. */
static int alloc_pid_locked(void)
{
	for (;;) {
		int pid = next_pid;
		struct task *t;
		bool used = false;

		next_pid = next_pid >= 32767 ? 1 : next_pid + 1;
		for_each_task(t)
			used |= t->pid == pid;
		if (!used)
			return pid;
	}
}

/* See sched.h (private). */
void task_list_add(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (t->pid < 0)
		t->pid = alloc_pid_locked();
	klp_copy_process(t);	/* under tasklist_lock, as Linux (see livepatch.h) */
	list_add_tail(&t->tasks, &task_list);
	task_count++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* See sched.h (private). */
void task_list_del(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del_init(&t->tasks);
	task_count--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* See sched.h. */
unsigned int nr_tasks(void)
{
	return READ_ONCE(task_count);
}
EXPORT_SYMBOL_FOR_KTEST(nr_tasks);

/* See sched.h (private). Task context. */
struct task *task_alloc(const char *comm)
{
	struct task *t = kzalloc(sizeof(*t), GFP_KERNEL);
	void *stack;

	if (!t)
		return NULL;
	stack = vmap_stack_alloc();
	if (!stack) {
		kfree(t);
		return NULL;
	}
	t->pid = -1;
	strlcpy(t->comm, comm, sizeof(t->comm));
	t->state = TASK_NEW;
	t->stack_lo = (unsigned long)stack;
	t->stack_hi = (unsigned long)stack + THREAD_STACK_SIZE;
	t->parent = current;
	/* It starts where its creator runs, and may go where its creator may (idle: anywhere). */
	t->cpu = smp_processor_id();
	t->cpus_allowed = is_idle_task(current) ? ~0ULL : current->cpus_allowed;
	t->patch_state = KLP_UNDEFINED;	/* task_list_add() copies current's */
	atomic_set(&t->usage, 1);
	INIT_LIST_HEAD(&t->rq_node);
	INIT_LIST_HEAD(&t->tasks);
	init_waitqueue_head(&t->exit_wait);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	init_waitqueue_head(&t->child_wait);
	arch_task_stack_init(t);
	return t;
}

/* See sched.h. */
void get_task_struct(struct task *t)
{
	atomic_inc(&t->usage);
}
EXPORT_SYMBOL(get_task_struct);

/* See sched.h. The stack is never freed by its own task (see file comment). */
void put_task_struct(struct task *t)
{
	if (!atomic_dec_and_test(&t->usage))
		return;
	if (WARN(is_idle_task(t) || t == current, "put_task_struct: freeing %s\n", t->comm))
		return;
	vmap_stack_free((void *)t->stack_lo);
	kfree(t);
}
EXPORT_SYMBOL(put_task_struct);

/* See sched.h. */
struct task *find_get_task_by_pid(int pid)
{
	struct task *t, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (t->pid == pid) {
			found = t;
			get_task_struct(t);
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}
EXPORT_SYMBOL_FOR_KTEST(find_get_task_by_pid);
