/*
 * <linux/wait_bit.h>: wait_on_bit*, wake_up_bit, clear_and_wake_up_bit,
 * wait_var_event* and wake_up_var on Linux's hashed shared queues
 * (include/kelp/wait_bit.h, kernel/sched/wait_bit.c).
 */
#ifndef _LINUX_WAIT_BIT_H
#define _LINUX_WAIT_BIT_H

#include <linux/wait.h>
#include <kelp/wait_bit.h>

#endif /* _LINUX_WAIT_BIT_H */
