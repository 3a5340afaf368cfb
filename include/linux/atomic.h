/*
 * <linux/atomic.h>: atomic_t/atomic64_t and their operations, and the
 * bit operations on a word (include/kelp/atomic.h). Everything is inline:
 * nothing here needs an export.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <kelp/atomic.h>

#endif /* _LINUX_ATOMIC_H */
