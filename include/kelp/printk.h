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

#define LOGLEVEL_DEFAULT 6	/* level of a printk without a level */
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
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
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
 * Walks the records in the log, oldest first, calling emit() with each
 * formatted line ("[    1.234567] text\n"). Records added while the walk
 * runs are not shown. Task context.
 */
void printk_log_for_each(void (*emit)(const char *line, size_t len, void *arg), void *arg);
/* Drops every record (dmesg -C). */
void printk_log_clear(void);
/* Number of records dropped because the ring was full. */
u64 printk_log_dropped(void);

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
