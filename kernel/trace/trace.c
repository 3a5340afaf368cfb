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
#include <kelp/smp.h>
#include <kelp/printk.h>
#include <kelp/stacktrace.h>
#include <kelp/kallsyms.h>
#include <kelp/preempt.h>
#include <kelp/panic.h>
#include "ftrace_internal.h"

#define TRACE_RING_SIZE 8192		/* events, a power of two */
#define TRACE_FILTER_MAX 256		/* bytes of set_ftrace_filter text kept */
#define TRACE_MSG_SLOTS 512		/* trace_printk texts and stack traces, a power of two */
#define TRACE_MSG_TEXT 240		/* bytes of one text, NUL included (Linux: 1024) */
#define TRACE_STACK_MAX (TRACE_MSG_TEXT / sizeof(unsigned long))

enum trace_type {
	TRACE_FN,			/* a function entry (the function tracer) */
	TRACE_KPROBE,			/* a kprobe event hit: event_id */
	TRACE_PRINT,			/* trace_printk/trace_puts: text in message slot arg */
	TRACE_STACK,			/* trace_dump_stack: addresses in message slot arg */
};

struct trace_event {
	u64 seq;			/* index + 1 once complete */
	u64 tsc;
	unsigned long ip;
	unsigned long parent_ip;	/* TRACE_PRINT, TRACE_STACK: the message index */
	int pid;
	u16 cpu;
	u16 type;
	u32 event_id;			/* TRACE_KPROBE: the event's id */
};

/*
 * The texts of TRACE_PRINT and the addresses of TRACE_STACK events: a
 * second ring with the same slot protocol, so an event's text may be
 * overwritten before the event itself; the reader then prints
 * "<lost>" (the slot's seq no longer matches).
 */
struct trace_msg {
	u64 seq;			/* index + 1 once complete */
	u32 len;			/* bytes of text, or addresses */
	union {
		char text[TRACE_MSG_TEXT];
		unsigned long addrs[TRACE_STACK_MAX];
	};
};

static struct trace_event trace_ring[TRACE_RING_SIZE];
static struct trace_msg trace_msgs[TRACE_MSG_SLOTS];
static u64 trace_head;			/* next index to reserve */
static u64 trace_msg_head;		/* next message index to reserve */
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

/*
 * Writes one event: reserve a slot with one atomic add, clear its seq,
 * fill it, publish the seq last. Any context; notrace.
 */
static notrace void trace_write_event(u16 type, unsigned long ip, unsigned long parent_ip,
				      u32 event_id)
{
	u64 idx;
	struct trace_event *e;

	idx = __atomic_fetch_add(&trace_head, 1, __ATOMIC_RELAXED);
	e = &trace_ring[idx & (TRACE_RING_SIZE - 1)];
	WRITE_ONCE(e->seq, 0);
	barrier();
	e->tsc = rdtsc();
	e->ip = ip;
	e->parent_ip = parent_ip;
	e->pid = current ? current->pid : 0;
	e->cpu = smp_processor_id();
	e->type = type;
	e->event_id = event_id;
	barrier();
	WRITE_ONCE(e->seq, idx + 1);
}

static notrace void function_trace_call(unsigned long ip, unsigned long parent_ip,
					struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	if (!READ_ONCE(trace_on))
		return;
	trace_write_event(TRACE_FN, ip, parent_ip, 0);
}

/* See trace.h. The same lockless slot protocol as the function tracer's. */
notrace void trace_record_kprobe(u32 id, unsigned long ip, unsigned long ret_ip)
{
	if (!READ_ONCE(trace_on))
		return;
	trace_write_event(TRACE_KPROBE, ip, ret_ip, id);
}

/*
 * Reserves a message slot and returns it with seq cleared, its index in
 * *idx; the caller fills it and calls trace_msg_commit(). Any context.
 */
static notrace struct trace_msg *trace_msg_reserve(u64 *idx)
{
	struct trace_msg *m;

	*idx = __atomic_fetch_add(&trace_msg_head, 1, __ATOMIC_RELAXED);
	m = &trace_msgs[*idx & (TRACE_MSG_SLOTS - 1)];
	WRITE_ONCE(m->seq, 0);
	barrier();
	return m;
}

static notrace void trace_msg_commit(struct trace_msg *m, u64 idx, u16 type, unsigned long ip)
{
	barrier();
	WRITE_ONCE(m->seq, idx + 1);
	trace_write_event(type, ip, idx, 0);
}

/*
 * Copies message idx into out; false if it was overwritten meanwhile
 * (its seq changed under the copy). Any context.
 */
static bool trace_msg_get(u64 idx, struct trace_msg *out)
{
	const struct trace_msg *m = &trace_msgs[idx & (TRACE_MSG_SLOTS - 1)];

	if (READ_ONCE(m->seq) != idx + 1)
		return false;
	barrier();
	memcpy(out, m, sizeof(*out));
	barrier();
	return READ_ONCE(m->seq) == idx + 1 && out->len <= TRACE_MSG_TEXT;
}

/* Records len bytes of text at ip. Returns len, or 0 while tracing is off. */
static notrace int trace_record_text(unsigned long ip, const char *text, size_t len)
{
	struct trace_msg *m;
	u64 idx;

	if (!READ_ONCE(trace_on))
		return 0;
	if (len > TRACE_MSG_TEXT - 1)
		len = TRACE_MSG_TEXT - 1;	/* cut, as Linux cuts at TRACE_BUF_SIZE */
	m = trace_msg_reserve(&idx);
	memcpy(m->text, text, len);
	m->text[len] = '\0';
	m->len = len;
	trace_msg_commit(m, idx, TRACE_PRINT, ip);
	return len;
}

/*
 * Linux's __ftrace_vprintk/__ftrace_vbprintk: Kelp formats at once (no
 * binary printk), so the format need not outlive the call. Returns the
 * length recorded, 0 while tracing is off. Any context; the text is
 * formatted on the stack.
 */
int __ftrace_vprintk(unsigned long ip, const char *fmt, va_list ap)
{
	char buf[TRACE_MSG_TEXT];
	int n;

	if (!READ_ONCE(trace_on))
		return 0;
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	return trace_record_text(ip, buf, n);
}
EXPORT_SYMBOL_GPL(__ftrace_vprintk);

int __ftrace_vbprintk(unsigned long ip, const char *fmt, va_list ap)
{
	return __ftrace_vprintk(ip, fmt, ap);
}
EXPORT_SYMBOL_GPL(__ftrace_vbprintk);

/* See trace.h. */
int __trace_printk(unsigned long ip, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = __ftrace_vprintk(ip, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL_GPL(__trace_printk);

/*
 * See trace.h. Kelp formats at the call for both forms (Linux's bprintk
 * stores the arguments, to format at read time), so this is the same
 * function under Linux's second name.
 */
int __trace_bprintk(unsigned long ip, const char *fmt, ...) __attribute__((alias("__trace_printk")));
EXPORT_SYMBOL_GPL(__trace_bprintk);

/* See trace.h. Linux returns size written, 0 when off. */
int __trace_puts(unsigned long ip, const char *str, int size)
{
	if (size < 0)
		return 0;
	return trace_record_text(ip, str, strnlen(str, size));
}
EXPORT_SYMBOL_GPL(__trace_puts);

/* See trace.h. Linux's bputs records the pointer and returns 1. */
int __trace_bputs(unsigned long ip, const char *str)
{
	if (!READ_ONCE(trace_on))
		return 0;
	trace_record_text(ip, str, strlen(str));
	return 1;
}
EXPORT_SYMBOL_GPL(__trace_bputs);

/*
 * See trace.h. The frame walk starts at our caller's return address;
 * skip drops that many more, as Linux's skip counts frames above
 * trace_dump_stack(). Any context.
 */
noinline void trace_dump_stack(int skip)
{
	unsigned long addrs[TRACE_STACK_MAX + 8];
	unsigned int n, from = skip > 0 ? skip : 0;
	struct trace_msg *m;
	u64 idx;

	if (!READ_ONCE(trace_on))
		return;
	n = stack_walk_fp((unsigned long)__builtin_frame_address(0), addrs, ARRAY_SIZE(addrs));
	if (from > n)
		from = n;
	n = min(n - from, (unsigned int)TRACE_STACK_MAX);
	m = trace_msg_reserve(&idx);
	memcpy(m->addrs, addrs + from, n * sizeof(long));
	m->len = n;
	trace_msg_commit(m, idx, TRACE_STACK, (unsigned long)__builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(trace_dump_stack);

static struct ftrace_ops trace_ops = {
	.func = function_trace_call,
};

/* See ftrace_internal.h: Linux's global_ops is the function tracer's. */
struct ftrace_ops *ftrace_global_ops(void)
{
	return &trace_ops;
}

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

/*
 * Linux's trace_seq_print_sym() without sym-offset: the bare function
 * name (no "+off/size", no "[module]"), or 0x%08lx when there is none.
 * Returns the length written.
 */
static size_t trace_sym(char *buf, size_t size, unsigned long addr)
{
	const char *name = kallsyms_lookup(addr, NULL, NULL);

	if (!name)
		name = module_address_lookup(addr, NULL, NULL, NULL);
	if (name)
		return scnprintf(buf, size, "%s", name);
	return scnprintf(buf, size, "0x%08lx", addr);
}

/*
 * Formats event e's line(s) after the task/CPU/time prefix into buf:
 * Linux's bodies. msg is the caller's scratch copy of a message slot;
 * lock (TRACE_LOCK_*) says how a kprobe event may look its name up.
 * Returns the length.
 */
static size_t trace_format_body(char *buf, size_t size, const struct trace_event *e,
				struct trace_msg *msg, int lock)
{
	size_t n = 0;

	switch (e->type) {
	case TRACE_KPROBE:
		return trace_kprobe_format(buf, size, e->event_id, e->ip, e->parent_ip, lock);
	case TRACE_PRINT:
		/* Linux's print event: "func: text", the text as given (its own newline). */
		n = trace_sym(buf, size, e->ip);
		if (!trace_msg_get(e->parent_ip, msg))
			return n + scnprintf(buf + n, size - n, ": <lost>\n");
		return n + scnprintf(buf + n, size - n, ": %s", msg->text);
	case TRACE_STACK:
		if (!trace_msg_get(e->parent_ip, msg))
			return scnprintf(buf, size, "<stack trace>\n <lost>\n");
		n = scnprintf(buf, size, "<stack trace>\n");
		for (u32 i = 0; i < msg->len; i++) {
			n += scnprintf(buf + n, size - n, " => ");
			n += trace_sym(buf + n, size - n, msg->addrs[i]);
			n += scnprintf(buf + n, size - n, "\n");
		}
		return n;
	default:
		n = trace_sym(buf, size, e->ip);
		n += scnprintf(buf + n, size - n, " <-");
		n += trace_sym(buf + n, size - n, e->parent_ip);
		return n + scnprintf(buf + n, size - n, "\n");
	}
}

/*
 * The line buffer and message copy of the trace file (trace_lock), and
 * those of ftrace_dump (its one-at-a-time guard): the two may run at once.
 */
#define TRACE_LINE_MAX 4096
static char trace_line[TRACE_LINE_MAX];
static struct trace_msg trace_line_msg;
static char trace_dump_line[TRACE_LINE_MAX];
static struct trace_msg trace_dump_msg;

static void trace_show_line(struct seq_file *m, const struct trace_event *e)
{
	u64 ns = tsc_to_ns(e->tsc - boot_tsc);
	char comm[TASK_COMM_LEN];

	trace_task_comm(e->pid, comm, sizeof(comm));
	seq_printf(m, "%16s-%-7d [%03u] %5llu.%06llu: ", comm, e->pid, e->cpu,
		   (unsigned long long)(ns / NSEC_PER_SEC),
		   (unsigned long long)(ns % NSEC_PER_SEC / NSEC_PER_USEC));
	trace_format_body(trace_line, sizeof(trace_line), e, &trace_line_msg, TRACE_LOCK_WAIT);
	seq_puts(m, trace_line);
}

/*
 * Copies event i into *e; false if it was never written, cleared, or is
 * being overwritten. Any context.
 */
static bool trace_event_get(u64 i, struct trace_event *e)
{
	*e = trace_ring[i & (TRACE_RING_SIZE - 1)];
	return e->seq == i + 1;
}

/* `trace`: Linux's header, then the events oldest first. */
static int trace_show(struct seq_file *m, void *v)
{
	u64 head = READ_ONCE(trace_head), first = READ_ONCE(trace_first);
	struct trace_event e;

	if (head - first > TRACE_RING_SIZE)
		first = head - TRACE_RING_SIZE;
	mutex_lock(&trace_lock);
	seq_printf(m, "# tracer: %s\n#\n", trace_function_active ? "function" : "nop");
	seq_printf(m, "# entries-in-buffer/entries-written: %llu/%llu   #P:%u\n#\n",
		   (unsigned long long)trace_entries_in_buffer(),
		   (unsigned long long)trace_entries_written(), num_online_cpus());
	seq_puts(m, "#           TASK-PID     CPU#     TIMESTAMP  FUNCTION\n");
	seq_puts(m, "#              | |         |         |         |\n");
	for (u64 i = first; i < head; i++)
		if (trace_event_get(i, &e))
			trace_show_line(m, &e);
	mutex_unlock(&trace_lock);
	return 0;
}

/* ftrace_dump()'s printk: Linux's KERN_TRACE is KERN_EMERG. */
#define KERN_TRACE KERN_EMERG

/*
 * See trace.h. Linux's ftrace_dump_one(): tracing goes off for good (echo
 * 1 > tracing_on turns it back on), then the events not yet dumped print
 * in the latency format ("comm-pid cpu timeus : body"; Kelp records no
 * irq/preempt flags, so that column is left out as in the trace file),
 * oldest first, and are consumed. DUMP_ORIG prints only this CPU's.
 * Any context: IRQs may be off (an oops); kprobe event names need a
 * mutex, tried in plain task context only: "kprobe event N" otherwise.
 */
void ftrace_dump(enum ftrace_dump_mode oops_dump_mode)
{
	static int dump_running;
	u64 head, first;
	int cpu, cnt = 0, lock;
	struct trace_event e;

	if (__atomic_fetch_add(&dump_running, 1, __ATOMIC_ACQUIRE)) {
		__atomic_fetch_sub(&dump_running, 1, __ATOMIC_RELEASE);
		return;
	}
	if (oops_dump_mode == DUMP_NONE)
		goto out;
	if (oops_dump_mode != DUMP_ALL && oops_dump_mode != DUMP_ORIG) {
		if (oops_dump_mode != DUMP_PARAM)
			printk(KERN_TRACE "Bad dumping mode, switching to all CPUs dump\n");
		oops_dump_mode = DUMP_ALL;	/* DUMP_PARAM: Kelp has one trace instance */
	}
	tracing_off();
	/* The kprobe names' mutex: tried in plain task context only (an oops may call us). */
	lock = irqs_disabled() || this_cpu()->trap_depth || preempt_count() ? TRACE_LOCK_NONE :
									       TRACE_LOCK_TRY;
	cpu = smp_processor_id();
	head = READ_ONCE(trace_head);
	first = READ_ONCE(trace_first);
	if (head - first > TRACE_RING_SIZE)
		first = head - TRACE_RING_SIZE;
	printk(KERN_TRACE "Dumping ftrace buffer:\n");
	for (u64 i = first; i < head; i++) {
		char comm[TASK_COMM_LEN];
		size_t n;

		if (!trace_event_get(i, &e) ||
		    (oops_dump_mode == DUMP_ORIG && e.cpu != cpu))
			continue;
		if (!cnt++)
			printk(KERN_TRACE "---------------------------------\n");
		if (e.pid == 0)
			strlcpy(comm, "<idle>", sizeof(comm));
		else if (current && e.pid == current->pid)
			strlcpy(comm, current->comm, sizeof(comm));
		else
			strlcpy(comm, "<...>", sizeof(comm));	/* no task lookup in atomic context */
		n = scnprintf(trace_dump_line, TRACE_LINE_MAX, "%8.8s-%-7d %3u %4lluus : ", comm,
			      e.pid, e.cpu,
			      (unsigned long long)(tsc_to_ns(e.tsc - boot_tsc) / NSEC_PER_USEC));
		n += trace_format_body(trace_dump_line + n, TRACE_LINE_MAX - n, &e, &trace_dump_msg,
				       lock);
		if (n && trace_dump_line[n - 1] != '\n' && n < TRACE_LINE_MAX - 1)
			trace_dump_line[n++] = '\n', trace_dump_line[n] = '\0';
		printk(KERN_TRACE "%s", trace_dump_line);
	}
	/* Consumed, as Linux's dump consumes what it prints. */
	if (oops_dump_mode == DUMP_ALL)
		WRITE_ONCE(trace_first, head);
	if (!cnt)
		printk(KERN_TRACE "   (ftrace buffer empty)\n");
	else
		printk(KERN_TRACE "---------------------------------\n");
out:
	__atomic_fetch_sub(&dump_running, 1, __ATOMIC_RELEASE);
}
EXPORT_SYMBOL_GPL(ftrace_dump);

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

/* Linux lists the notrace functions, and nothing when there are none. */
static int set_ftrace_notrace_show(struct seq_file *m, void *v)
{
	const struct ftrace_hash *h = READ_ONCE(trace_ops.notrace_hash);

	for (unsigned int i = 0; h && i < h->count; i++)
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

/* `>` empties the notrace list. */
static void set_ftrace_notrace_truncate(void)
{
	mutex_lock(&trace_lock);
	ftrace_set_notrace(&trace_ops, "", 0, 1);
	mutex_unlock(&trace_lock);
}

static int trace_filter_words(const char *buf, size_t len, bool notrace_list);

/*
 * Words separated by blanks, each a name, a glob or `!glob`, added to the
 * filter (or removed from it); `>` emptied it at open.
 */
static int set_ftrace_filter_write(const char *buf, size_t len)
{
	return trace_filter_words(buf, len, false);
}

/* The same for set_ftrace_notrace (ftrace_set_global_notrace()'s list). */
static int set_ftrace_notrace_write(const char *buf, size_t len)
{
	return trace_filter_words(buf, len, true);
}

static int trace_filter_words(const char *buf, size_t len, bool notrace_list)
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
		if (*word && notrace_list)
			err = ftrace_set_notrace(&trace_ops, word, 0, 0);
		else if (*word)
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
	{ "error_log", kprobe_error_log_show, kprobe_error_log_write, kprobe_error_log_truncate },
	{ "kprobe_events", kprobe_events_show, kprobe_events_write, kprobe_events_truncate },
	{ "kprobe_profile", kprobe_profile_show, NULL, NULL },
	{ "set_ftrace_filter", set_ftrace_filter_show, set_ftrace_filter_write,
	  set_ftrace_filter_truncate },
	{ "set_ftrace_notrace", set_ftrace_notrace_show, set_ftrace_notrace_write,
	  set_ftrace_notrace_truncate },
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
