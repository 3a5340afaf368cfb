/*
 * The tracing front-end (kernel/trace/): a ring of function-entry events,
 * the function tracer (an ftrace_ops user), and the files Linux keeps in
 * /sys/kernel/tracing: a table of show/write/truncate functions that
 * tracefs (kernel/trace/tracefs.c) mounts there.
 * Locking: trace_lock (task context) serialises the file operations; the
 * ring is written locklessly by the tracer's handler in any context.
 */
#ifndef KELP_TRACE_H
#define KELP_TRACE_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/panic.h>
#include <kelp/string.h>
#include <stdarg.h>

struct seq_file;

struct trace_file {
	const char *name;
	/* Prints the contents (seq_file show, Linux's signature). */
	int (*show)(struct seq_file *m, void *v);
	/*
	 * Takes one write: buf holds len bytes, NUL-terminated. Returns 0 or
	 * a negative errno. NULL: read-only.
	 */
	int (*write)(const char *buf, size_t len);
	/* An open with O_TRUNC (`>`, not `>>`): empties the file. May be NULL. */
	void (*truncate)(void);
};

/* Mounts the tracing files at /sys/kernel/tracing. Boot, after sysfs. */
void tracefs_init(void);

/* The file called name, or NULL. */
const struct trace_file *trace_file_find(const char *name);
/* The table, for listing: *n gets its length. */
const struct trace_file *trace_files(unsigned int *n);

/* Events recorded and not yet overwritten, and written since the last clear. */
u64 trace_entries_in_buffer(void);
u64 trace_entries_written(void);
/* Empties the ring (a write to `trace`). */
void trace_clear(void);
/* Linux's switches of the ring buffer (as /sys/kernel/tracing/tracing_on). Any context. */
void tracing_on(void);
void tracing_off(void);
int tracing_is_on(void);

/*
 * trace_printk() and friends (Linux's, <linux/kernel.h>): a line "func:
 * text" in the trace buffer. Kelp formats at the call (Linux's bprintk
 * keeps the format and the binary arguments), cutting texts at 239
 * bytes. ip is the caller's address (_THIS_IP_). Return the length
 * recorded (__trace_bputs: 1), 0 while tracing is off. Any context.
 */
int __trace_bprintk(unsigned long ip, const char *fmt, ...) __printf(2, 3);
int __trace_printk(unsigned long ip, const char *fmt, ...) __printf(2, 3);
int __ftrace_vbprintk(unsigned long ip, const char *fmt, va_list ap) __printf(2, 0);
int __ftrace_vprintk(unsigned long ip, const char *fmt, va_list ap) __printf(2, 0);
int __trace_puts(unsigned long ip, const char *str, int size);
int __trace_bputs(unsigned long ip, const char *str);

#define trace_printk(fmt, ...) \
	__trace_bprintk(_THIS_IP_, fmt, ##__VA_ARGS__)
#define trace_puts(str) ({						\
	const char *__tp_str = (str);					\
	__builtin_constant_p(str) ?					\
		__trace_bputs(_THIS_IP_, __tp_str) :	\
		__trace_puts(_THIS_IP_, __tp_str, strlen(__tp_str)); \
})
#define ftrace_vprintk(fmt, vargs) __ftrace_vbprintk(_THIS_IP_, fmt, vargs)

/*
 * Records the caller's stack in the trace buffer (Linux's "<stack
 * trace>" event, " => func" lines, up to 30 frames); skip drops that
 * many more frames. Any context.
 */
void trace_dump_stack(int skip);

enum ftrace_dump_mode {
	DUMP_NONE,
	DUMP_ALL,
	DUMP_ORIG,
	DUMP_PARAM,
};

/*
 * Prints the trace buffer on the console at KERN_EMERG, Linux's "Dumping
 * ftrace buffer:" block, and turns tracing off; DUMP_ORIG only this CPU's
 * events, DUMP_NONE nothing. One dump at a time. Any context.
 */
void ftrace_dump(enum ftrace_dump_mode oops_dump_mode);

/* The TASK column of a trace line for pid: "<idle>", the name, or "<...>". */
void trace_task_comm(int pid, char *comm, size_t len);

/* ---- kprobe events (kernel/trace/trace_kprobe.c, trace_kprobe_parse.c) ---- */

#define KPE_NAME_MAX 64		/* Linux's MAX_EVENT_NAME_LEN */
#define KPE_SYM_MAX 128
#define KPE_DEFAULT_GROUP "kprobes"

enum { KPE_ADD, KPE_DELETE };

/* Why a line was refused: Linux's error_log entries (kprobe_event_errstr). */
enum {
	KPE_ERR_NONE,			/* refused without a log entry (as Linux) */
	KPE_ERR_BAD_MAXACT_TYPE,
	KPE_ERR_BAD_MAXACT,
	KPE_ERR_MAXACT_TOO_BIG,
	KPE_ERR_BAD_PROBE_ADDR,
	KPE_ERR_NO_GROUP_NAME,
	KPE_ERR_GROUP_TOO_LONG,
	KPE_ERR_BAD_GROUP_NAME,
	KPE_ERR_NO_EVENT_NAME,
	KPE_ERR_EVENT_TOO_LONG,
	KPE_ERR_BAD_EVENT_NAME,
	KPE_ERR_EVENT_EXIST,
	KPE_ERR_BAD_FETCH_ARG,
	KPE_ERR_FAIL_REG_PROBE,
};

/* One parsed kprobe_events line. */
struct kprobe_event_cmd {
	/* on -EINVAL: KPE_ERR_*, and the word (0: type and names) and offset in it */
	int err, err_word, err_off;
	int op;				/* KPE_ADD or KPE_DELETE */
	bool is_return;			/* r: a kretprobe */
	int maxactive;			/* rN; 0: the default */
	char group[KPE_NAME_MAX];
	char event[KPE_NAME_MAX];
	char symbol[KPE_SYM_MAX];
	unsigned long offset;		/* always 0 once accepted */
};

/*
 * Parses one line of len bytes (no newline) of Linux's kprobe_events
 * syntax into cmd, filling the default group and name. Returns 0, 1 for
 * a blank or comment line (nothing to do), or -EINVAL with cmd->err,
 * err_word and err_off saying why and where. Pure, any context.
 */
int kprobe_event_parse(const char *line, size_t len, struct kprobe_event_cmd *cmd);
/* Linux's error_log text of a KPE_ERR_* ("" for none or unknown). */
const char *kprobe_event_errstr(int err);

/*
 * Records a kprobe event hit in the trace ring (id: the event's; ip: the
 * probed function; ret_ip: the caller's return address for a return
 * probe, else 0). Any context, notrace.
 */
void trace_record_kprobe(u32 id, unsigned long ip, unsigned long ret_ip);
/* How a reader may take the kprobe events' mutex for an event's name. */
enum {
	TRACE_LOCK_WAIT,		/* task context: sleep for it */
	TRACE_LOCK_TRY,			/* task context that must not sleep: only if free */
	TRACE_LOCK_NONE,		/* IRQs off, a trap, preemption off: never */
};

/*
 * Formats event id's hit line body ("NAME: (...)\n") into buf; returns
 * the length. lock (TRACE_LOCK_*) says whether the name may be looked up
 * under the event mutex; without it the line says "kprobe event N".
 */
size_t trace_kprobe_format(char *buf, size_t size, u32 id, unsigned long ip,
			   unsigned long ret_ip, int lock);
/*
 * error_log (Linux's last 8 kprobe_events refusals with the command and a
 * caret; `>` empties it, writes are ignored) and kprobe_profile (each
 * event's hits and misses) for the file table.
 */
int kprobe_error_log_show(struct seq_file *m, void *v);
int kprobe_error_log_write(const char *buf, size_t len);
void kprobe_error_log_truncate(void);
int kprobe_profile_show(struct seq_file *m, void *v);
/* kprobe_events (show, write, truncate) for the file table. */
int kprobe_events_show(struct seq_file *m, void *v);
int kprobe_events_write(const char *buf, size_t len);
void kprobe_events_truncate(void);
/* /sys/kernel/tracing/events: a referenced directory inode. */
struct inode *trace_events_dir(void);
/* Makes the events directory. Boot, before tracefs is mounted. */
void trace_events_init(void);

#endif /* KELP_TRACE_H */
