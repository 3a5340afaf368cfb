/*
 * The tracing front-end (kernel/trace/): a ring of function-entry events,
 * the function tracer (an ftrace_ops user), and the files Linux keeps in
 * /sys/kernel/tracing. Each file is a show/write pair over a seq_file;
 * the shell's `tracing FILE [VALUE]` uses them until the filesystem issue
 * mounts the same table as tracefs.
 * Locking: trace_lock (task context) serialises the file operations; the
 * ring is written locklessly by the tracer's handler in any context.
 */
#ifndef KELP_TRACE_H
#define KELP_TRACE_H

#include <kelp/types.h>

struct seq_file;

struct trace_file {
	const char *name;
	/* Prints the contents. */
	void (*show)(struct seq_file *m);
	/*
	 * Takes a write (append: `>>`). buf holds len bytes, not
	 * NUL-terminated; returns 0 or a negative errno. NULL: read-only.
	 */
	int (*write)(const char *buf, size_t len, bool append);
};

/* The file called name, or NULL. */
const struct trace_file *trace_file_find(const char *name);
/* The table, for listing: *n gets its length. */
const struct trace_file *trace_files(unsigned int *n);

/* Events recorded and not yet overwritten, and written since the last clear. */
u64 trace_entries_in_buffer(void);
u64 trace_entries_written(void);
/* Empties the ring (a write to `trace`). */
void trace_clear(void);

/*
 * Task name and pid for a trace line; "<idle>" / 0 until the scheduler
 * overrides it (weak). Any context, notrace.
 */
void trace_task_info(char *comm, size_t len, int *pid);

#endif /* KELP_TRACE_H */
