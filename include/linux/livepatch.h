/*
 * <linux/livepatch.h> for patches written against Linux's API: the
 * structures and klp_enable_patch() are Kelp's own, with Linux's names and
 * meanings (include/kelp/livepatch.h).
 */
#ifndef _LINUX_LIVEPATCH_H
#define _LINUX_LIVEPATCH_H

#include <kelp/livepatch.h>

#endif /* _LINUX_LIVEPATCH_H */
