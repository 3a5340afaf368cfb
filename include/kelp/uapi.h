/*
 * The user ABI: the values and structures that cross the system call
 * boundary, with Linux's numbers and x86-64 layouts, for the kernel
 * (fs.h, process.h, syscall.c, the console). User programs are built on
 * musl, whose headers carry Linux's values: these must stay Linux's.
 * System call numbers are in <kelp/syscall.h>, errno values in
 * <kelp/errno.h>, signals and the signal frame in <kelp/signal.h>.
 */
#ifndef KELP_UAPI_H
#define KELP_UAPI_H

#include <kelp/types.h>

/* open() flags and lseek() whence. */
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_ACCMODE 3
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3

/* File types (st_mode). */
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_IFCHR 0020000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)

/* Signal numbers the kernel names itself (the rest: <kelp/signal.h>). */
#define SIGHUP 1
#define SIGINT 2
#define SIGILL 4
#define SIGTRAP 5
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGTERM 15

/* wait4() options and status words. */
#define WNOHANG 1
#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0)
#define WTERMSIG(s) ((s) & 0x7f)

/* The console's ioctls: the foreground process (group) Ctrl-C goes to. */
#define TIOCGPGRP 0x540f
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TCGETS 0x5401

/* reboot(): Linux's magic numbers and commands (<linux/reboot.h>). */
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

/* stat() and fstat(). */
struct stat {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 reserved[3];
};

/* getdents64() records, 8-byte aligned. */
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

/*
 * Linux's clock ids. Kelp has one clock, the time since boot; with no
 * battery clock, CLOCK_REALTIME starts at the epoch at boot, as Linux's
 * does on a machine without an RTC.
 */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11
#define TIMER_ABSTIME 0x01

/* getrandom() flags */
#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

#endif /* KELP_UAPI_H */
