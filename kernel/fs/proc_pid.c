/*
 * /proc/<pid>/: one directory per task, made on lookup (nothing is cached:
 * the task may exit at any time), with status, stat, patch_state and stack.
 * Every read looks the task up again by pid and holds a reference on it
 * while its show function runs; a task that exited gives -ESRCH.
 * stack prints the reliable trace in Linux's format ("[<0>] name+0x1c/0x80"),
 * or, when the trace is unreliable, why, followed by the raw walk.
 */
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/kallsyms.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/traps.h>

#define PID_STACK_MAX 64

enum pid_entry { PID_STATUS, PID_STAT, PID_PATCH_STATE, PID_STACK, NR_PID_ENTRIES };

static const char *const pid_entry_names[NR_PID_ENTRIES] = { "status", "stat", "patch_state",
							     "stack" };

struct pid_node {
	int pid;
	int which;		/* enum pid_entry, or -1 for the directory */
};

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'X': return "dead";
	default: return "new";
	}
}

static int pid_status_show(struct seq_file *m, void *v)
{
	struct task *t = v;
	char c = task_state_char(t), list[96];
	u64 allowed = READ_ONCE(t->cpus_allowed) & cpu_possible_mask;

	seq_printf(m, "Name:\t%s\n", t->comm);
	seq_printf(m, "State:\t%c (%s)\n", c, state_name(c));
	seq_printf(m, "Pid:\t%d\n", t->pid);
	seq_printf(m, "PPid:\t%d\n", t->parent ? t->parent->pid : 0);
	seq_printf(m, "PatchState:\t%d\n", t->patch_state);
	seq_printf(m, "Flags:\t%#lx\n", t->flags);
	cpulist_print(list, sizeof(list), allowed);
	seq_printf(m, "Cpus_allowed:\t%llx\n", (unsigned long long)allowed);
	seq_printf(m, "Cpus_allowed_list:\t%s", list);
	seq_printf(m, "voluntary_ctxt_switches:\t%llu\n", (unsigned long long)t->nvcsw);
	seq_printf(m, "nonvoluntary_ctxt_switches:\t%llu\n", (unsigned long long)t->nivcsw);
	return 0;
}

static int pid_patch_state_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", ((struct task *)v)->patch_state);
	return 0;
}

/* See proc_fs.h. After an exception frame the entry is the interrupted RIP itself. */
void proc_print_stack_entries(struct seq_file *m, const unsigned long *e, int n)
{
	bool exact = false;
	char sym[128];

	for (int i = 0; i < n; i++) {
		if ((char *)e[i] == isr_return_to_entry) {
			seq_puts(m, "[<0>] <IRQ/exception entry>\n");
			exact = true;
			continue;
		}
		if (exact)
			kallsyms_snprint_symbol(sym, sizeof(sym), e[i]);
		else
			sprint_backtrace(sym, sizeof(sym), e[i]);
		seq_printf(m, "[<0>] %s\n", sym);
		exact = false;
	}
}

/* See proc_fs.h. */
int proc_pid_stack_show(struct seq_file *m, void *v)
{
	static unsigned long e[PID_STACK_MAX];	/* show functions run one at a time */
	struct task *t = v;
	const char *why;
	int n = stack_trace_check_tsk(t, e, PID_STACK_MAX, &why);

	if (n >= 0) {
		proc_print_stack_entries(m, e, n);
		return 0;
	}
	seq_printf(m, "# unreliable: %s\n", why);
	proc_print_stack_entries(m, e, stack_trace_save_tsk(t, e, PID_STACK_MAX));
	return 0;
}

/*
 * /proc/<pid>/stat: Linux's 52 fields in Linux's order; Kelp fills pid,
 * comm, state, ppid, flags, the thread count, exit_signal and processor
 * (field 39: the CPU the task runs or last ran on), and writes 0 for what
 * it does not keep (times, memory, signals).
 */
static int pid_stat_show(struct seq_file *m, void *v)
{
	struct task *t = v;

	seq_printf(m, "%d (%s) %c %d", t->pid, t->comm, task_state_char(t),
		   t->real_parent ? t->real_parent->pid : 0);
	/* pgrp session tty_nr tpgid flags minflt..cstime (9) priority nice */
	seq_printf(m, " %d %d 0 -1 %lu 0 0 0 0 0 0 0 0 20 0", t->pid, t->pid, t->flags);
	/* num_threads itrealvalue starttime vsize rss rsslim (6) + 11 address/signal fields */
	seq_puts(m, " 1" " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
	/* exit_signal processor rt_priority policy + 13 more */
	seq_printf(m, " 17 %d 0 0 0 0 0 0 0 0 0 0 0 0 0\n", task_cpu(t));
	return 0;
}

static proc_show_t const pid_shows[NR_PID_ENTRIES] = {
	pid_status_show, pid_stat_show, pid_patch_state_show, proc_pid_stack_show,
};

static const struct inode_operations pid_dir_iops;
static const struct inode_operations pid_file_iops;
static const struct file_operations pid_file_fops;

static void pid_evict(struct inode *inode)
{
	kfree(inode->private);
}

static struct inode *pid_inode(int pid, int which, struct inode *parent)
{
	bool dir = which < 0;
	struct pid_node *pn = kmalloc(sizeof(*pn), GFP_KERNEL);
	struct inode *inode = pn ? inode_alloc(dir ? S_IFDIR | 0555 : S_IFREG | 0444,
					       dir ? &pid_dir_iops : &pid_file_iops,
					       dir ? NULL : &pid_file_fops) : NULL;

	if (!inode) {
		kfree(pn);
		return ERR_PTR(-ENOMEM);
	}
	*pn = (struct pid_node){ pid, which };
	inode->private = pn;
	inode->parent = parent;
	return inode;
}

static bool pid_alive(int pid)
{
	struct task *t = find_get_task_by_pid(pid);

	if (t)
		put_task_struct(t);
	return t != NULL;
}

/* See proc_fs.h. */
struct inode *proc_pid_lookup(struct inode *proc_root, const char *name)
{
	int pid;

	if (kstrtoint(name, 10, &pid) || pid < 0 || !pid_alive(pid))
		return ERR_PTR(-ENOENT);
	return pid_inode(pid, -1, proc_root);
}

/*
 * See proc_fs.h. The idx-th task on the task list, by pid. The other
 * CPUs' idle tasks share pid 0 with swapper/0 and are left out: /proc/0
 * is swapper/0.
 */
int proc_pid_readdir(u64 idx, struct dirent_info *out)
{
	unsigned long flags;
	struct task *t;
	int err = -ENOENT;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_task(t) {
		if (is_idle_task(t) && task_cpu(t) != 0)
			continue;
		if (idx--)
			continue;
		snprintf(out->name, sizeof(out->name), "%d", t->pid);
		out->ino = 0x40000000 + t->pid;
		out->mode = S_IFDIR | 0555;
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static struct inode *pid_dir_lookup(struct inode *dir, const char *name)
{
	struct pid_node *pn = dir->private;

	for (int i = 0; i < NR_PID_ENTRIES; i++)
		if (!strcmp(name, pid_entry_names[i]))
			return pid_alive(pn->pid) ? pid_inode(pn->pid, i, dir) : ERR_PTR(-ENOENT);
	return ERR_PTR(-ENOENT);
}

static int pid_dir_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	if (idx >= NR_PID_ENTRIES)
		return -ENOENT;
	strlcpy(out->name, pid_entry_names[idx], sizeof(out->name));
	out->ino = 0;
	out->mode = S_IFREG | 0444;
	return 0;
}

static int pid_file_open(struct inode *inode, struct file *f)
{
	struct pid_node *pn = inode->private;
	struct task *t = find_get_task_by_pid(pn->pid);
	int err;

	if (!t)
		return -ESRCH;
	err = seq_open_snapshot(f, pid_shows[pn->which], t, 1UL << 16);
	put_task_struct(t);
	return err;
}

static const struct inode_operations pid_dir_iops = {
	.lookup = pid_dir_lookup,
	.readdir = pid_dir_readdir,
	.evict = pid_evict,
};

static const struct inode_operations pid_file_iops = {
	.evict = pid_evict,
};

static const struct file_operations pid_file_fops = {
	.open = pid_file_open,
	.read = seq_read_snapshot,
	.release = seq_release_snapshot,
};
