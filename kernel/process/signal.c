/*
 * Signals for user processes, with Linux's x86-64 numbers, semantics and
 * frame (include/kelp/signal.h): rt_sigaction, rt_sigprocmask,
 * rt_sigreturn, rt_sigpending, rt_sigsuspend, pause, tkill/tgkill;
 * delivery before every return to user space
 * (exit_to_user_mode calls signal_deliver). A handler runs on the user
 * stack below the red zone in an rt_sigframe (registers, blocked mask,
 * FXSAVE state, siginfo) whose return address is the sa_restorer musl
 * supplies; rt_sigreturn puts all of it back. Default actions: terminate
 * (the wait status is the signal), or ignore for SIGCHLD, SIGURG,
 * SIGWINCH and SIGCONT. No stop signals (no job control). The state is
 * per process (single-threaded) in struct mm, the alternate signal stack
 * (sigaltstack, SA_ONSTACK) included.
 */
#include <kelp/signal.h>
#include <kelp/errno.h>
#include <kelp/fpu.h>
#include <kelp/mm.h>
#include <kelp/process.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/x86.h>

#define UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

/* x86 flags a handler's sigreturn may change (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS (0x1UL | 0x4UL | 0x10UL | 0x40UL | 0x80UL | 0x100UL | 0x400UL | 0x800UL | \
		    0x40000UL | 0x10000UL)

static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool sig_ignored(const struct sig_state *s, int sig)
{
	unsigned long h = s->action[sig - 1].handler;

	return h == SIG_IGN || (h == SIG_DFL && sig_default_ignored(sig));
}

/* See signal.h. */
void signal_init(struct mm *mm)
{
	memset(&mm->sig, 0, sizeof(mm->sig));
}

/* See signal.h. */
void signal_inherit(struct mm *child, const struct mm *parent)
{
	child->sig.blocked = parent->sig.blocked;
	for (int i = 0; i < KELP_NSIG; i++)
		if (parent->sig.action[i].handler == SIG_IGN)
			child->sig.action[i].handler = SIG_IGN;
}

/* See signal.h. */
void __signal_send(struct task *t, int sig, int sender, int code)
{
	struct sig_state *s;
	u64 bit = sigbit(sig);

	if (!t->mm || t->exit_state)
		return;
	s = &t->mm->sig;
	if (!(READ_ONCE(s->blocked) & bit) && sig_ignored(s, sig))
		return;
	s->sender[sig - 1] = sender;
	s->code[sig - 1] = code;
	__atomic_fetch_or(&s->pending, bit, __ATOMIC_SEQ_CST);
	if (!(READ_ONCE(s->blocked) & bit))
		signal_wake_up(t);
}

/* See signal.h. */
bool signal_deliverable(struct task *t)
{
	struct mm *mm = t->mm;

	return mm && (READ_ONCE(mm->sig.pending) & ~mm->sig.blocked);
}

/* After rt_sigsuspend: its caller's mask comes back (Linux's restore_saved_sigmask). */
static void restore_saved_mask(struct sig_state *s)
{
	if (s->restore_mask) {
		s->blocked = s->saved_mask;
		s->restore_mask = false;
	}
}

/* See signal.h. */
void syscall_restart(struct pt_regs *regs)
{
	switch ((long)regs->ax) {
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
	case -ERESTARTNOHAND:
		regs->ax = regs->vector;
		break;
	case -ERESTART_RESTARTBLOCK:
		regs->ax = __NR_restart_syscall;
		break;
	default:
		return;
	}
	regs->ip -= 2;
	syscall_restarts++;
	restore_saved_mask(&current->mm->sig);	/* rt_sigsuspend woken for nothing: it runs again */
}

/* A system call's result when a handler is about to run (Linux's handle_signal). */
static void syscall_restart_handler(struct pt_regs *regs, const struct k_sigaction *ka)
{
	switch ((long)regs->ax) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		regs->ax = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ka->flags & SA_RESTART)) {
			regs->ax = -EINTR;
			break;
		}
		__attribute__((fallthrough));
	case -ERESTARTNOINTR:
		regs->ax = regs->vector;
		regs->ip -= 2;
		syscall_restarts++;
		break;
	}
}

/* Whether sp is on the alternate stack (Linux's on_sig_stack: the top counts, the base does not). */
static bool on_sig_stack(const struct sig_state *s, unsigned long sp)
{
	return s->ss_size && sp > s->ss_sp && sp - s->ss_sp <= s->ss_size;
}

/* The ss_flags sigaltstack reports for a task whose stack pointer is sp. */
static int sas_ss_flags(const struct sig_state *s, unsigned long sp)
{
	if (!s->ss_size)
		return SS_DISABLE;
	return (on_sig_stack(s, sp) ? SS_ONSTACK : 0) | s->ss_autodisarm;
}

/*
 * Sets the alternate stack from *ss for a task at sp (Linux's
 * do_sigaltstack): -EPERM while running on it, -EINVAL for an unknown
 * mode, -ENOMEM below MINSIGSTKSZ; SS_DISABLE removes it.
 */
static int set_altstack(struct sig_state *s, const struct k_stack_t *ss, unsigned long sp)
{
	unsigned int mode = (unsigned int)ss->ss_flags & ~SS_AUTODISARM;

	if (on_sig_stack(s, sp))
		return -EPERM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		s->ss_sp = s->ss_size = 0;
		s->ss_autodisarm = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	s->ss_sp = ss->ss_sp;
	s->ss_size = ss->ss_size;
	s->ss_autodisarm = ss->ss_flags & SS_AUTODISARM;
	return 0;
}

/*
 * sigaltstack(ss, old_ss): Linux's alternate signal stack, which handlers
 * installed with SA_ONSTACK run on. The old setting is read before the
 * new one applies.
 */
SYSCALL_DEFINE(sigaltstack)
{
	struct sig_state *s = &current->mm->sig;
	struct k_stack_t ss, old = {
		.ss_sp = s->ss_sp, .ss_flags = sas_ss_flags(s, regs->sp), .ss_size = s->ss_size,
	};
	int err;

	if (regs->di) {
		if (copy_from_user(&ss, (const void __user *)regs->di, sizeof(ss)))
			return -EFAULT;
		err = set_altstack(s, &ss, regs->sp);
		if (err)
			return err;
	}
	if (regs->si && copy_to_user((void __user *)regs->si, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Builds the frame for sig on the user stack and points regs at the handler. 0 or -EFAULT. */
static int setup_rt_frame(struct pt_regs *regs, int sig, const struct k_sigaction *ka,
			  u64 oldmask)
{
	struct sig_state *s = &current->mm->sig;
	u8 fx[FPU_STATE_SIZE] __aligned(16);
	struct rt_sigframe frame, *f = &frame;	/* on the kernel stack: the exit path is shallow */
	unsigned long sp, fpstate;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;	/* x86-64 has no kernel-provided return path */
	memset(f, 0, sizeof(*f));
	sp = regs->sp - 128;			/* the red zone */
	f->uc.uc_stack = (struct k_stack_t){
		.ss_sp = s->ss_sp, .ss_flags = sas_ss_flags(s, regs->sp), .ss_size = s->ss_size,
	};
	if ((ka->flags & SA_ONSTACK) && s->ss_size && !on_sig_stack(s, regs->sp)) {
		sp = s->ss_sp + s->ss_size;	/* the alternate stack's top: no red zone there */
		if (s->ss_autodisarm)
			s->ss_sp = s->ss_size = 0;	/* back at sigreturn, from uc_stack */
	}
	fpstate = (sp - FPU_STATE_SIZE) & ~63UL;
	sp = ((fpstate - sizeof(*f)) & ~15UL) - 8;	/* as if called: (rsp + 8) % 16 == 0 */
	fpu_save_current(fx);

	f->pretcode = ka->restorer;
	f->uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f->uc.uc_mcontext = (struct sigcontext_64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.di = regs->di, .si = regs->si, .bp = regs->bp, .bx = regs->bx,
		.dx = regs->dx, .ax = regs->ax, .cx = regs->cx, .sp = regs->sp,
		.ip = regs->ip, .flags = regs->flags, .cs = regs->cs, .ss = regs->ss,
		.oldmask = oldmask, .fpstate = fpstate,
	};
	f->uc.uc_sigmask = oldmask;
	f->info.si_signo = sig;
	f->info.si_code = s->code[sig - 1];
	f->info.si_pid = s->sender[sig - 1];
	if (sp < PAGE_SIZE || copy_to_user((void __user *)sp, f, sizeof(*f)) ||
	    copy_to_user((void __user *)fpstate, fx, FPU_STATE_SIZE))
		return -EFAULT;

	fpu_restore_current(NULL);	/* the handler starts with a clean FPU, as Linux's */
	regs->di = sig;
	regs->si = sp + offsetof(struct rt_sigframe, info);
	regs->dx = sp + offsetof(struct rt_sigframe, uc);
	regs->ax = 0;
	regs->sp = sp;
	regs->ip = ka->handler;
	regs->flags &= ~(0x400UL | 0x100UL | 0x10000UL);	/* DF, TF, RF */
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	return 0;
}

/* See signal.h. */
bool signal_deliver(struct pt_regs *regs, bool *in_syscall)
{
	struct sig_state *s = &current->mm->sig;
	u64 ready = READ_ONCE(s->pending) & ~s->blocked;
	struct k_sigaction ka;
	int sig;

	if (!ready)
		return false;
	sig = __builtin_ctzll(ready) + 1;
	__atomic_fetch_and(&s->pending, ~sigbit(sig), __ATOMIC_SEQ_CST);
	ka = s->action[sig - 1];
	if (ka.handler == SIG_IGN || (ka.handler == SIG_DFL && sig_default_ignored(sig)))
		return true;
	if (ka.handler == SIG_DFL)
		process_exit_status(sig);	/* terminate: the parent sees the signal */
	if (*in_syscall) {
		syscall_restart_handler(regs, &ka);
		*in_syscall = false;
	}
	/* the frame keeps the mask sigreturn puts back: rt_sigsuspend's caller's */
	if (setup_rt_frame(regs, sig, &ka, s->restore_mask ? s->saved_mask : s->blocked))
		process_exit_status(SIGSEGV);	/* no usable stack: Linux's force_sigsegv */
	s->restore_mask = false;
	if (ka.flags & SA_RESETHAND)
		s->action[sig - 1].handler = SIG_DFL;
	s->blocked |= ka.mask & ~UNBLOCKABLE;
	if (!(ka.flags & SA_NODEFER))
		s->blocked |= sigbit(sig);
	return true;
}

/*
 * rt_sigaction(sig, act, oact, sigsetsize): Linux's struct (handler,
 * flags, restorer, mask). SIGKILL and SIGSTOP cannot be changed; a signal
 * set to be ignored loses its pending instance.
 */
SYSCALL_DEFINE(rt_sigaction)
{
	struct sig_state *s = &current->mm->sig;
	int sig = regs->di;
	struct k_sigaction act, old;

	if (regs->r10 != sizeof(u64) || sig < 1 || sig > KELP_NSIG)
		return -EINVAL;
	if (regs->si && copy_from_user(&act, (const void __user *)regs->si, sizeof(act)))
		return -EFAULT;
	if (regs->si && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	old = s->action[sig - 1];
	if (regs->dx && copy_to_user((void __user *)regs->dx, &old, sizeof(old)))
		return -EFAULT;
	if (regs->si) {
		act.mask &= ~UNBLOCKABLE;
		s->action[sig - 1] = act;
		if (sig_ignored(s, sig))
			__atomic_fetch_and(&s->pending, ~sigbit(sig), __ATOMIC_SEQ_CST);
	}
	return 0;
}

/* rt_sigprocmask(how, set, oset, sigsetsize). SIGKILL and SIGSTOP are never blocked. */
SYSCALL_DEFINE(rt_sigprocmask)
{
	struct sig_state *s = &current->mm->sig;
	u64 set, old = s->blocked;

	if (regs->r10 != sizeof(u64))
		return -EINVAL;
	if (regs->si) {
		if (copy_from_user(&set, (const void __user *)regs->si, sizeof(set)))
			return -EFAULT;
		switch (regs->di) {
		case SIG_BLOCK:
			set = old | set;
			break;
		case SIG_UNBLOCK:
			set = old & ~set;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
	}
	if (regs->dx && copy_to_user((void __user *)regs->dx, &old, sizeof(old)))
		return -EFAULT;
	if (regs->si)
		s->blocked = set & ~UNBLOCKABLE;	/* newly unblocked ones: delivered on the way out */
	return 0;
}

/* rt_sigpending(set, sigsetsize): the pending signals that are blocked, as Linux's. */
SYSCALL_DEFINE(rt_sigpending)
{
	struct sig_state *s = &current->mm->sig;
	u64 set = READ_ONCE(s->pending) & s->blocked;

	if (regs->si > sizeof(u64))
		return -EINVAL;
	if (copy_to_user((void __user *)regs->di, &set, regs->si))
		return -EFAULT;
	return 0;
}

/*
 * Sleeps until a signal is pending (one that is not blocked, a kill, or
 * livepatch's fake signal). Returns -ERESTARTNOHAND: -EINTR once a handler
 * runs; with none (an ignored signal, the fake signal) the call runs again.
 */
static long sleep_until_signal(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current) || signal_deliverable(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

/* pause(): waits for a signal; returns -EINTR after its handler (see sleep_until_signal). */
SYSCALL_DEFINE(pause)
{
	(void)regs;
	return sleep_until_signal();
}

/*
 * rt_sigsuspend(mask, sigsetsize): waits for a signal with mask as the
 * blocked set. The caller's mask is kept in saved_mask: the handler's frame
 * carries it, so its sigreturn puts it back; a wake-up with no handler
 * puts it back before the call runs again (syscall_restart).
 */
SYSCALL_DEFINE(rt_sigsuspend)
{
	struct sig_state *s = &current->mm->sig;
	u64 mask;

	if (regs->si != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, (const void __user *)regs->di, sizeof(mask)))
		return -EFAULT;
	s->saved_mask = s->blocked;
	s->restore_mask = true;
	s->blocked = mask & ~UNBLOCKABLE;
	return sleep_until_signal();
}

/*
 * rt_sigreturn: the handler returned into sa_restorer, which popped the
 * return address, so the frame starts 8 bytes below rsp. Puts back every
 * register, the blocked mask and the FPU state. A frame that cannot be
 * read, or one returning to a kernel address, kills with SIGSEGV. Returns
 * the restored rax (do_syscall_64 stores the result there).
 */
long __x64_sys_rt_sigreturn(const struct pt_regs *cregs)
{
	struct pt_regs *regs = (struct pt_regs *)cregs;	/* this call rewrites the frame */
	struct rt_sigframe frame, *f = &frame;
	u8 fx[FPU_STATE_SIZE] __aligned(16);
	struct sigcontext_64 *sc;
	bool ok;

	ok = !copy_from_user(f, (const void __user *)(regs->sp - 8), sizeof(*f));
	sc = &f->uc.uc_mcontext;
	ok = ok && sc->ip < USER_TOP && sc->sp < USER_TOP;
	if (ok && sc->fpstate)
		ok = !copy_from_user(fx, (const void __user *)sc->fpstate, sizeof(fx));
	if (!ok)
		process_exit_status(SIGSEGV);
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->di = sc->di; regs->si = sc->si; regs->bp = sc->bp; regs->bx = sc->bx;
	regs->dx = sc->dx; regs->ax = sc->ax; regs->cx = sc->cx; regs->sp = sc->sp;
	regs->ip = sc->ip;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS) | X86_EFLAGS_IF;
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	regs->vector = -1UL;	/* not a system call any more: no restart of its rax */
	current->mm->sig.blocked = f->uc.uc_sigmask & ~UNBLOCKABLE;
	/* Linux's restore_altstack: errors (on the stack: -EPERM) are ignored */
	set_altstack(&current->mm->sig, &f->uc.uc_stack, regs->sp);
	fpu_restore_current(sc->fpstate ? fx : NULL);
	return regs->ax;
}

/* Sends sig to pid as kill does, with si_code code. */
static long send_to(int pid, int sig, int code)
{
	if (pid <= 0)
		return -EINVAL;
	return process_kill_code(pid, sig, code);
}

/* tkill(tid, sig): a process has one thread, whose tid is its pid. */
SYSCALL_DEFINE(tkill)
{
	return send_to(regs->di, regs->si, SI_TKILL);
}

/* tgkill(tgid, tid, sig): tgid and tid name the same single-threaded process. */
SYSCALL_DEFINE(tgkill)
{
	if ((int)regs->di <= 0 || (int)regs->si <= 0)
		return -EINVAL;
	if (regs->di != regs->si)
		return -ESRCH;
	return send_to(regs->si, regs->dx, SI_TKILL);
}
