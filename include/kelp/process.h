/*
 * User processes (kernel/process/process.c, kernel/process/exec.c): a task
 * with an address space (task->mm), a parent process, children and an
 * exit status collected with wait4. Processes are started by spawning a
 * program file (no fork: see docs/userland.md); a child inherits its
 * parent's descriptors, directory and patch state. pid 1 is init.
 */
#ifndef KELP_PROCESS_H
#define KELP_PROCESS_H

#include <kelp/types.h>
#include <kelp/traps.h>
#include <kelp/compiler.h>
#include <kelp/uapi.h>	/* SIG*, WNOHANG */

struct task;
struct mm;

#define ARG_MAX (32 * 1024)	/* bytes of argument and environment strings, pointers included */
#define ARGV_MAX 256		/* arguments and environment entries, each */
#define USER_STACK_TOP 0x00007ffffff00000UL
#define USER_STACK_SIZE (64 * 1024UL)
#define USER_BRK_MAX (64UL << 20)	/* heap limit above the image */

/* Program arguments gathered in the kernel: argc strings then envc strings, NUL-separated. */
struct exec_args {
	char *buf;		/* ARG_MAX bytes, kmalloc'd */
	size_t used;
	int argc, envc;
};

/* Initialises args (0 or -ENOMEM); exec_args_free() releases it. */
int exec_args_init(struct exec_args *args);
void exec_args_free(struct exec_args *args);
/* Appends one string (argument first, then environment). 0 or -E2BIG. */
int exec_args_add(struct exec_args *args, const char *s, bool env);
/* Appends a NULL-terminated user array of strings. 0, -EFAULT or -E2BIG. */
int exec_args_add_user(struct exec_args *args, const char *const *uv, bool env);

/*
 * Builds an address space for the program at path with these arguments:
 * the ELF image (kernel/lib/elf_exec.c checks it), a stack with argc,
 * argv, envp and an empty auxv, and the heap start. Returns the mm and the
 * entry point, or an ERR_PTR: -ENOENT, -EACCES (not a regular file),
 * -ENOEXEC (not a valid static executable), -E2BIG, -ENOMEM. Task context.
 */
struct mm *exec_load(const char *path, const struct exec_args *args, unsigned long *entry);
/* Frees an address space that is not loaded in CR3 (its pages, tables, PML4). */
void mm_free(struct mm *mm);

/*
 * Creates a process running the program at path, as a child of the
 * calling process (or parentless when called from a kernel thread).
 * Returns the pid, or a negative errno from exec_load or -ENOMEM. The
 * child does not run until process_start(*child), which the caller calls
 * once it has freed its own buffers (a child that preempts its parent
 * would otherwise see them in the accounting). Task context.
 */
int process_spawn(const char *path, const struct exec_args *args, struct task **child);
/* Lets a child made by process_spawn run and drops the caller's reference. Any context. */
void process_start(struct task *child);
/*
 * Turns the calling kernel thread, which must be pid 1, into the init
 * process running path (as Linux's kernel_init execs /sbin/init): its
 * descriptors are the caller's. Returns only on failure (exec_load's errors).
 */
int process_exec_init(const char *path, const struct exec_args *args);
/* wait4: a child's pid with *status filled, 0 (WNOHANG, none exited), -ECHILD, -EINTR. */
int process_wait(int pid, int *status, int options);
/*
 * kill: 0, -ESRCH, -EPERM (kernel threads, init), -EINVAL (not 0..64, or
 * a stop signal: no job control). SIGKILL always terminates; any other
 * signal is sent as signal.c says (handler, default action, blocked).
 * Task or IRQ context (Ctrl-C).
 */
int process_kill(int pid, int sig);
/* The same with the siginfo si_code the receiver's handler sees (SI_USER, SI_TKILL). */
int process_kill_code(int pid, int sig, int code);
/* Ends the calling process with this wait status. Never returns. */
__noreturn void process_exit_status(int status);
/* Number of live processes (zombies included). */
unsigned int nr_processes(void);

/* A user-mode exception (#PF, #GP, #UD, #DE, ...): reports it as Linux does and kills the process. */
__noreturn void user_exception(struct pt_regs *regs, unsigned long cr2);

#endif /* KELP_PROCESS_H */
