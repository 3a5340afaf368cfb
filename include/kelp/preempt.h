/*
 * Preemption control. The count lives in the per-CPU area (struct cpu in
 * sched.h, reached through the GS base), at a fixed offset so these are
 * single instructions. A task may be preempted only while the count is 0
 * and interrupts are on; spinlocks, the scheduler and explicit
 * preempt_disable() sections raise it. The count is the same for every
 * task at a context switch, so it needs no saving.
 */
#ifndef KELP_PREEMPT_H
#define KELP_PREEMPT_H

#include <kelp/types.h>
#include <kelp/compiler.h>

#define PERCPU_OFF_SELF 0
#define PERCPU_OFF_PREEMPT_COUNT 8
#define PERCPU_OFF_CURRENT 16

/* Reschedules if the count dropped to 0, a switch is due and IRQs are on. */
void preempt_check_resched(void);

#ifdef __KELP_HOST__
static inline int preempt_count(void) { return 0; }
static inline void preempt_disable(void) {}
static inline void preempt_enable_no_resched(void) {}
static inline void preempt_enable(void) {}
#else
static __always_inline int preempt_count(void)
{
	int c;

	__asm__ __volatile__("movl %%gs:8, %0" : "=r"(c));
	return c;
}

static __always_inline void preempt_disable(void)
{
	__asm__ __volatile__("incl %%gs:8" ::: "memory");
}

static __always_inline void preempt_enable_no_resched(void)
{
	__asm__ __volatile__("decl %%gs:8" ::: "memory");
}

static __always_inline void preempt_enable(void)
{
	bool zero;

	__asm__ __volatile__("decl %%gs:8" : "=@ccz"(zero) : : "memory");
	if (unlikely(zero))
		preempt_check_resched();
}
#endif

#endif /* KELP_PREEMPT_H */
