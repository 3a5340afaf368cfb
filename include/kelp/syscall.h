/*
 * System calls (kernel/syscall.c, entry in kernel/x86_64/entry_64.asm).
 *
 * Convention, Linux's x86-64 one: `syscall` with the number in rax and up to
 * six arguments in rdi, rsi, rdx, r10, r8, r9; the result comes back in rax
 * (a negative errno, -4095..-1, on failure); rcx and r11 are clobbered (the
 * CPU keeps the return rip and rflags there), every other register is
 * preserved. The entry swaps to the kernel GS base, saves the user rsp in a
 * per-CPU scratch slot, switches to the task's kernel stack (the TSS rsp0
 * value, kept in struct cpu too), and builds a struct pt_regs whose vector
 * slot holds the system call number (orig_ax). Handlers are named as
 * Linux's (__x64_sys_NAME) and take that pt_regs, so a live patch written
 * for Linux can target them (test-syscall.sh patches __x64_sys_getpid).
 * Return is by sysretq when rip is canonical user space, iretq otherwise.
 */
#ifndef KELP_SYSCALL_H
#define KELP_SYSCALL_H

#include <kelp/types.h>
#include <kelp/traps.h>
#include <kelp/compiler.h>

struct task;

/* Linux's numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define __NR_read 0
#define __NR_write 1
#define __NR_open 2
#define __NR_close 3
#define __NR_stat 4
#define __NR_fstat 5
#define __NR_lstat 6
#define __NR_lseek 8
#define __NR_mmap 9
#define __NR_mprotect 10
#define __NR_munmap 11
#define __NR_brk 12
#define __NR_rt_sigaction 13
#define __NR_rt_sigprocmask 14
#define __NR_rt_sigreturn 15
#define __NR_ioctl 16
#define __NR_readv 19
#define __NR_writev 20
#define __NR_access 21
#define __NR_sched_yield 24
#define __NR_madvise 28
#define __NR_dup 32
#define __NR_dup2 33
#define __NR_pause 34
#define __NR_nanosleep 35
#define __NR_getpid 39
#define __NR_exit 60
#define __NR_wait4 61
#define __NR_kill 62
#define __NR_uname 63
#define __NR_fcntl 72
#define __NR_getcwd 79
#define __NR_chdir 80
#define __NR_mkdir 83
#define __NR_rmdir 84
#define __NR_unlink 87
#define __NR_readlink 89
#define __NR_getuid 102
#define __NR_syslog 103
#define __NR_getgid 104
#define __NR_geteuid 107
#define __NR_getegid 108
#define __NR_getppid 110
#define __NR_rt_sigpending 127
#define __NR_rt_sigsuspend 130
#define __NR_sigaltstack 131
#define __NR_arch_prctl 158
#define __NR_reboot 169
#define __NR_sched_setaffinity 203
#define __NR_sched_getaffinity 204
#define __NR_init_module 175
#define __NR_delete_module 176
#define __NR_gettid 186
#define __NR_tkill 200
#define __NR_getdents64 217
#define __NR_set_tid_address 218
#define __NR_restart_syscall 219
#define __NR_clock_gettime 228
#define __NR_clock_getres 229
#define __NR_clock_nanosleep 230
#define __NR_exit_group 231
#define __NR_tgkill 234
#define __NR_finit_module 313
#define __NR_getrandom 318
/*
 * Kelp's own, above Linux's range: kelp_spawn(path, argv, envp) starts a
 * program in a new process (posix_spawn without file actions: the child
 * inherits the caller's descriptors and directory) and returns its pid.
 */
#define __NR_kelp_spawn 1000
#define NR_SYSCALLS 1001

#define SYSCALL_DEFINE(name) long __x64_sys_##name(const struct pt_regs *regs)

typedef long (*syscall_fn_t)(const struct pt_regs *regs);

/* Detects SMEP/SMAP, then syscall_cpu_init() for the boot CPU. Boot, from arch_cpu_init(). */
void syscall_init(void);
/* Programs the calling CPU's syscall MSRs (STAR, LSTAR, FMASK, EFER.SCE) and SMEP/SMAP. IRQs off. */
void syscall_cpu_init(void);
/* The entry point written to LSTAR (entry_64.asm). */
void entry_SYSCALL_64(void);
/* C half of the entry: runs the handler, then the exit work. Returns true to use sysretq. */
bool do_syscall_64(struct pt_regs *regs);
/*
 * Work before any return to user space (system call or interrupt): pending
 * reschedule, a pending kill, and the livepatch switch point of a task
 * with TIF_PATCH_PENDING (a direct call of klp_update_patch_state, IRQs
 * on, no locks held). Returns with IRQs off. regs: the user frame.
 */
void exit_to_user_mode(struct pt_regs *regs);
/* Enters user space with the frame regs (never returns; entry_64.asm). */
__noreturn void ret_to_user(struct pt_regs *regs);

/*
 * System calls restarted after a signal woke them (-ERESTART*: rip back
 * over the `syscall`, see syscall_64.c), since boot. Tests.
 */
extern u64 syscall_restarts;
/*
 * nanosleep's sleep (kernel/syscall.c): until ktime_get_ns() reaches
 * end_ns. Returns 0, or -ERESTART_RESTARTBLOCK on a signal with
 * current->restart_block set to finish it. Task context.
 */
long nanosleep_until(u64 end_ns);

/* Per-CPU state of the entry code: whether SMAP is on (stac/clac needed). */
extern bool cpu_has_smap, cpu_has_smep;

#endif /* KELP_SYSCALL_H */
