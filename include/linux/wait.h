/*
 * <linux/wait.h>: wait queues (wait_queue_head, DECLARE_WAIT_QUEUE_HEAD,
 * init_waitqueue_head, wait_event*, wake_up*), include/kelp/wait.h.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <kelp/wait.h>

#endif /* _LINUX_WAIT_H */
