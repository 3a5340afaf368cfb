/*
 * Spinlocks. A test-and-test-and-set lock with the interrupt-saving
 * variants every lock taken from interrupt context needs. On one CPU the
 * atomic part never spins, but the code is SMP-ready: keep using it.
 * Holding a spinlock disables preemption (the holder must not sleep);
 * raw_spin_lock() is the bare lock for the scheduler's own use.
 * Lock order and what each lock protects is written where it is declared.
 */
#ifndef KELP_SPINLOCK_H
#define KELP_SPINLOCK_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/x86.h>
#include <kelp/preempt.h>

typedef struct {
	volatile u32 locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = SPINLOCK_INIT

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static __always_inline bool raw_spin_trylock(spinlock_t *l)
{
	return __atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) == 0;
}

static __always_inline void raw_spin_lock(spinlock_t *l)
{
	while (!raw_spin_trylock(l))
		while (READ_ONCE(l->locked))
			cpu_relax();
}

static __always_inline void raw_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (raw_spin_trylock(l))
		return true;
	preempt_enable();
	return false;
}

static __always_inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	raw_spin_lock(l);
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	raw_spin_unlock(l);
	preempt_enable();
}

static __always_inline bool spin_is_locked(spinlock_t *l)
{
	return READ_ONCE(l->locked) != 0;
}

#define spin_lock_irqsave(l, flags)           \
	do {                                  \
		(flags) = local_irq_save();   \
		spin_lock(l);                 \
	} while (0)

#define spin_unlock_irqrestore(l, flags)      \
	do {                                  \
		raw_spin_unlock(l);           \
		local_irq_restore(flags);     \
		preempt_enable();             \
	} while (0)

#define spin_lock_irq(l)                      \
	do {                                  \
		local_irq_disable();          \
		spin_lock(l);                 \
	} while (0)

#define spin_unlock_irq(l)                    \
	do {                                  \
		raw_spin_unlock(l);           \
		local_irq_enable();           \
		preempt_enable();             \
	} while (0)

#endif /* KELP_SPINLOCK_H */
