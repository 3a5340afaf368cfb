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

#endif /* KELP_TRACE_H */
