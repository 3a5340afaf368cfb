/* <linux/list.h>: doubly linked lists, Linux's API (include/kelp/list.h). */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#include <linux/types.h>
#include <kelp/list.h>

#endif /* _LINUX_LIST_H */
