/*
 * kref: a reference count with a release function, Linux's API. The
 * release runs exactly once, in the context of the last kref_put().
 */
#ifndef KELP_KREF_H
#define KELP_KREF_H

#include <kelp/types.h>
#include <kelp/panic.h>

struct kref {
	int refcount;
};

static inline void kref_init(struct kref *k)
{
	smp_store_release(&k->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *k)
{
	return smp_load_acquire(&k->refcount);
}

static inline void kref_get(struct kref *k)
{
	int old = __atomic_fetch_add(&k->refcount, 1, __ATOMIC_RELAXED);

	WARN_ON(old <= 0);	/* taking a reference on a dead object */
}

/*
 * Takes a reference unless the count already reached 0 (the object is
 * being released): returns 1 if it took one, else 0. Any context.
 */
static inline int kref_get_unless_zero(struct kref *k)
{
	int old = __atomic_load_n(&k->refcount, __ATOMIC_RELAXED);

	do {
		if (old <= 0)
			return 0;
	/*
	 * Acquire: pairs with the release half of kref_put()'s acq_rel
	 * decrement by the other holders: their writes to the object come
	 * before the reference this takes.
	 */
	} while (!__atomic_compare_exchange_n(&k->refcount, &old, old + 1, false,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return 1;
}

/* Returns 1 if this put released the object, else 0. */
static inline int kref_put(struct kref *k, void (*release)(struct kref *k))
{
	int left = __atomic_sub_fetch(&k->refcount, 1, __ATOMIC_ACQ_REL);

	if (left == 0) {
		release(k);
		return 1;
	}
	WARN_ON(left < 0);
	return 0;
}

#endif /* KELP_KREF_H */
