/* <linux/slab.h>: kmalloc, kzalloc, kcalloc, krealloc, kfree, kstrdup (include/kelp/mm.h). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <kelp/mm.h>

#define kmalloc_array(n, size, flags) kcalloc(n, size, flags)

#endif /* _LINUX_SLAB_H */
