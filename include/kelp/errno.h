/*
 * Error numbers: Linux's values, so that messages and tests read the same.
 * Kernel functions return them negated (-EINVAL); strerror() gives the text.
 */
#ifndef KELP_ERRNO_H
#define KELP_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define ENODATA 61
#define ENOPKG 65
#define ETIME 62
#define EOVERFLOW 75
#define EBADMSG 74
#define EPROTO 71
#define ENOTSUPP 524
#define ETIMEDOUT 110
#define ENOKEY 126
#define EKEYREJECTED 129
/*
 * Kernel-internal, never seen by user space (as in Linux): a system call
 * interrupted by a signal returns one and is restarted on its way out
 * (kernel/x86_64/syscall_64.c; Kelp runs no signal handlers, so always).
 * RESTARTBLOCK goes on through restart_syscall with current->restart_block.
 */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline int IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }
static inline int IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR_VALUE(ptr); }

/*
 * Text of an errno value (positive or negative), as glibc's strerror().
 * Host tests rename it (tests/unit/unit.h) next to the C library's.
 */
const char *strerror(int err);

#endif /* KELP_ERRNO_H */
