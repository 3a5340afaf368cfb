/*
 * <linux/livepatch.h> for patches written against Linux's API: the
 * structures and klp_enable_patch() are Kelp's own, with Linux's names and
 * meanings (include/kelp/livepatch.h), and the shadow variable API
 * (include/kelp/klp_shadow.h), which Linux declares in this header too.
 */
#ifndef _LINUX_LIVEPATCH_H
#define _LINUX_LIVEPATCH_H

#include <linux/types.h>
#include <kelp/livepatch.h>
#include <kelp/klp_shadow.h>

#endif /* _LINUX_LIVEPATCH_H */
