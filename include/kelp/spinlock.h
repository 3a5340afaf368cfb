/*
 * Spinlocks: ticket locks (FIFO: CPUs get the lock in the order they
 * asked, so none starves), with the interrupt-saving variants every lock
 * taken from interrupt context needs. A locker takes a ticket (atomic
 * increment of `next`) and spins until `owner` shows it; unlock hands the
 * lock to the next ticket with a release store. Holding a spinlock
 * disables preemption (the holder must not sleep); raw_spin_lock() is the
 * bare lock for the scheduler's own use. The lock order and what each
 * lock protects are written where it is declared (docs/smp.md lists them).
 * Every spinlock carries a lockdep_map: the lock validator (lockdep.h)
 * sees spin_lock*, never raw_spin_*; a lock initialised with SPINLOCK_INIT
 * has no class and is not validated (wait-queue and mutex-internal locks).
 */
#ifndef KELP_SPINLOCK_H
#define KELP_SPINLOCK_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/x86.h>
#include <kelp/preempt.h>
#include <kelp/lockdep.h>

/*
 * owner: the ticket being served; next: the next ticket to hand out. Both
 * in one 32-bit word so that trylock can compare-and-swap them together.
 * Free when they are equal.
 */
typedef struct {
	union {
		volatile u32 val;
		struct {
			volatile u16 owner;
			volatile u16 next;
		};
	};
	struct lockdep_map dep_map;
} spinlock_t;

/* Not validated: for locks inside other primitives (wait queues, mutexes). */
#define SPINLOCK_INIT { { 0 }, { 0 } }
/* A static lock is its own class, named after itself. */
#define DEFINE_SPINLOCK(name) spinlock_t name = { { 0 }, LOCKDEP_MAP_INIT(#name, &name) }

static inline void __spin_lock_init(spinlock_t *l, const char *name,
				    const struct lock_class_key *key)
{
	l->val = 0;
	lockdep_init_map(&l->dep_map, name, key);
}

/* One class per place that initialises locks, as in Linux. */
#define spin_lock_init(l)                                     \
	do {                                                  \
		static struct lock_class_key __key;           \
		__spin_lock_init((l), #l, &__key);            \
	} while (0)

/* The validator's hooks; lock_acquire() records the caller's caller as the site. */
static __always_inline void spin_acquire(spinlock_t *l, unsigned int subclass, bool trylock)
{
	if (unlikely(lockdep_on))
		lock_acquire(&l->dep_map, subclass, trylock, 0);
}

static __always_inline void spin_release(spinlock_t *l)
{
	if (unlikely(lockdep_on))
		lock_release(&l->dep_map, 0);
}

static __always_inline bool raw_spin_trylock(spinlock_t *l)
{
	u32 old = READ_ONCE(l->val);

	if ((u16)old != (u16)(old >> 16))
		return false;
	/* Acquire: pairs with the release in raw_spin_unlock() of the last holder. */
	return __atomic_compare_exchange_n(&l->val, &old, old + 0x10000, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static __always_inline void raw_spin_lock(spinlock_t *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	/* Acquire: pairs with the release in raw_spin_unlock() that serves ticket me. */
	while (smp_load_acquire(&l->owner) != me)
		cpu_relax();
}

static __always_inline void raw_spin_unlock(spinlock_t *l)
{
	/* Release: pairs with the acquire loads of raw_spin_lock()/raw_spin_trylock(). */
	smp_store_release(&l->owner, (u16)(l->owner + 1));
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (raw_spin_trylock(l)) {
		spin_acquire(l, 0, true);
		return true;
	}
	preempt_enable();
	return false;
}

/* Checked before spinning: an AB-BA order is reported even if it would deadlock. */
static __always_inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	spin_acquire(l, 0, false);
	raw_spin_lock(l);
}

/* Deliberate nesting of two locks of one class (a lower subclass first). */
static __always_inline void spin_lock_nested(spinlock_t *l, unsigned int subclass)
{
	preempt_disable();
	spin_acquire(l, subclass, false);
	raw_spin_lock(l);
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	spin_release(l);
	raw_spin_unlock(l);
	preempt_enable();
}

static __always_inline bool spin_is_locked(spinlock_t *l)
{
	u32 v = READ_ONCE(l->val);

	return (u16)v != (u16)(v >> 16);
}

#define spin_lock_irqsave(l, flags)           \
	do {                                  \
		(flags) = local_irq_save();   \
		spin_lock(l);                 \
	} while (0)

#define spin_unlock_irqrestore(l, flags)      \
	do {                                  \
		spin_release(l);              \
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
		spin_release(l);              \
		raw_spin_unlock(l);           \
		local_irq_enable();           \
		preempt_enable();             \
	} while (0)

#endif /* KELP_SPINLOCK_H */
