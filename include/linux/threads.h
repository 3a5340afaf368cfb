/*
 * <linux/threads.h>: NR_CPUS, the most CPUs the kernel supports (defined
 * in include/kelp/smp.h, the size of Kelp's per-CPU arrays), and PID_MAX_DEFAULT.
 */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

#include <kelp/smp.h>

#define PID_MAX_DEFAULT 0x8000

#endif /* _LINUX_THREADS_H */
