/*
 * <linux/completion.h>: struct completion, DECLARE_COMPLETION,
 * init_completion, wait_for_completion*, complete, complete_all
 * (include/kelp/completion.h, kernel/sched/wait.c).
 */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/types.h>
#include <linux/wait.h>
#include <kelp/completion.h>

#endif /* _LINUX_COMPLETION_H */
