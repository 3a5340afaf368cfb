/*
 * FPU/SSE registers and the FS base of user processes (include/kelp/fpu.h).
 * musl and any gcc-built program use SSE (memcpy, floating point) and
 * musl keeps its thread pointer in FS. The kernel itself never touches
 * x87/SSE (-mgeneral-regs-only), so the switch saves the outgoing
 * process's registers into its mm's FXSAVE area and loads the incoming
 * process's: eager, no CR0.TS lazy trap, one FXSAVE64/FXRSTOR64 pair per
 * switch between processes. Called from one line in context_switch().
 */
#include <kelp/fpu.h>
#include <kelp/errno.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define X86_CR0_MP (1UL << 1)
#define X86_CR0_EM (1UL << 2)
#define X86_CR0_TS (1UL << 3)
#define X86_CR0_NE (1UL << 5)
#define X86_CR4_OSFXSR (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)

#define FX_MXCSR 24		/* offsets in the FXSAVE area */
#define FX_MXCSR_MASK 28

u32 fpu_mxcsr_mask = 0xffbf;	/* the architectural default when the CPU reports 0 */

/* The state a process starts with: FNINIT's control word, every SSE exception masked. */
static u8 fpu_init_state[FPU_STATE_SIZE] __aligned(16) = {
	[0] = 0x7f, [1] = 0x03,				/* FCW 0x037f */
	[FX_MXCSR] = 0x80, [FX_MXCSR + 1] = 0x1f,	/* MXCSR 0x1f80 */
};

static __always_inline void fxsave(void *buf)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(*(u8 (*)[FPU_STATE_SIZE])buf));
}

static __always_inline void fxrstor(const void *buf)
{
	__asm__ __volatile__("fxrstor64 %0" : : "m"(*(const u8 (*)[FPU_STATE_SIZE])buf));
}

static __always_inline void write_cr0(u64 v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

/* See fpu.h. */
void fpu_cpu_init(void)
{
	static u8 probe[FPU_STATE_SIZE] __aligned(16);
	u32 mask;

	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP | X86_CR0_NE);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit");
	fxsave(probe);
	memcpy(&mask, probe + FX_MXCSR_MASK, sizeof(mask));
	if (mask)
		fpu_mxcsr_mask = mask;
}

/* See fpu.h. */
notrace void fpu_switch(struct task *prev, struct task *next)
{
	if (prev->mm && prev->mm->fpu)
		fxsave(prev->mm->fpu);
	if (next->mm && next->mm->fpu) {
		fxrstor(next->mm->fpu);
		wrmsr(MSR_FS_BASE, next->mm->fsbase);
	}
}

/* See fpu.h. */
int fpu_mm_init(struct mm *mm)
{
	mm->fpu = kmalloc(FPU_STATE_SIZE, GFP_KERNEL);
	if (!mm->fpu)
		return -ENOMEM;
	if (WARN_ON((unsigned long)mm->fpu & 15)) {
		kfree(mm->fpu);
		mm->fpu = NULL;
		return -ENOMEM;
	}
	memcpy(mm->fpu, fpu_init_state, FPU_STATE_SIZE);
	return 0;
}

/* See fpu.h. */
void fpu_mm_free(struct mm *mm)
{
	kfree(mm->fpu);
	mm->fpu = NULL;
}

/* See fpu.h. */
void fpu_enter_user(struct mm *mm)
{
	fxrstor(fpu_init_state);
	wrmsr(MSR_FS_BASE, mm->fsbase);
}

/* See fpu.h. IRQs off around the instruction only: a switch saves and restores the same registers. */
void fpu_save_current(void *buf)
{
	fxsave(buf);
}

/* See fpu.h. */
void fpu_restore_current(void *buf)
{
	unsigned long flags;
	u32 mxcsr;

	if (!buf) {
		flags = local_irq_save();
		fxrstor(fpu_init_state);
		local_irq_restore(flags);
		return;
	}
	memcpy(&mxcsr, (u8 *)buf + FX_MXCSR, sizeof(mxcsr));
	mxcsr &= fpu_mxcsr_mask;
	memcpy((u8 *)buf + FX_MXCSR, &mxcsr, sizeof(mxcsr));
	flags = local_irq_save();
	fxrstor(buf);
	local_irq_restore(flags);
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/*
 * arch_prctl(code, addr): ARCH_SET_FS (addr must be a user address, else
 * -EPERM as Linux) and ARCH_GET_FS (-EFAULT for a bad pointer). The GS
 * base belongs to the kernel's per-CPU area (swapgs): ARCH_SET_GS and
 * ARCH_GET_GS are -EINVAL, as is any other code.
 */
SYSCALL_DEFINE(arch_prctl)
{
	struct mm *mm = current->mm;
	unsigned long flags;

	switch (regs->di) {
	case ARCH_SET_FS:
		if (regs->si >= USER_TOP)
			return -EPERM;
		flags = local_irq_save();
		mm->fsbase = regs->si;
		wrmsr(MSR_FS_BASE, mm->fsbase);
		local_irq_restore(flags);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((void __user *)regs->si, &mm->fsbase, sizeof(mm->fsbase));
	default:
		return -EINVAL;
	}
}
