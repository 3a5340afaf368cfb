/*
 * <linux/kref.h>: Linux's kref (kref_init, kref_get(_unless_zero), kref_put with a
 * release function, kref_read), which is Kelp's own (include/kelp/kref.h):
 * the release runs exactly once, in the context of the last kref_put().
 */
#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

#include <linux/types.h>
#include <kelp/kref.h>

#endif /* _LINUX_KREF_H */
