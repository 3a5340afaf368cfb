/*
 * <linux/spinlock.h>: spinlock_t, DEFINE_SPINLOCK, spin_lock/unlock and
 * the _irq/_irqsave variants (include/kelp/spinlock.h).
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <kelp/spinlock.h>

#endif /* _LINUX_SPINLOCK_H */
