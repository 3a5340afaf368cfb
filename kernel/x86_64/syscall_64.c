/*
 * The x86-64 side of user mode: the syscall MSRs, SMEP/SMAP, the C half
 * of the system call entry, the work done before every return to user
 * space (reschedule, a pending kill, the livepatch switch) and user-mode
 * exceptions, which kill the process with Linux's report line. The
 * register convention is in include/kelp/syscall.h.
 */
#include <kelp/syscall.h>
#include <kelp/process.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/livepatch.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/x86.h>
#include <kelp/fpu.h>
#include <kelp/signal.h>

#define MSR_STAR 0xC0000081
#define MSR_LSTAR 0xC0000082
#define MSR_SYSCALL_MASK 0xC0000084
#define EFER_SCE (1UL << 0)
#define X86_EFLAGS_TF (1UL << 8)
#define X86_EFLAGS_DF (1UL << 10)
#define X86_EFLAGS_AC (1UL << 18)
#define X86_EFLAGS_NT (1UL << 14)

bool cpu_has_smap, cpu_has_smep;
u64 syscall_restarts;
extern const syscall_fn_t sys_call_table[NR_SYSCALLS];

/* See syscall.h. */
void syscall_cpu_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* SYSRET: CS = STAR[63:48] + 16, SS = + 8; SYSCALL: CS = STAR[47:32], SS = + 8 */
	wrmsr(MSR_STAR, ((u64)(GDT_USER_DS - 8) << 48) | ((u64)GDT_KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC |
	      X86_EFLAGS_NT);
	write_cr4(read_cr4() | (cpu_has_smep ? X86_CR4_SMEP : 0) | (cpu_has_smap ? X86_CR4_SMAP : 0));
	fpu_cpu_init();
}

/* See syscall.h. */
void syscall_init(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_has_smep = b & (1u << 7);
		cpu_has_smap = b & (1u << 20);
	}
	syscall_cpu_init();
	pr_info("syscall: SMEP %s, SMAP %s\n", cpu_has_smep ? "on" : "unavailable", cpu_has_smap ? "on" : "unavailable");
}

/*
 * The exit work loop. in_syscall: regs are a system call's, whose
 * -ERESTART* result is settled here: by the first handler that runs
 * (signal_deliver: -EINTR or a restart, per SA_RESTART), else by a plain
 * restart once nothing is left to do (a wake-up without a handled signal,
 * which includes livepatch's fake signal, never shows).
 */
/* A pending signal that is not blocked (inline: every return to user space asks). */
static __always_inline bool sig_ready(struct task *t)
{
	struct mm *mm = t->mm;

	return unlikely(READ_ONCE(mm->sig.pending) & ~mm->sig.blocked);
}

static __always_inline void __exit_to_user_mode(struct pt_regs *regs, bool in_syscall)
{
	struct task *t = current;

	for (;;) {
		local_irq_enable();
		/* livepatch switch point: user space runs no kernel function */
		if (unlikely(test_tsk_thread_flag(t, TIF_PATCH_PENDING)))
			klp_update_patch_state(t);
		if (unlikely(READ_ONCE(t->pending_kill)))
			process_exit_status(READ_ONCE(t->pending_kill));
		if (sig_ready(t) && signal_deliver(regs, &in_syscall))
			continue;	/* handled one (a frame, or ignored): look again */
		local_irq_disable();
		if (unlikely(READ_ONCE(t->pending_kill)) || sig_ready(t))
			continue;	/* a kill (Ctrl-C) came in between: act on it now */
		if (!need_resched())
			break;
		schedule();
	}
	/* -ERESTARTSYS (512) .. -ERESTART_RESTARTBLOCK (516): rare, so test before the call */
	if (in_syscall && unlikely(regs->ax - (unsigned long)-ERESTART_RESTARTBLOCK <= 4))
		syscall_restart(regs);
	/* IRQs off from the last check on: no signal can hide behind this clear */
	if (signal_pending(t))
		clear_tsk_thread_flag(t, TIF_SIGPENDING);	/* a wake-up with nothing left to deliver */
}

/* See syscall.h. */
void exit_to_user_mode(struct pt_regs *regs)
{
	__exit_to_user_mode(regs, false);
}

/*
 * sysretq returns to rcx with rflags from r11, so it fits only a frame
 * whose rcx and r11 still are the rip and rflags (a plain system call;
 * not rt_sigreturn or a signal frame), whose rip is canonical user space
 * (a non-canonical one would #GP in ring 0) and whose flags sysret can
 * restore.
 */
static bool sysret_ok(const struct pt_regs *regs)
{
	return regs->ip < USER_TOP && regs->cs == GDT_USER_CS && regs->ss == GDT_USER_DS &&
	       regs->cx == regs->ip && regs->r11 == regs->flags &&
	       !(regs->flags & (X86_EFLAGS_TF | X86_EFLAGS_NT));
}

/* System call numbers without a handler already logged (one line per number; the last bit: any above). */
static unsigned long enosys_logged[NR_SYSCALLS / 64 + 1];

static long sys_ni_syscall(unsigned long nr)
{
	struct task *t = current;

	if (!test_and_set_bit(min(nr, (unsigned long)NR_SYSCALLS), enosys_logged))
		pr_info("syscall: %s[%d] called unimplemented system call %lu: -ENOSYS\n", t->comm,
			t->pid, nr);
	return -ENOSYS;
}

/* See syscall.h. Entered with IRQs off on the task's kernel stack. */
notrace bool do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->vector;

	local_irq_enable();
	if (nr < NR_SYSCALLS && sys_call_table[nr])
		regs->ax = sys_call_table[nr](regs);
	else
		regs->ax = sys_ni_syscall(nr);
	__exit_to_user_mode(regs, (long)regs->vector >= 0);	/* rt_sigreturn sets it to -1 */
	return sysret_ok(regs);
}

/* " in prog[start+size]", as Linux's print_vma_addr for the program's image. */
static void print_where(const struct mm *mm, unsigned long ip)
{
	if (ip >= mm->start_code && ip < mm->end_code)
		pr_cont(" in %s[%lx+%lx]", mm->exe, mm->start_code, mm->end_code - mm->start_code);
	pr_cont("\n");
}

/* See process.h. Linux's show_signal_msg and do_trap lines. */
__noreturn void user_exception(struct pt_regs *regs, unsigned long cr2)
{
	struct task *t = current;
	int sig = SIGSEGV;

	local_irq_enable();
	switch (regs->vector) {
	case X86_TRAP_PF:
		printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx", t->comm,
		       t->pid, cr2, regs->ip, regs->sp, regs->error_code);
		break;
	case X86_TRAP_GP:
		printk(KERN_INFO "traps: %s[%d] general protection fault ip:%lx sp:%lx error:%lx",
		       t->comm, t->pid, regs->ip, regs->sp, regs->error_code);
		break;
	default:
		sig = regs->vector == X86_TRAP_DE ? SIGFPE : regs->vector == X86_TRAP_UD ? SIGILL :
		      regs->vector == X86_TRAP_BP ? SIGTRAP : SIGSEGV;
		printk(KERN_INFO "traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx", t->comm, t->pid,
		       trap_name(regs->vector) ? trap_name(regs->vector) : "unknown", regs->ip,
		       regs->sp, regs->error_code);
	}
	if (t->mm)
		print_where(t->mm, regs->ip);
	else
		pr_cont("\n");
	process_exit_status(sig);
}
