/*
 * Kernel log: printk() with Linux's log levels, a ring buffer of records
 * with nanosecond timestamps (read by `dmesg`), and echo to the registered
 * consoles (register_console, as Linux: the 16550 driver registers COM1) of
 * every record whose level is below console_loglevel.
 * printk is callable from any context, including exception handlers.
 */
#ifndef KELP_PRINTK_H
#define KELP_PRINTK_H

#include <kelp/types.h>
#include <kelp/compiler.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_DEFAULT (-1)	/* Linux's: "no level given" (vprintk_emit) */
/* Level of a printk without a KERN_ level: Linux's default_message_loglevel. */
#define MESSAGE_LOGLEVEL_DEFAULT 4
#define CONSOLE_LOGLEVEL_DEFAULT 7
#define CONSOLE_LOGLEVEL_QUIET 4
#define CONSOLE_LOGLEVEL_MOTORMOUTH 15	/* everything (Linux's name) */

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/*
 * pr_debug is dynamic debug (kernel/dynamic_debug.c), as Linux's: each
 * call site has a descriptor in the __dyndbg section (the kernel's between
 * __start___dyndbg and __stop___dyndbg in linker.ld, a module's found by
 * the loader), whose flags /sys/kernel/debug/dynamic_debug/control sets.
 * Kelp's default is +p (Linux's is off): see docs/linux-compat.md.
 */
struct _ddebug {
	const char *modname;		/* KBUILD_MODNAME; NULL in the kernel proper */
	const char *function;
	const char *filename;
	const char *format;
	unsigned int lineno;
	unsigned int flags;		/* _DPRINTK_FLAGS_* */
} __aligned(8);

#define _DPRINTK_FLAGS_PRINT (1u << 0)		/* p: print it */
#define _DPRINTK_FLAGS_INCL_MODNAME (1u << 1)	/* m: prefix the module name */
#define _DPRINTK_FLAGS_INCL_FUNCNAME (1u << 2)	/* f: prefix the function name */
#define _DPRINTK_FLAGS_INCL_SOURCENAME (1u << 3)	/* s: prefix the source file */
#define _DPRINTK_FLAGS_INCL_LINENO (1u << 4)	/* l: prefix the line number */
#define _DPRINTK_FLAGS_INCL_TID (1u << 5)	/* t: prefix the thread id */
#define _DPRINTK_FLAGS_DEFAULT _DPRINTK_FLAGS_PRINT

/* Registers the kernel's sites and mounts /sys/kernel/debug/dynamic_debug. Boot, after sysfs. */
void dynamic_debug_init(void);

/* Prints a site's message at KERN_DEBUG with the prefixes its flags ask for. */
void __dynamic_pr_debug(struct _ddebug *descriptor, const char *fmt, ...) __printf(2, 3);

#ifdef KBUILD_MODNAME
#define DDEBUG_MODNAME KBUILD_MODNAME
#else
#define DDEBUG_MODNAME NULL
#endif

#if defined(__KELP_HOST__)
/* Host unit tests and fuzzers have no __dyndbg section: plain debug messages. */
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define DEFINE_DYNAMIC_DEBUG_METADATA(name, fmt)                                  \
	static struct _ddebug name __used __section("__dyndbg") __aligned(8) = { \
		.modname = DDEBUG_MODNAME, .function = __func__,               \
		.filename = __FILE__, .format = (fmt), .lineno = __LINE__,      \
		.flags = _DPRINTK_FLAGS_DEFAULT,                                 \
	}
#define pr_debug(fmt, ...) do {                                                    \
	DEFINE_DYNAMIC_DEBUG_METADATA(__ddebug_site, fmt);                       \
	if (unlikely(READ_ONCE(__ddebug_site.flags) & _DPRINTK_FLAGS_PRINT))     \
		__dynamic_pr_debug(&__ddebug_site, pr_fmt(fmt), ##__VA_ARGS__);  \
} while (0)
#endif
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/* Console echo threshold: records with level < console_loglevel are printed. */
extern int console_loglevel;

/* Returns the number of characters formatted (before any truncation). */
int printk(const char *fmt, ...) __printf(1, 2);
/* The same under Linux's out-of-line name. */
int _printk(const char *fmt, ...) __printf(1, 2);
/* True at most once per interval_msecs for *caller_jiffies (Linux's). */
bool printk_timed_ratelimit(unsigned long *caller_jiffies, unsigned int interval_msecs);
int vprintk(const char *fmt, va_list ap);
/*
 * Linux's vprintk_emit(): one record with a syslog facility and a level
 * (LOGLEVEL_DEFAULT: the KERN_ prefix of fmt, else the default). dev_info
 * must be NULL (Kelp keeps no device dictionaries). Returns the length
 * formatted. Any context.
 */
struct dev_printk_info;
int vprintk_emit(int facility, int level, const struct dev_printk_info *dev_info,
		 const char *fmt, va_list args);
/*
 * Linux's printk_ratelimit(): true while the shared budget (10 messages
 * per 5 s) lasts; when a new window starts after suppressions it logs
 * "FUNC: N callbacks suppressed". Any context.
 */
int __printk_ratelimit(const char *func);
#define printk_ratelimit() __printk_ratelimit(__func__)
/*
 * Linux's hex dumps (kernel/lib/hexdump.c). hex_dump_to_buffer: one row of
 * at most rowsize (16 or 32) bytes in groups of groupsize (1, 2, 4, 8)
 * bytes, then the ASCII if asked; returns the row's length, or the length
 * the whole row needs when linebuf is too small. print_hex_dump: printk's
 * each row of buf with level, prefix_str and an address or offset prefix.
 * Any context.
 */
enum { DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS, DUMP_PREFIX_OFFSET };
extern const char hex_asc[], hex_asc_upper[];
/* A hex digit's value, or -1. */
int hex_to_bin(unsigned char ch);
/* count bytes from 2 * count hex digits: 0, or -EINVAL at a non-digit. */
int hex2bin(u8 *dst, const char *src, size_t count);
/* 2 * count lower-case hex digits (no NUL); returns the end of dst. */
char *bin2hex(char *dst, const void *src, size_t count);
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii);
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
		    int groupsize, const void *buf, size_t len, bool ascii);
#define print_hex_dump_bytes(prefix_str, prefix_type, buf, len) \
	print_hex_dump(KERN_DEBUG, prefix_str, prefix_type, 16, 1, buf, len, true)
/* Non-zero while an oops or panic is being printed (Linux's). */
extern int oops_in_progress;

/*
 * Walks the records in the log from the last clear (printk_log_clear),
 * oldest first, calling emit() with each formatted line
 * ("[    1.234567] text\n"): syslog(2)'s view. Records added while the
 * walk runs are not shown. Task context.
 */
void printk_log_for_each(void (*emit)(const char *line, size_t len, void *arg), void *arg);
/*
 * dmesg -C (syslog's CLEAR): later syslog reads and /dev/kmsg's SEEK_DATA
 * start after the records logged so far; the records stay (SEEK_SET).
 */
void printk_log_clear(void);
/* Number of records dropped because the ring was full. */
u64 printk_log_dropped(void);

/*
 * A reader's place in the log, record by record (/dev/kmsg, kernel/kmsg.c).
 * pos is the byte position of its next record; once the ring has evicted
 * that position the reader has lost records (-EPIPE).
 */
struct kmsg_iter {
	u64 pos;
	u64 seq;	/* the seq of the record at pos (or the next one) */
};

enum { KMSG_SEEK_FIRST, KMSG_SEEK_CLEAR, KMSG_SEEK_END };

/* Puts it at the oldest record, the first after the last clear, or the end. Any context. */
void kmsg_iter_seek(struct kmsg_iter *it, int whence);
/* True if a record is there for it to read. Lockless, any context. */
bool kmsg_iter_ready(const struct kmsg_iter *it);
/*
 * Formats the record at it as Linux's /dev/kmsg does
 * ("priority,seq,usec,-;text\n", unprintable bytes as \xNN) into buf and
 * steps past it. size must hold KMSG_RECORD_MAX bytes. Returns the length,
 * -EAGAIN when there is no record yet, or -EPIPE when records it had not
 * read were overwritten (it then moves to the oldest one). Any context.
 */
long kmsg_iter_read(struct kmsg_iter *it, char *buf, size_t size);
#define KMSG_RECORD_MAX (4 * 1024 + 64)

/*
 * Parses the optional "<N>" syslog priority at the start of a /dev/kmsg
 * write, as Linux's devkmsg_write: N's low 3 bits are the level, the
 * rest (if not 0) the facility (both left alone without a prefix).
 * Returns the bytes it took (0 without a well-formed prefix). Pure.
 */
static inline size_t kmsg_parse_prio(const char *s, size_t len, int *facility, int *level)
{
	unsigned long v = 0;
	size_t i = 1;

	if (len < 3 || s[0] != '<')
		return 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && v < 1000000)
		v = v * 10 + (s[i++] - '0');
	if (i == 1 || i >= len || s[i] != '>')
		return 0;
	*level = v & 7;
	if ((v >> 3) & 0xff)
		*facility = (v >> 3) & 0xff;
	return i + 1;
}
/*
 * Stores one record (one trailing newline dropped, text cut at 1024 bytes)
 * with a syslog facility and level, and echoes it to the consoles like
 * printk. /dev/kmsg's writes. Any context.
 */
void kmsg_store(int facility, int level, const char *text, size_t len);

/*
 * A console printk writes to (Linux's struct console, the fields Kelp
 * uses). write() gets raw text, "\n" included, and must work in any
 * context, IRQs off and in a panic included; it may not call printk.
 */
struct console {
	const char *name;		/* "ttyS0" */
	void (*write)(struct console *con, const char *s, size_t len);
	void *data;			/* the driver's (its port) */
	struct console *next;		/* printk's list */
};

/*
 * Adds con to the consoles every later message is written to (messages
 * logged before are in the log only: dmesg). Returns 0, or -EEXIST if it
 * is registered already. Any context; con must stay valid for good.
 */
int register_console(struct console *con);

/* Writes raw text to every console (each driver turns "\n" into "\r\n"). Any context. */
void console_write(const char *s, size_t len);

/* Called by panic: from now on printk ignores locks held by the dead context. */
void printk_enter_panic(void);

#endif /* KELP_PRINTK_H */
