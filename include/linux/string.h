/* <linux/string.h>: Kelp's string functions (kernel/lib/string.c). */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>
#include <kelp/string.h>

#endif /* _LINUX_STRING_H */
