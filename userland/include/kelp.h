/*
 * Kelp's user-space helpers on top of musl (userland/lib/): what Kelp's
 * programs need that a C library does not have. kelp_spawn (Kelp's
 * process start, system call 1000), the module system calls musl has no
 * wrappers for, module_load() for the test programs, write_all(), number
 * parsing with the errors the programs report, a glob matcher, and
 * strerror() with glibc's wording (the messages the console contract and
 * kmod/busybox use; musl's differ for EBUSY, ENOMEM, ...). Programs are
 * static musl executables (musl-gcc -static); see docs/userland.md.
 */
#ifndef KELP_USER_H
#define KELP_USER_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min(a, b) ((a) < (b) ? (a) : (b))

typedef uint32_t u32;
typedef uint64_t u64;

/* Kelp's own system call, above Linux's range (docs/userland.md). */
#define __NR_kelp_spawn 1000

/*
 * Starts path with argv and envp in a new process (posix_spawn without
 * file actions: the child inherits descriptors and directory). Returns
 * its pid, or -1 with errno. Flushes stdio first, so that output the
 * parent buffered comes before the child's.
 */
int spawn(const char *path, char *const argv[], char *const envp[]);

/* The module system calls (Linux's numbers); 0, or -1 with errno. */
int init_module(const void *image, unsigned long len, const char *args);
int finit_module(int fd, const char *args, int flags);
int delete_module(const char *name, unsigned int flags);

/* Loads /lib/modules/NAME.ko unless /sys/module/NAME exists; 0, or -1 with errno. */
int module_load(const char *name);

/* Writes all of buf (retrying short writes); 0 or -1. */
int write_all(int fd, const void *buf, size_t n);

/*
 * Whole-string number parsing (one trailing newline allowed, as in sysfs
 * values): 0, -EINVAL (not a number) or -ERANGE (does not fit). base 0
 * takes 0x and 0 prefixes.
 */
int parse_uint(const char *s, unsigned int base, unsigned int *res);
int parse_int(const char *s, unsigned int base, int *res);
int parse_ulong(const char *s, unsigned int base, unsigned long *res);

/* Shell-style glob: '*', '?' and [...] classes (with ! or ^ and ranges). */
bool glob_match(const char *pattern, const char *str);

/*
 * ls -l's mode string ("drwxr-xr-x", "crw-rw-rw-", "lrwxrwxrwx"): 10
 * characters and a NUL in buf.
 */
void mode_string(unsigned int mode, char *buf);

/* The errno text as glibc words it ("Device or resource busy"). */
char *strerror(int err);

#endif /* KELP_USER_H */
