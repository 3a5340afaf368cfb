/*
 * Signals for user processes (kernel/process/signal.c) with Linux's
 * x86-64 ABI: rt_sigaction's struct (handler, flags, restorer, mask),
 * 64-bit masks, SA_* flags, and the rt_sigframe the kernel pushes on the
 * user stack before running a handler (pretcode, ucontext with the
 * registers as struct sigcontext, siginfo, FXSAVE state) which
 * rt_sigreturn reads back. Kelp processes are single-threaded, so the
 * whole signal state (actions, blocked and pending sets) is per process
 * and lives in its struct mm (docs/userland.md).
 */
#ifndef KELP_SIGNAL_H
#define KELP_SIGNAL_H

#include <kelp/types.h>
#include <kelp/traps.h>

#define KELP_NSIG 64

/* Numbers Kelp's kernel names (Linux's x86-64 ones). */
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28

#define SIG_DFL 0UL
#define SIG_IGN 1UL

#define SA_NOCLDSTOP 0x00000001UL
#define SA_SIGINFO 0x00000004UL
#define SA_ONSTACK 0x08000000UL
#define SA_RESTART 0x10000000UL
#define SA_NODEFER 0x40000000UL
#define SA_RESETHAND 0x80000000UL
#define SA_RESTORER 0x04000000UL

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* siginfo si_code values Kelp uses. */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)

#define sigbit(sig) (1ULL << ((sig) - 1))

/* rt_sigaction's argument, as Linux's struct sigaction on x86-64 (32 bytes). */
struct k_sigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	u64 mask;
};

/* A process's signal state; in struct mm, so freed with the address space. */
struct sig_state {
	struct k_sigaction action[KELP_NSIG];	/* [sig - 1]; the process's own */
	u64 blocked;				/* the process's own */
	u64 pending;				/* set by senders under tasklist_lock, atomic ops */
	int sender[KELP_NSIG];			/* pid of the last sender of each pending signal */
	int code[KELP_NSIG];			/* its si_code */
	u64 saved_mask;		/* rt_sigsuspend: the mask to put back (Linux's saved_sigmask) */
	bool restore_mask;	/* saved_mask is live: the next frame or restart puts it back */
	unsigned long ss_sp;	/* sigaltstack: the alternate stack's base, 0 if none */
	unsigned long ss_size;
	unsigned int ss_autodisarm;	/* SS_AUTODISARM as given */
};

/* ---- the frame, Linux's layout (arch/x86/include/uapi/asm/sigcontext.h, ucontext.h) ---- */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;		/* user address of the 512-byte FXSAVE area, or 0 */
	u64 reserved1[8];
};

struct k_stack_t {
	u64 ss_sp;
	int ss_flags;
	int pad;
	u64 ss_size;
};

struct k_ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct k_stack_t uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};

struct k_siginfo {
	int si_signo, si_errno, si_code, pad0;
	int si_pid, si_uid;
	u8 rest[128 - 24];
};

struct rt_sigframe {
	u64 pretcode;		/* sa_restorer: the handler's return address */
	struct k_ucontext uc;
	struct k_siginfo info;
};

#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048

struct task;
struct mm;

/* Resets a new address space's signal state: every action SIG_DFL, nothing blocked or pending. */
void signal_init(struct mm *mm);
/*
 * What a spawned process keeps of its parent's signal state, as a Linux
 * process across fork and exec (and posix_spawn): the blocked mask and
 * the ignored signals; handlers go back to SIG_DFL, nothing is pending.
 */
void signal_inherit(struct mm *child, const struct mm *parent);
/*
 * Sends sig (1..64, not SIGKILL: that is pending_kill) from pid sender
 * with si_code code to process t: an ignored unblocked signal is dropped,
 * anything else is made pending and, if not blocked, wakes t
 * (TIF_SIGPENDING: an interruptible sleep ends). Caller holds
 * tasklist_lock (it keeps t->mm alive). Any context.
 */
void __signal_send(struct task *t, int sig, int sender, int code);
/*
 * Runs before every return to user space (exit_to_user_mode), IRQs on,
 * task context: takes one deliverable signal of current and acts on it.
 * Default actions terminate (never returns) or ignore; a handler gets an
 * rt_sigframe on the user stack and regs become the handler's entry.
 * *in_syscall says regs are a system call's: its -ERESTART* result is then
 * turned into -EINTR or a restart as Linux does (SA_RESTART), and the flag
 * is cleared. Returns true if it handled a signal (the caller looks again).
 */
bool signal_deliver(struct pt_regs *regs, bool *in_syscall);
/* True if current has a pending signal that is not blocked. */
bool signal_deliverable(struct task *t);
/*
 * A system call's -ERESTART* result when no handler runs: rip goes back
 * over the `syscall` and rax gets the number again (restart_syscall for
 * RESTARTBLOCK). Counts syscall_restarts.
 */
void syscall_restart(struct pt_regs *regs);

#endif /* KELP_SIGNAL_H */
