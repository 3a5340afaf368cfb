/*
 * Process lifetime: spawn, exit (do_exit, for every task), wait4, kill.
 * Program loading is exec.c's. A process is a task with an
 * address space; it starts in process_enter_user() (its thread function),
 * which enters ring 3 through ret_to_user. The parent holds a reference on
 * each child until it reaps it with wait4; orphans go to init (pid 1),
 * which reaps them. tasklist_lock guards real_parent, children and
 * sibling; a child's exit_state is set under it and its parent's
 * child_wait woken after.
 */
#include <kelp/export.h>
#include <kelp/process.h>
#include <kelp/syscall.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/panic.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/x86.h>
#include <kelp/preempt.h>
#include <kelp/wait.h>
#include <kelp/fpu.h>
#include <kelp/signal.h>

static struct task *init_process;	/* pid 1, adopts orphans; tasklist_lock */
static unsigned int process_count;	/* tasklist_lock */

struct user_start {
	unsigned long entry, sp;
};

/* Thread function of a new process: the first entry into ring 3. */
static int process_enter_user(void *data)
{
	struct task *t = current;
	struct pt_regs regs = {
		.ip = (unsigned long)t->data,
		.cs = GDT_USER_CS,
		.flags = X86_EFLAGS_IF | 0x2,
		.sp = t->mm->start_stack,
		.ss = GDT_USER_DS,
	};

	local_irq_disable();
	fpu_enter_user(t->mm);		/* clean registers, before a signal frame could save them */
	exit_to_user_mode(&regs);	/* returns with IRQs off */
	paging_switch_mm(t->mm);	/* already loaded, unless the task exec'd itself */
	ret_to_user(&regs);
}

/* Links child under parent (or makes it parentless); counts it. */
static void process_link(struct task *child, struct task *parent)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	child->real_parent = parent;
	if (parent)
		list_add_tail(&child->sibling, &parent->children);
	process_count++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* See process.h. */
int process_spawn(const char *path, const struct exec_args *args, struct task **child)
{
	struct task *parent = current->mm ? current : NULL;
	unsigned long entry;
	struct mm *mm = exec_load(path, args, &entry);
	struct task *t;
	int pid;

	if (IS_ERR(mm))
		return PTR_ERR(mm);
	t = task_alloc(mm->exe);	/* patch state and TIF_PATCH_PENDING inherited */
	if (t)
		t->fs = fs_context_clone(current_fs());
	if (!t || !t->fs) {
		if (t)
			put_task_struct(t);
		mm_free(mm);
		return -ENOMEM;
	}
	t->mm = mm;
	if (parent)
		signal_inherit(mm, parent->mm);	/* as across fork and exec: mask and SIG_IGN */
	set_tsk_thread_flag(t, TIF_USER);
	t->threadfn = process_enter_user;
	t->data = (void *)entry;
	if (parent)
		get_task_struct(t);	/* the parent's, dropped by wait4 */
	process_link(t, parent);
	task_list_add(t);
	pid = t->pid;
	get_task_struct(t);	/* the caller's, dropped by process_start() */
	*child = t;
	return pid;
}
EXPORT_SYMBOL_FOR_KTEST(process_spawn);

/* See process.h. */
void process_start(struct task *child)
{
	wake_up_process(child);
	put_task_struct(child);
}
EXPORT_SYMBOL_FOR_KTEST(process_start);

/* See process.h. */
int process_exec_init(const char *path, const struct exec_args *args)
{
	struct task *t = current;
	unsigned long entry, flags;
	struct mm *mm;

	if (t->mm || t->pid != 1)
		return -EINVAL;
	mm = exec_load(path, args, &entry);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	t->mm = mm;
	set_tsk_thread_flag(t, TIF_USER);
	t->data = (void *)entry;
	spin_lock_irqsave(&tasklist_lock, flags);
	strlcpy(t->comm, mm->exe, sizeof(t->comm));
	init_process = t;
	process_count++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return process_enter_user(NULL);
}

/* Hands the children of an exiting process to init; reaps those already dead. */
static void reparent_children(struct task *t, struct list_head *reap)
{
	struct task *c, *n;
	struct task *init = init_process != t ? init_process : NULL;

	list_for_each_entry_safe(c, n, &t->children, sibling) {
		list_del_init(&c->sibling);
		if (c->exit_state || !init) {
			c->real_parent = NULL;
			if (c->exit_state)
				list_add(&c->sibling, reap);
			else
				put_task_struct(c);	/* it reaps itself: nobody waits */
		} else {
			c->real_parent = init;
			list_add_tail(&c->sibling, &init->children);
		}
	}
	if (init && !list_empty(&init->children))
		wake_up(&init->child_wait);
}

/* The process part of do_exit: address space, children; a no-op for kernel threads. */
static void process_exit(struct task *t)
{
	struct mm *mm = t->mm;
	unsigned long flags;
	struct task *c, *n;
	LIST_HEAD(reap);

	if (!mm)
		return;
	if (t == READ_ONCE(init_process))
		panic("Attempted to kill init! exitcode=0x%08x", t->exit_state_set ? t->exit_status :
		      (t->exit_code & 0xff) << 8);
	/* under tasklist_lock: a sender (__signal_send) reads t->mm under it */
	spin_lock_irqsave(&tasklist_lock, flags);
	t->mm = NULL;
	paging_switch_mm(NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	mm_free(mm);
	if (!t->exit_state_set)
		t->exit_status = (t->exit_code & 0xff) << 8;
	spin_lock_irqsave(&tasklist_lock, flags);
	reparent_children(t, &reap);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	list_for_each_entry_safe(c, n, &reap, sibling)
		put_task_struct(c);
}

/* The last process part of do_exit, once off the task list: the parent may reap it. */
static void process_exit_notify(struct task *t)
{
	unsigned long flags;

	if (!test_tsk_thread_flag(t, TIF_USER))
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	process_count--;
	t->exit_state = 1;
	if (t->real_parent) {
		wake_up(&t->real_parent->child_wait);
		__signal_send(t->real_parent, SIGCHLD, t->pid, SI_USER);	/* ignored unless handled */
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * See sched.h. Every task ends here, kernel threads included: the process
 * part (address space, children, the zombie wait4 reaps), the descriptors,
 * the task list, then the scheduler's last switch (do_task_dead).
 */
__noreturn void do_exit(int code)
{
	struct task *t = current;

	if (WARN(is_idle_task(t), "do_exit: the idle task cannot exit\n"))
		for (;;)
			halt();
	if (preempt_count())
		printk(KERN_ERR "note: %s[%d] exited with preempt_count %d\n", t->comm, t->pid,
		       preempt_count());
	t->exit_code = code;
	process_exit(t);	/* user processes: address space, children */
	exit_fs();		/* closes the task's own descriptors, if it has any */
	task_list_del(t);
	/*
	 * No preemption from here: the waker's switch below is this task's
	 * last, so the task is reaped before kthread_stop() returns.
	 */
	preempt_disable();
	process_exit_notify(t);	/* a zombie for wait4: the parent runs after our last switch */
	WRITE_ONCE(t->exited, true);
	wake_up_all(&t->exit_wait);
	do_task_dead();
}

/* See process.h. */
__noreturn void process_exit_status(int status)
{
	current->exit_status = status;
	current->exit_state_set = true;
	do_exit(status >> 8);
}

/* A child of t matching pid (-1: any); *found says whether any matches at all. */
static struct task *find_zombie(struct task *t, int pid, bool *found)
{
	struct task *c;

	*found = false;
	list_for_each_entry(c, &t->children, sibling) {
		if (pid != -1 && c->pid != pid)
			continue;
		*found = true;
		if (c->exit_state)
			return c;
	}
	return NULL;
}

/* See process.h. */
int process_wait(int pid, int *status, int options)
{
	struct task *t = current, *z;
	unsigned long flags;
	bool found;
	int ret;

	if (pid == 0 || pid < -1)
		return -EINVAL;	/* process groups: not supported */
	for (;;) {
		spin_lock_irqsave(&tasklist_lock, flags);
		z = find_zombie(t, pid, &found);
		if (z)
			list_del_init(&z->sibling);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (z) {
			*status = z->exit_status;
			ret = z->pid;
			put_task_struct(z);
			return ret;
		}
		if (!found)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		ret = wait_event_interruptible(t->child_wait, ({
			bool any;
			spin_lock_irqsave(&tasklist_lock, flags);
			any = find_zombie(t, pid, &found) || !found;
			spin_unlock_irqrestore(&tasklist_lock, flags);
			any; }));
		if (ret)
			return -ERESTARTSYS;	/* killed, or restarted: syscall_64.c */
	}
}
EXPORT_SYMBOL_FOR_KTEST(process_wait);

/* See process.h. */
int process_kill_code(int pid, int sig, int code)
{
	unsigned long flags;
	struct task *t;
	int err = 0, sender = 0;

	if (sig < 0 || sig > KELP_NSIG)
		return -EINVAL;
	if (code != SI_KERNEL && current->mm)
		sender = current->pid;	/* SI_KERNEL: the console's Ctrl-C, from its interrupt */
	t = find_get_task_by_pid(pid);
	if (!t)
		return -ESRCH;
	if (!t->mm || t->pid == 1)
		err = -EPERM;
	else if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
		err = -EINVAL;	/* no job control */
	else if (sig == SIGKILL && !t->exit_state) {
		WRITE_ONCE(t->pending_kill, sig);
		signal_wake_up(t);
	} else if (sig && sig != SIGKILL) {
		spin_lock_irqsave(&tasklist_lock, flags);
		__signal_send(t, sig, sender, code);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	put_task_struct(t);
	return err;
}
EXPORT_SYMBOL_FOR_KTEST(process_kill_code);

/* See process.h. */
int process_kill(int pid, int sig)
{
	return process_kill_code(pid, sig, SI_USER);
}
EXPORT_SYMBOL_FOR_KTEST(process_kill);

/* See process.h. */
unsigned int nr_processes(void)
{
	return READ_ONCE(process_count);
}
