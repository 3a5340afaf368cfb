/*
 * Shell commands of the task layer: `ps` (PID, STATE, PATCH, FLAGS, NAME of
 * every task) and `stack PID|NAME` (the task's reliable stack trace in
 * /proc/PID/stack's format, or why it is unreliable plus the raw walk).
 * Both copy what they need under tasklist_lock and print afterwards, so the
 * slow console never runs with the lock held.
 */
#include <kelp/sched.h>
#include <kelp/shell.h>
#include <kelp/stacktrace.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/mm.h>
#include <kelp/kstrto.h>
#include <kelp/string.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/traps.h>
#include <kelp/kallsyms.h>

struct ps_row {
	int pid;
	char state;
	int patch_state;
	unsigned long flags;
	char comm[TASK_COMM_LEN];
};

/* Copies up to max rows; returns the count, or -1 if there are more tasks. */
static int ps_snapshot(struct ps_row *rows, int max)
{
	unsigned long irqf;
	struct task *t;
	int n = 0;

	spin_lock_irqsave(&tasklist_lock, irqf);
	for_each_task(t) {
		if (n == max) {
			n = -1;
			break;
		}
		rows[n].pid = t->pid;
		rows[n].state = task_state_char(t);
		rows[n].patch_state = t->patch_state;
		rows[n].flags = t->flags;
		memcpy(rows[n].comm, t->comm, TASK_COMM_LEN);
		n++;
	}
	spin_unlock_irqrestore(&tasklist_lock, irqf);
	return n;
}

static int cmd_ps(int argc, char **argv)
{
	struct ps_row *rows = NULL;
	int n = -1;

	if (argc > 1) {
		sh_eprintf("ps: unexpected argument '%s'\nusage: ps\n", argv[1]);
		return 1;
	}
	while (n < 0) {
		int max = nr_tasks() + 16;

		kfree(rows);
		rows = kmalloc(max * sizeof(*rows), GFP_KERNEL);
		if (!rows) {
			sh_eprintf("ps: %s\n", strerror(ENOMEM));
			return 1;
		}
		n = ps_snapshot(rows, max);
	}
	sh_printf("  PID STATE PATCH FLAGS    NAME\n");
	for (int i = 0; i < n; i++)
		sh_printf("%5d %c     %5d %08lx %s\n", rows[i].pid, rows[i].state,
			  rows[i].patch_state, rows[i].flags, rows[i].comm);
	kfree(rows);
	return 0;
}
SHELL_COMMAND("ps", "list tasks: PID STATE PATCH FLAGS NAME", cmd_ps);

#define STACK_MAX 64

/* One line per entry, formatted as /proc/PID/stack (kernel/fs/proc_pid.c). */
static void print_entries(const unsigned long *e, int n)
{
	struct seq_file m = { .size = 8192 };

	m.buf = kmalloc(m.size, GFP_KERNEL);
	if (!m.buf) {
		sh_eprintf("stack: %s\n", strerror(ENOMEM));
		return;
	}
	proc_print_stack_entries(&m, e, n);
	sh_write(m.buf, m.count);
	kfree(m.buf);
}

/* The task named by a pid or a name (the first match), with a reference; NULL if none. */
static struct task *find_task_arg(const char *arg)
{
	unsigned long irqf;
	struct task *t, *found = NULL;
	long long pid;

	if (!kstrtoll(arg, 10, &pid))
		return pid >= 0 && pid <= 32767 ? find_get_task_by_pid(pid) : NULL;
	spin_lock_irqsave(&tasklist_lock, irqf);
	for_each_task(t) {
		if (!strcmp(t->comm, arg)) {
			found = t;
			get_task_struct(t);
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, irqf);
	return found;
}

static int cmd_stack(int argc, char **argv)
{
	unsigned long e[STACK_MAX];
	const char *why;
	struct task *t;
	int n;

	if (argc != 2) {
		sh_eprintf("usage: stack PID|NAME\n");
		return 1;
	}
	t = find_task_arg(argv[1]);
	if (!t) {
		sh_eprintf("stack: %s: %s\n", argv[1], strerror(ESRCH));
		return 1;
	}
	n = stack_trace_check_tsk(t, e, STACK_MAX, &why);
	if (n >= 0) {
		print_entries(e, n);
	} else {
		sh_eprintf("stack: %s: unreliable: %s\n", argv[1], why);
		print_entries(e, stack_trace_save_tsk(t, e, STACK_MAX));
	}
	put_task_struct(t);
	return n >= 0 ? 0 : 1;
}
SHELL_COMMAND("stack", "PID|NAME  a task's reliable stack trace (or why not reliable)", cmd_stack);
