/*
 * <linux/linkage.h>: asmlinkage (arguments in registers on x86-64, as
 * Linux: the marker has no effect there) and the symbol-alignment helpers
 * modules meet in Linux's headers.
 */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <linux/types.h>

#ifndef asmlinkage
#define asmlinkage
#endif
#define __visible __attribute__((externally_visible))

#endif /* _LINUX_LINKAGE_H */
