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

/* The TASK column of a trace line for pid: "<idle>", the name, or "<...>". */
void trace_task_comm(int pid, char *comm, size_t len);

/* ---- kprobe events (kernel/trace/trace_kprobe.c, trace_kprobe_parse.c) ---- */

#define KPE_NAME_MAX 64		/* Linux's MAX_EVENT_NAME_LEN */
#define KPE_SYM_MAX 128
#define KPE_DEFAULT_GROUP "kprobes"

enum { KPE_ADD, KPE_DELETE };

/* One parsed kprobe_events line. */
struct kprobe_event_cmd {
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
 * a blank or comment line (nothing to do), or -EINVAL. Pure, any context.
 */
int kprobe_event_parse(const char *line, size_t len, struct kprobe_event_cmd *cmd);

/*
 * Records a kprobe event hit in the trace ring (id: the event's; ip: the
 * probed function; ret_ip: the caller's return address for a return
 * probe, else 0). Any context, notrace.
 */
void trace_record_kprobe(u32 id, unsigned long ip, unsigned long ret_ip);
/* Prints event id's hit line body ("NAME: (...)") for the trace file. Task context. */
void trace_kprobe_print(struct seq_file *m, u32 id, unsigned long ip, unsigned long ret_ip);
/* kprobe_events (show, write, truncate) for the file table. */
int kprobe_events_show(struct seq_file *m, void *v);
int kprobe_events_write(const char *buf, size_t len);
void kprobe_events_truncate(void);
/* /sys/kernel/tracing/events: a referenced directory inode. */
struct inode *trace_events_dir(void);
/* Makes the events directory. Boot, before tracefs is mounted. */
void trace_events_init(void);

#endif /* KELP_TRACE_H */
