/*
 * Atomic integers with Linux's names: atomic_t (int) and atomic64_t (s64).
 * Read-modify-write operations are sequentially consistent (x86 lock
 * prefix); atomic_read/atomic_set are plain once-accesses, as in Linux.
 * Usable in any context, including interrupt handlers.
 */
#ifndef KELP_ATOMIC_H
#define KELP_ATOMIC_H

#include <kelp/types.h>
#include <kelp/compiler.h>

typedef struct { int counter; } atomic_t;
typedef struct { s64 counter; } atomic64_t;

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }

#define __KELP_ATOMIC_OPS(pfx, atype, ctype)                                     \
static __always_inline ctype pfx##_read(const atype *v)                          \
{ return READ_ONCE(v->counter); }                                              \
static __always_inline void pfx##_set(atype *v, ctype i)                         \
{ WRITE_ONCE(v->counter, i); }                                                 \
static __always_inline void pfx##_add(ctype i, atype *v)                         \
{ __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }                      \
static __always_inline void pfx##_sub(ctype i, atype *v)                         \
{ __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); }                      \
static __always_inline void pfx##_inc(atype *v) { pfx##_add(1, v); }             \
static __always_inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }             \
static __always_inline ctype pfx##_add_return(ctype i, atype *v)                 \
{ return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }               \
static __always_inline ctype pfx##_sub_return(ctype i, atype *v)                 \
{ return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }               \
static __always_inline ctype pfx##_fetch_add(ctype i, atype *v)                  \
{ return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }               \
static __always_inline ctype pfx##_fetch_sub(ctype i, atype *v)                  \
{ return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); }               \
static __always_inline ctype pfx##_inc_return(atype *v) { return pfx##_add_return(1, v); } \
static __always_inline ctype pfx##_dec_return(atype *v) { return pfx##_sub_return(1, v); } \
static __always_inline bool pfx##_dec_and_test(atype *v) { return pfx##_dec_return(v) == 0; } \
static __always_inline bool pfx##_inc_and_test(atype *v) { return pfx##_inc_return(v) == 0; } \
static __always_inline ctype pfx##_xchg(atype *v, ctype n)                       \
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); }              \
/* Returns the old value; stores n only if it was o. */                        \
static __always_inline ctype pfx##_cmpxchg(atype *v, ctype o, ctype n)           \
{                                                                              \
	__atomic_compare_exchange_n(&v->counter, &o, n, false, __ATOMIC_SEQ_CST, \
				    __ATOMIC_SEQ_CST);                          \
	return o;                                                              \
}                                                                              \
/* Adds a unless the value is u; returns true if it added. */                  \
static __always_inline bool pfx##_add_unless(atype *v, ctype a, ctype u)         \
{                                                                              \
	ctype c = pfx##_read(v);                                               \
	while (c != u) {                                                       \
		if (__atomic_compare_exchange_n(&v->counter, &c, c + a, false,  \
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) \
			return true;                                           \
	}                                                                      \
	return false;                                                          \
}                                                                              \
static __always_inline bool pfx##_inc_not_zero(atype *v) { return pfx##_add_unless(v, 1, 0); }

__KELP_ATOMIC_OPS(atomic, atomic_t, int)
__KELP_ATOMIC_OPS(atomic64, atomic64_t, s64)

#undef __KELP_ATOMIC_OPS

/* Bit operations on an unsigned long word (Linux's set_bit family, nr < 64). */
static __always_inline void set_bit(unsigned int nr, volatile unsigned long *w)
{
	__atomic_fetch_or(w, 1UL << nr, __ATOMIC_SEQ_CST);
}

static __always_inline void clear_bit(unsigned int nr, volatile unsigned long *w)
{
	__atomic_fetch_and(w, ~(1UL << nr), __ATOMIC_SEQ_CST);
}

static __always_inline bool test_bit(unsigned int nr, const volatile unsigned long *w)
{
	return (READ_ONCE(*w) >> nr) & 1;
}

static __always_inline bool test_and_set_bit(unsigned int nr, volatile unsigned long *w)
{
	return (__atomic_fetch_or(w, 1UL << nr, __ATOMIC_SEQ_CST) >> nr) & 1;
}

static __always_inline bool test_and_clear_bit(unsigned int nr, volatile unsigned long *w)
{
	return (__atomic_fetch_and(w, ~(1UL << nr), __ATOMIC_SEQ_CST) >> nr) & 1;
}

#endif /* KELP_ATOMIC_H */
