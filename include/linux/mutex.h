/* <linux/mutex.h>: sleeping mutexes: DEFINE_MUTEX, mutex_lock, mutex_unlock (include/kelp/mutex.h). */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/types.h>
#include <kelp/mutex.h>

#endif /* _LINUX_MUTEX_H */
