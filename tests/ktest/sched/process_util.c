/*
 * User programs started from the kernel (process_util.h), shared by the
 * process tests (ktest-sched.ko) and benchmarks (bench-sched.ko).
 */
#include <kelp/ktest.h>
#include <kelp/process.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/stacktrace.h>
#include <kelp/traps.h>
#include <kelp/x86.h>
#include "process_util.h"

/* Starts path [arg] as a parentless process; returns it with a reference, or an ERR_PTR. */
struct task *spawn_ref(const char *path, const char *arg)
{
	struct exec_args a;
	struct task *child;
	int err = exec_args_init(&a);

	if (!err)
		err = exec_args_add(&a, path, false);
	if (!err && arg)
		err = exec_args_add(&a, arg, false);
	if (!err)
		err = process_spawn(path, &a, &child);
	exec_args_free(&a);
	if (err < 0)
		return ERR_PTR(err);
	get_task_struct(child);
	process_start(child);
	return child;
}

/*
 * Waits for t to exit; returns its wait status and drops the reference.
 * From a process (ktest typed at the shell) t is its child: reap it.
 */
int wait_exit(struct task *t)
{
	int status;

	if (current->mm) {
		if (process_wait(t->pid, &status, 0) != t->pid)
			status = -1;
	} else {
		wait_event(t->exit_wait, READ_ONCE(t->exited));
		status = t->exit_status;
	}
	put_task_struct(t);
	return status;
}

bool have_bin(const char *path)
{
	struct kstat st;

	return vfs_stat(path, &st) == 0;
}

