/*
 * Kelp's tiny C library for user programs (userland/lib/): system call
 * stubs with errno, the kernel's own string, formatting, strerror and
 * kstrto* code (kernel/lib/, built again for ring 3), buffered-free stdio
 * on descriptors, and malloc over brk. Static binaries only; no FPU/SSE
 * (programs are built with -mgeneral-regs-only: the kernel does not save
 * vector registers). See docs/userland.md.
 */
#ifndef KELP_LIBC_H
#define KELP_LIBC_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/kstrto.h>
#include <kelp/syscall.h>
#include <kelp/uapi.h>	/* O_*, struct stat, W*, SIG*: the ABI the kernel uses */

/* ---- errno and system calls (syscalls.c) ---- */
extern int errno;
/* Raw system call: returns the kernel's value (negative errno on failure). */
long __syscall(long nr, long a, long b, long c, long d, long e, long f);
/* Sets errno and returns -1 for a negative errno value; r otherwise. */
long __sys_ret(long r);

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int open(const char *path, int flags, ...);
int close(int fd);
long lseek(int fd, long off, int whence);
int stat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int dup(int fd);
int ioctl(int fd, unsigned long cmd, void *arg);
int dup2(int oldfd, int newfd);
int nanosleep(const struct timespec *req, struct timespec *rem);
unsigned int sleep(unsigned int secs);
int getpid(void);
int sched_yield(void);
int getppid(void);
__noreturn void _exit(int code);
__noreturn void exit(int code);
int wait4(int pid, int *status, int options, void *rusage);
int waitpid(int pid, int *status, int options);
int kill(int pid, int sig);
int uname(struct utsname *u);
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int mkdir(const char *path, int mode);
int rmdir(const char *path);
int unlink(const char *path);
int getdents64(int fd, void *buf, size_t len);
int klogctl(int type, char *buf, int len);
void *sbrk(long inc);
/* Starts path with argv and envp in a new process; returns its pid or -1. */
int spawn(const char *path, char *const argv[], char *const envp[]);
/* reboot(2) with Linux's magic numbers: LINUX_REBOOT_CMD_POWER_OFF or _RESTART. -1 on failure. */
int reboot(int cmd);
int clock_gettime(int clk, struct timespec *tp);
int init_module(const void *image, unsigned long len, const char *args);
int finit_module(int fd, const char *args, int flags);
int delete_module(const char *name, unsigned int flags);

extern char **environ;

/* ---- output (stdio.c): unbuffered, straight to the descriptor ---- */
int printf(const char *fmt, ...) __printf(1, 2);
int dprintf(int fd, const char *fmt, ...) __printf(2, 3);
int vdprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);
/* Writes all of buf (retrying short writes); 0 or -1. */
int write_all(int fd, const void *buf, size_t n);
const char *strerror(int err);

/* ---- memory (malloc.c) ---- */
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);
char *strdup(const char *s);

/* ---- modules (module.c) ---- */
/* Loads /lib/modules/NAME.ko unless /sys/module/NAME exists; 0, or -1 with errno. */
int module_load(const char *name);

/* ---- misc ---- */
int atoi(const char *s);
char *getenv(const char *name);

#endif /* KELP_LIBC_H */
