/*
 * <asm/barrier.h>: Linux's memory barriers (mb, rmb, wmb, smp_*,
 * smp_load_acquire, smp_store_release, barrier) are Kelp's
 * (include/kelp/barrier.h), x86-64's.
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <kelp/barrier.h>

#endif /* _ASM_X86_BARRIER_H */
