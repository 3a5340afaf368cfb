/*
 * The trace ring and the function tracer (include/kelp/trace.h).
 * The ring holds TRACE_RING_SIZE fixed-size events; a writer reserves a
 * slot with one atomic add and publishes it by writing its sequence number
 * last, so a handler interrupted by another (an IRQ) never corrupts it and
 * the reader skips slots still being written. The oldest events are
 * overwritten. The handler and everything it calls are notrace.
 */
#include <kelp/trace.h>
#include <kelp/export.h>
#include <kelp/errno.h>
#include <kelp/ftrace.h>
#include <kelp/seq_file.h>
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/traps.h>
#include <kelp/x86.h>

#define TRACE_RING_SIZE 8192		/* events, a power of two */
#define TRACE_FILTER_MAX 256		/* bytes of set_ftrace_filter text kept */

struct trace_event {
	u64 seq;			/* index + 1 once complete */
	u64 tsc;
	unsigned long ip, parent_ip;
	int pid;
	u32 event_id;			/* 0: a function entry; else a kprobe event's id */
};

static struct trace_event trace_ring[TRACE_RING_SIZE];
static u64 trace_head;			/* next index to reserve */
static u64 trace_first;			/* first index not cleared */
static int trace_on = 1;	/* tracing_on: the ring buffer takes events */

/* trace_lock: the files below, the current tracer and its ops. Task context. */
static DEFINE_MUTEX(trace_lock);
static bool trace_function_active;

/*
 * See trace.h. Linux prints the idle task as <idle>-0 and a task that is
 * gone as <...>. Task context (the reader).
 */
void trace_task_comm(int pid, char *comm, size_t len)
{
	struct task *t;

	if (pid == 0) {
		strlcpy(comm, "<idle>", len);
		return;
	}
	t = find_get_task_by_pid(pid);
	strlcpy(comm, t ? t->comm : "<...>", len);
	if (t)
		put_task_struct(t);
}

static notrace void function_trace_call(unsigned long ip, unsigned long parent_ip,
					struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	u64 idx;
	struct trace_event *e;

	if (!READ_ONCE(trace_on))
		return;
	idx = __atomic_fetch_add(&trace_head, 1, __ATOMIC_RELAXED);
	e = &trace_ring[idx & (TRACE_RING_SIZE - 1)];
	WRITE_ONCE(e->seq, 0);
	barrier();
	e->tsc = rdtsc();
	e->ip = ip;
	e->parent_ip = parent_ip;
	e->pid = current->pid;
	e->event_id = 0;
	barrier();
	WRITE_ONCE(e->seq, idx + 1);
}

/* See trace.h. The same lockless slot protocol as the function tracer's. */
notrace void trace_record_kprobe(u32 id, unsigned long ip, unsigned long ret_ip)
{
	u64 idx;
	struct trace_event *e;

	if (!READ_ONCE(trace_on))
		return;
	idx = __atomic_fetch_add(&trace_head, 1, __ATOMIC_RELAXED);
	e = &trace_ring[idx & (TRACE_RING_SIZE - 1)];
	WRITE_ONCE(e->seq, 0);
	barrier();
	e->tsc = rdtsc();
	e->ip = ip;
	e->parent_ip = ret_ip;
	e->pid = current->pid;
	e->event_id = id;
	barrier();
	WRITE_ONCE(e->seq, idx + 1);
}

static struct ftrace_ops trace_ops = {
	.func = function_trace_call,
};

/* See trace.h. */
u64 trace_entries_written(void)
{
	return READ_ONCE(trace_head) - READ_ONCE(trace_first);
}

/* See trace.h. */
u64 trace_entries_in_buffer(void)
{
	return min(trace_entries_written(), (u64)TRACE_RING_SIZE);
}

/* See trace.h. */
void trace_clear(void)
{
	WRITE_ONCE(trace_first, READ_ONCE(trace_head));
}

/* ---- the files ---- */

/* Copies a written value without its trailing newline into buf (size > 0). */
static void trace_arg(char *buf, size_t size, const char *src, size_t len)
{
	while (len && (src[len - 1] == '\n' || src[len - 1] == ' '))
		len--;
	while (len && *src == ' ') {
		src++;
		len--;
	}
	if (len >= size)
		len = size - 1;
	memcpy(buf, src, len);
	buf[len] = '\0';
}

static void trace_show_line(struct seq_file *m, const struct trace_event *e)
{
	u64 ns = tsc_to_ns(e->tsc - boot_tsc);
	char comm[TASK_COMM_LEN];

	trace_task_comm(e->pid, comm, sizeof(comm));
	seq_printf(m, "%16s-%-7d [000] %5llu.%06llu: ", comm, e->pid,
		   (unsigned long long)(ns / NSEC_PER_SEC),
		   (unsigned long long)(ns % NSEC_PER_SEC / NSEC_PER_USEC));
	if (e->event_id)
		trace_kprobe_print(m, e->event_id, e->ip, e->parent_ip);
	else
		seq_printf(m, "%ps <-%ps\n", (void *)e->ip, (void *)e->parent_ip);
}

/* `trace`: Linux's header, then the events oldest first. */
static int trace_show(struct seq_file *m, void *v)
{
	u64 head = READ_ONCE(trace_head), first = READ_ONCE(trace_first);

	if (head - first > TRACE_RING_SIZE)
		first = head - TRACE_RING_SIZE;
	seq_printf(m, "# tracer: %s\n#\n", trace_function_active ? "function" : "nop");
	seq_printf(m, "# entries-in-buffer/entries-written: %llu/%llu   #P:1\n#\n",
		   (unsigned long long)trace_entries_in_buffer(),
		   (unsigned long long)trace_entries_written());
	seq_puts(m, "#           TASK-PID     CPU#     TIMESTAMP  FUNCTION\n");
	seq_puts(m, "#              | |         |         |         |\n");
	for (u64 i = first; i < head; i++) {
		struct trace_event e = trace_ring[i & (TRACE_RING_SIZE - 1)];

		if (e.seq == i + 1)
			trace_show_line(m, &e);
	}
	return 0;
}

/* Writing to `trace` only empties it (at open, O_TRUNC), as in Linux. */
static int trace_write(const char *buf, size_t len)
{
	return 0;
}

static int tracing_on_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", READ_ONCE(trace_on));
	return 0;
}

static int tracing_on_write(const char *buf, size_t len)
{
	char v[8];

	trace_arg(v, sizeof(v), buf, len);
	if (strcmp(v, "0") && strcmp(v, "1"))
		return -EINVAL;
	WRITE_ONCE(trace_on, v[0] == '1');
	return 0;
}

static int current_tracer_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", trace_function_active ? "function" : "nop");
	return 0;
}

static int current_tracer_write(const char *buf, size_t len)
{
	char v[16];
	bool want;
	int err = 0;

	trace_arg(v, sizeof(v), buf, len);
	if (!strcmp(v, "function"))
		want = true;
	else if (!strcmp(v, "nop"))
		want = false;
	else
		return -EINVAL;
	mutex_lock(&trace_lock);
	if (want && !trace_function_active) {
		trace_clear();
		err = register_ftrace_function(&trace_ops);
	} else if (!want && trace_function_active) {
		err = unregister_ftrace_function(&trace_ops);
	}
	if (!err)
		trace_function_active = want;
	mutex_unlock(&trace_lock);
	return err;
}

static int available_tracers_show(struct seq_file *m, void *v)
{
	seq_puts(m, "function nop\n");
	return 0;
}

static int set_ftrace_filter_show(struct seq_file *m, void *v)
{
	const struct ftrace_hash *h = READ_ONCE(trace_ops.filter);

	if (!h || !h->count) {
		seq_puts(m, "#### all functions enabled ####\n");
		return 0;
	}
	for (unsigned int i = 0; i < h->count; i++)
		seq_printf(m, "%ps\n", (void *)h->ips[i]);
	return 0;
}

/* `>` (O_TRUNC) empties the filter: every function again. */
static void set_ftrace_filter_truncate(void)
{
	mutex_lock(&trace_lock);
	ftrace_set_filter_ip(&trace_ops, 0, 0, 1);
	mutex_unlock(&trace_lock);
}

/*
 * Words separated by blanks, each a name, a glob or `!glob`, added to the
 * filter (or removed from it); `>` emptied it at open.
 */
static int set_ftrace_filter_write(const char *buf, size_t len)
{
	char text[TRACE_FILTER_MAX], *p, *word;
	int err = 0;

	if (len >= sizeof(text))
		return -E2BIG;
	trace_arg(text, sizeof(text), buf, len);
	mutex_lock(&trace_lock);
	for (p = text; !err && *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		word = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		if (*word)
			err = ftrace_set_filter(&trace_ops, word, 0, 0);
	}
	mutex_unlock(&trace_lock);
	return err;
}

static const struct trace_file trace_file_table[] = {
	{ "available_filter_functions", ftrace_show_available, NULL, NULL },
	{ "available_tracers", available_tracers_show, NULL, NULL },
	{ "current_tracer", current_tracer_show, current_tracer_write, NULL },
	{ "enabled_functions", ftrace_show_enabled, NULL, NULL },
	{ "kprobe_events", kprobe_events_show, kprobe_events_write, kprobe_events_truncate },
	{ "set_ftrace_filter", set_ftrace_filter_show, set_ftrace_filter_write,
	  set_ftrace_filter_truncate },
	{ "trace", trace_show, trace_write, trace_clear },
	{ "tracing_on", tracing_on_show, tracing_on_write, NULL },
};

/* See trace.h. */
const struct trace_file *trace_file_find(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(trace_file_table); i++)
		if (!strcmp(trace_file_table[i].name, name))
			return &trace_file_table[i];
	return NULL;
}

/* See trace.h. */
const struct trace_file *trace_files(unsigned int *n)
{
	*n = ARRAY_SIZE(trace_file_table);
	return trace_file_table;
}

/* Linux's: start and stop recording into the ring buffer, as writing tracing_on does. */
void tracing_on(void)
{
	WRITE_ONCE(trace_on, 1);
}
EXPORT_SYMBOL(tracing_on);

void tracing_off(void)
{
	WRITE_ONCE(trace_on, 0);
}
EXPORT_SYMBOL(tracing_off);

/* True if the ring buffer records (tracing_on reads 1). */
int tracing_is_on(void)
{
	return READ_ONCE(trace_on);
}
EXPORT_SYMBOL(tracing_is_on);
