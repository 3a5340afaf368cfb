/*
 * Private to the process tests and benchmarks (process_util.c): starting
 * user programs from the kernel and waiting for them.
 */
#ifndef TESTS_KTEST_SCHED_PROCESS_UTIL_H
#define TESTS_KTEST_SCHED_PROCESS_UTIL_H

#include <kelp/sched.h>

/* Starts path [arg] as a parentless process; returns it with a reference, or an ERR_PTR. */
struct task *spawn_ref(const char *path, const char *arg);
/* Waits for t to exit; returns its wait status and drops the reference. */
int wait_exit(struct task *t);
/* Whether path exists. */
bool have_bin(const char *path);

#endif /* TESTS_KTEST_SCHED_PROCESS_UTIL_H */
