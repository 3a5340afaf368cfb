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

/* ---- errno and system calls (syscalls.c) ---- */
extern int errno;
/* Raw system call: returns the kernel's value (negative errno on failure). */
long __syscall(long nr, long a, long b, long c, long d, long e, long f);
/* Sets errno and returns -1 for a negative errno value; r otherwise. */
long __sys_ret(long r);

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define WNOHANG 1
#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0)
#define WTERMSIG(s) ((s) & 0x7f)
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)

struct stat {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 reserved[3];
};

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
};

struct timespec {
	s64 tv_sec, tv_nsec;
};

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int open(const char *path, int flags, ...);
int close(int fd);
long lseek(int fd, long off, int whence);
int stat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int dup(int fd);
int ioctl(int fd, unsigned long cmd, void *arg);
#define TIOCGPGRP 0x540f
#define TIOCSPGRP 0x5410
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
/* Runs a line with the kernel's command table; returns its exit status or -1. */
int kelp_cmd(const char *line);
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

/* ---- misc ---- */
int atoi(const char *s);
char *getenv(const char *name);

#endif /* KELP_LIBC_H */
