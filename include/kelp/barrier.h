/*
 * Memory barriers under Linux's names, for x86-64 (x86 keeps loads in
 * order, stores in order, and only lets a load pass an earlier store to
 * another address). So smp_rmb(), smp_wmb(), release and acquire only
 * have to hold the compiler back; smp_mb() is the one that costs: a
 * locked add to the stack, as Linux does, cheaper than mfence. mb(),
 * rmb() and wmb() are the fences for device memory and non-temporal
 * stores. Every user says in a comment which barrier on the other side
 * it pairs with (docs/smp.md, "Barrier pairs").
 */
#ifndef KELP_BARRIER_H
#define KELP_BARRIER_H

#define mb() __asm__ __volatile__("mfence" ::: "memory")
#define rmb() __asm__ __volatile__("lfence" ::: "memory")
#define wmb() __asm__ __volatile__("sfence" ::: "memory")

/* Full barrier: no load moves before an earlier store (x86's one reordering). */
#define smp_mb() __asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc")
#define smp_rmb() __asm__ __volatile__("" ::: "memory")
#define smp_wmb() __asm__ __volatile__("" ::: "memory")

/* Around atomic read-modify-writes, which are locked, hence full barriers on x86. */
#define smp_mb__before_atomic() __asm__ __volatile__("" ::: "memory")
#define smp_mb__after_atomic() __asm__ __volatile__("" ::: "memory")

/* A store that earlier loads and stores cannot pass; a load that later ones cannot pass. */
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)

/* A store followed by a full barrier (Linux's smp_store_mb: an xchg on x86). */
#define smp_store_mb(var, v) ((void)__atomic_exchange_n(&(var), (v), __ATOMIC_SEQ_CST))

#endif /* KELP_BARRIER_H */
