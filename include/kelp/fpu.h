/*
 * FPU/SSE state of user processes (kernel/x86_64/fpu.c). The kernel is
 * built without SSE (-mgeneral-regs-only), so the x87/SSE registers always
 * hold the state of the last user process that ran on the CPU; the switch
 * saves it (FXSAVE64) when a process is switched out and restores the next
 * process's (FXRSTOR64) eagerly. The same file keeps the FS base
 * (arch_prctl(ARCH_SET_FS), musl's thread pointer) per process.
 */
#ifndef KELP_FPU_H
#define KELP_FPU_H

#include <kelp/types.h>

#define FPU_STATE_SIZE 512	/* the FXSAVE area */

struct task;
struct mm;

/* Turns on FXSAVE/SSE for user mode on the calling CPU (CR0, CR4). Boot and CPU bring-up, IRQs off. */
void fpu_cpu_init(void);
/*
 * The one call in the context switch (IRQs off): saves prev's registers
 * if prev is a process, loads next's registers and FS base if next is one.
 */
void fpu_switch(struct task *prev, struct task *next);
/* Gives mm a fresh FPU area in the initial state (FCW 0x37f, MXCSR 0x1f80). 0 or -ENOMEM. */
int fpu_mm_init(struct mm *mm);
/* Frees mm's FPU area. */
void fpu_mm_free(struct mm *mm);
/* Loads the initial FPU state and mm's FS base into the CPU: a process's first entry. IRQs off. */
void fpu_enter_user(struct mm *mm);
/* Copies the current process's live registers to buf (16-byte aligned, FPU_STATE_SIZE). */
void fpu_save_current(void *buf);
/*
 * Loads buf (16-byte aligned) as the current process's registers after
 * making its MXCSR valid for this CPU (reserved bits cleared: FXRSTOR
 * would #GP); NULL loads the initial state. Task context.
 */
void fpu_restore_current(void *buf);
/* The MXCSR bits this CPU accepts. */
extern u32 fpu_mxcsr_mask;

#endif /* KELP_FPU_H */
