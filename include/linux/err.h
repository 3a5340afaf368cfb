/*
 * <linux/err.h>: error values carried in pointers (ERR_PTR, PTR_ERR,
 * IS_ERR, IS_ERR_OR_NULL, ERR_CAST, PTR_ERR_OR_ZERO, MAX_ERRNO), as
 * kthread_run() and friends return them. The first ones are Kelp's own
 * (include/kelp/errno.h); the two Linux adds on top are here.
 */
#ifndef _LINUX_ERR_H
#define _LINUX_ERR_H

#include <linux/types.h>
#include <kelp/errno.h>

/* An error pointer as another pointer type (Linux's ERR_CAST). */
static inline void *ERR_CAST(const void *ptr)
{
	return (void *)ptr;
}

/* The error in ptr, or 0 when it is a real pointer (NULL included). */
static inline int PTR_ERR_OR_ZERO(const void *ptr)
{
	return IS_ERR(ptr) ? (int)PTR_ERR(ptr) : 0;
}

#endif /* _LINUX_ERR_H */
