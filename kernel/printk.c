/*
 * printk: formats a message, keeps it in the log ring buffer as a record
 * (timestamp, level, text) and echoes it to the console when its level is
 * below console_loglevel. Records never straddle the end of the ring: a
 * wrap marker fills the tail instead. Oldest records are evicted when the
 * ring is full. One lock (log_lock, irqsave) protects the ring and the
 * pending partial line; the consoles have their own lock so lines never
 * mix. printk knows no device: drivers register a struct console
 * (register_console, as Linux), e.g. drivers/uart16550.c for COM1.
 */
#include <kelp/printk.h>
#include <kelp/export.h>
#include <kelp/string.h>
#include <kelp/spinlock.h>
#include <kelp/time.h>
#include <kelp/errno.h>

#define LOG_BUF_SIZE (128 * 1024)
#define LOG_LINE_MAX 1024
#define LOG_WRAP 0xffff		/* header len marking the ring's wrap point */

/* len comes first: a wrap marker may have only 8 bytes of room. */
struct log_rec {
	u16 len;		/* text bytes, no newline, no NUL */
	u8 level;
	u8 facility;		/* 0 kernel, 1 user (/dev/kmsg writes), as syslog */
	u8 pad[4];
	u64 ts_ns;
	u64 seq;		/* record number since boot (/dev/kmsg's second field) */
};

static char log_buf[LOG_BUF_SIZE] __aligned(8);
static u64 log_head;		/* byte position of the next record (monotonic) */
static u64 log_tail;		/* byte position of the oldest record */
static u64 log_dropped;
static u64 log_next_seq;	/* seq of the next record stored */
static u64 log_clear_pos;	/* dmesg -C: syslog reads and SEEK_DATA start here */
static DEFINE_SPINLOCK(log_lock);	/* ring, positions, partial line */
static DEFINE_SPINLOCK(console_lock);	/* console output and list, after log_lock */
/* Appended to under console_lock, read without it in a panic: never unlinked. */
static struct console *console_drivers;
static bool panic_mode;

/* The line being built by printk calls without a trailing newline. */
static char cont_buf[LOG_LINE_MAX];
static size_t cont_len;
static int cont_level;
static u64 cont_ts;

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
EXPORT_SYMBOL(console_loglevel);	/* Linux modules read and set it (test_klp_state) */

static size_t rec_size(size_t len)
{
	return ALIGN_UP(sizeof(struct log_rec) + len, 8);
}

static struct log_rec *rec_at(u64 pos)
{
	return (struct log_rec *)&log_buf[pos % LOG_BUF_SIZE];
}

/* Drops the oldest record (or the wrap marker at the tail). */
static void log_evict_one(void)
{
	struct log_rec *r = rec_at(log_tail);

	if (r->len == LOG_WRAP) {
		log_tail += LOG_BUF_SIZE - log_tail % LOG_BUF_SIZE;
		return;
	}
	log_tail += rec_size(r->len);
	log_dropped++;
}

static void log_reserve(size_t need)
{
	while (log_head + need - log_tail > LOG_BUF_SIZE)
		log_evict_one();
}

/* Appends one record; caller holds log_lock. */
static void log_store(int facility, int level, u64 ts, const char *text, size_t len)
{
	size_t size = rec_size(len);
	size_t room = LOG_BUF_SIZE - log_head % LOG_BUF_SIZE;
	struct log_rec *r;

	if (room < size) {
		/* Fill the end of the ring with a wrap marker. */
		log_reserve(room);
		rec_at(log_head)->len = LOG_WRAP;
		log_head += room;
	}
	log_reserve(size);
	r = rec_at(log_head);
	r->ts_ns = ts;
	r->len = len;
	r->level = level;
	r->facility = facility;
	r->seq = log_next_seq++;
	memcpy(r + 1, text, len);
	log_head += size;
}

static int format_prefix(char *buf, size_t size, u64 ts)
{
	return scnprintf(buf, size, "[%5llu.%06llu] ",
			 (unsigned long long)(ts / NSEC_PER_SEC),
			 (unsigned long long)(ts % NSEC_PER_SEC / NSEC_PER_USEC));
}

/* See printk.h. */
int register_console(struct console *con)
{
	unsigned long flags;
	struct console **pp;

	spin_lock_irqsave(&console_lock, flags);
	for (pp = &console_drivers; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			spin_unlock_irqrestore(&console_lock, flags);
			return -EEXIST;
		}
	}
	con->next = NULL;
	WRITE_ONCE(*pp, con);	/* last: a panic's lockless walk sees it whole */
	spin_unlock_irqrestore(&console_lock, flags);
	return 0;
}

/* See printk.h. */
void console_write(const char *s, size_t len)
{
	unsigned long flags = 0;

	if (!panic_mode)
		spin_lock_irqsave(&console_lock, flags);
	for (struct console *con = READ_ONCE(console_drivers); con; con = READ_ONCE(con->next))
		con->write(con, s, len);
	if (!panic_mode)
		spin_unlock_irqrestore(&console_lock, flags);
}
EXPORT_SYMBOL_FOR_KTEST(console_write);

static void console_emit_line(int level, u64 ts, const char *text, size_t len)
{
	char prefix[32];
	int n;

	if (level >= console_loglevel)
		return;
	n = format_prefix(prefix, sizeof(prefix), ts);
	console_write(prefix, n);
	console_write(text, len);
	console_write("\n", 1);
}

/* Ends the partial line: it becomes a record. Caller holds log_lock. */
static void cont_flush(void)
{
	log_store(0, cont_level, cont_ts, cont_buf, cont_len);
	console_emit_line(cont_level, cont_ts, cont_buf, cont_len);
	cont_len = 0;
}

static void cont_append(const char *s, size_t len)
{
	size_t n = min(len, sizeof(cont_buf) - cont_len);

	memcpy(cont_buf + cont_len, s, n);
	cont_len += n;
}

/* Splits the formatted text into lines; caller holds log_lock. */
static void log_text(int level, bool is_cont, const char *text, size_t len)
{
	u64 ts = ktime_get_ns();

	if (cont_len && !is_cont)
		cont_flush();
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t seg = nl ? (size_t)(nl - text) : len;

		if (!cont_len) {
			cont_level = level;
			cont_ts = ts;
		}
		cont_append(text, seg);
		if (nl) {
			cont_flush();
			seg++;
		}
		text += seg;
		len -= seg;
	}
}

/* Parses an optional KERN_<LEVEL> prefix; returns the text after it. */
static const char *parse_level(const char *s, int *level, bool *is_cont)
{
	*level = MESSAGE_LOGLEVEL_DEFAULT;
	*is_cont = false;
	while (s[0] == KERN_SOH[0] && s[1]) {
		if (s[1] >= '0' && s[1] <= '7')
			*level = s[1] - '0';
		else if (s[1] == 'c')
			*is_cont = true;
		s += 2;
	}
	return s;
}

/* Formats and logs a message; returns the formatted length. Any context. */
int vprintk(const char *fmt, va_list ap)
{
	char buf[LOG_LINE_MAX];
	unsigned long flags = 0;
	const char *text;
	bool is_cont;
	int level, n;

	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	text = parse_level(buf, &level, &is_cont);
	if (!panic_mode)
		spin_lock_irqsave(&log_lock, flags);
	log_text(level, is_cont, text, n - (text - buf));
	if (!panic_mode)
		spin_unlock_irqrestore(&log_lock, flags);
	return n;
}
EXPORT_SYMBOL(vprintk);

/* printk: see vprintk. */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(printk);

/* Linux's out-of-line name behind its printk() macro. See vprintk. */
int _printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(_printk);

/* See printk.h. The facility and level go to the record as /dev/kmsg's writes do. */
int vprintk_emit(int facility, int level, const struct dev_printk_info *dev_info,
		 const char *fmt, va_list args)
{
	char buf[LOG_LINE_MAX];
	const char *text;
	bool is_cont;
	int prefixed, n;

	(void)dev_info;
	if (facility == 0 && level == LOGLEVEL_DEFAULT)
		return vprintk(fmt, args);	/* a kernel printk: continuation rules apply */
	n = vscnprintf(buf, sizeof(buf), fmt, args);
	text = parse_level(buf, &prefixed, &is_cont);
	if (level == LOGLEVEL_DEFAULT)
		level = prefixed;
	kmsg_store(facility, level & 7, text, (size_t)(n - (text - buf)));
	return n;
}
EXPORT_SYMBOL(vprintk_emit);

int oops_in_progress;
EXPORT_SYMBOL(oops_in_progress);

/* printk_ratelimit()'s shared state: Linux's 5 s interval and burst of 10. */
#define PRINTK_RL_INTERVAL (5 * HZ)
#define PRINTK_RL_BURST 10
static DEFINE_SPINLOCK(printk_rl_lock);	/* the three below; a leaf, only trylocked, IRQs off */
static unsigned long printk_rl_begin;
static int printk_rl_printed, printk_rl_missed;

/* See printk.h. A contended lock means "no", as Linux's ___ratelimit. */
int __printk_ratelimit(const char *func)
{
	unsigned long flags;
	int missed = 0, ok;

	flags = local_irq_save();
	if (!spin_trylock(&printk_rl_lock)) {
		local_irq_restore(flags);
		return 0;
	}
	if (!printk_rl_begin || (s64)(jiffies - (printk_rl_begin + PRINTK_RL_INTERVAL)) > 0) {
		missed = printk_rl_missed;
		printk_rl_begin = jiffies;
		printk_rl_printed = 0;
		printk_rl_missed = 0;
	}
	ok = printk_rl_printed < PRINTK_RL_BURST;
	if (ok)
		printk_rl_printed++;
	else
		printk_rl_missed++;
	spin_unlock(&printk_rl_lock);
	local_irq_restore(flags);
	if (missed)
		printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, missed);
	return ok;
}
EXPORT_SYMBOL(__printk_ratelimit);

/*
 * Linux's: true at most once per interval_msecs for the caller's
 * timestamp (0 = never printed). Any context (racy by design, as Linux's).
 */
bool printk_timed_ratelimit(unsigned long *caller_jiffies, unsigned int interval_msecs)
{
	unsigned long elapsed = jiffies - *caller_jiffies;

	if (*caller_jiffies && elapsed <= ((u64)interval_msecs * HZ + 999) / 1000)
		return false;
	*caller_jiffies = jiffies;
	return true;
}
EXPORT_SYMBOL(printk_timed_ratelimit);

/* Skips wrap markers at *pos; returns the record there or NULL at the head. Under log_lock. */
static struct log_rec *log_rec_at(u64 *pos)
{
	while (*pos < log_head) {
		struct log_rec *r = rec_at(*pos);

		if (r->len != LOG_WRAP)
			return r;
		*pos += LOG_BUF_SIZE - *pos % LOG_BUF_SIZE;
	}
	return NULL;
}

/* Copies the record at *pos into line as dmesg prints it; 0 = none left. */
static size_t log_read_one(u64 *pos, u64 end, char *line, size_t size)
{
	unsigned long flags;
	struct log_rec *r;
	size_t n = 0;

	spin_lock_irqsave(&log_lock, flags);
	if (*pos < log_tail)
		*pos = log_tail;
	r = *pos < end ? log_rec_at(pos) : NULL;
	if (r && *pos < end) {
		n = format_prefix(line, size, r->ts_ns);
		n += scnprintf(line + n, size - n, "%.*s\n", (int)r->len, (const char *)(r + 1));
		*pos += rec_size(r->len);
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

/* See printk.h. Task context; emit() runs without the log lock held. */
void printk_log_for_each(void (*emit)(const char *line, size_t len, void *arg), void *arg)
{
	static char line[LOG_LINE_MAX + 32];	/* dmesg is not reentrant */
	u64 pos = READ_ONCE(log_clear_pos), end;
	size_t n;

	end = READ_ONCE(log_head);
	while ((n = log_read_one(&pos, end, line, sizeof(line))) > 0)
		emit(line, n, arg);
}
EXPORT_SYMBOL_FOR_KTEST(printk_log_for_each);

/*
 * See printk.h. As Linux's SYSLOG_ACTION_CLEAR: the records stay (a
 * /dev/kmsg reader still sees them from SEEK_SET); syslog reads and
 * SEEK_DATA start after them.
 */
void printk_log_clear(void)
{
	unsigned long flags;

	spin_lock_irqsave(&log_lock, flags);
	log_clear_pos = log_head;
	spin_unlock_irqrestore(&log_lock, flags);
}

/* Seq of the record at pos (or the next one to be stored). Under log_lock. */
static u64 log_seq_at(u64 *pos)
{
	struct log_rec *r = log_rec_at(pos);

	return r ? r->seq : log_next_seq;
}

/* See printk.h. */
void kmsg_iter_seek(struct kmsg_iter *it, int whence)
{
	unsigned long flags;

	spin_lock_irqsave(&log_lock, flags);
	switch (whence) {
	case KMSG_SEEK_CLEAR:
		it->pos = max(log_clear_pos, log_tail);
		break;
	case KMSG_SEEK_END:
		it->pos = log_head;
		break;
	default:
		it->pos = log_tail;
		break;
	}
	it->seq = log_seq_at(&it->pos);
	spin_unlock_irqrestore(&log_lock, flags);
}
EXPORT_SYMBOL_FOR_KTEST(kmsg_iter_seek);

/* See printk.h. */
bool kmsg_iter_ready(const struct kmsg_iter *it)
{
	return READ_ONCE(log_next_seq) != it->seq;
}

/* Writes c to buf at *n (escaped as Linux's \xNN when not printable). */
static void kmsg_put_char(char *buf, size_t size, size_t *n, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	if (c >= ' ' && c < 127 && c != '\\') {
		if (*n < size)
			buf[(*n)++] = c;
		return;
	}
	if (*n + 4 <= size) {
		buf[(*n)++] = '\\';
		buf[(*n)++] = 'x';
		buf[(*n)++] = hex[c >> 4];
		buf[(*n)++] = hex[c & 15];
	}
}

/* See printk.h. */
long kmsg_iter_read(struct kmsg_iter *it, char *buf, size_t size)
{
	unsigned long flags;
	struct log_rec *r;
	size_t n;
	long ret;

	spin_lock_irqsave(&log_lock, flags);
	if (it->pos < log_tail) {
		/* Overwritten while the reader was away: Linux's -EPIPE, then go on. */
		it->pos = log_tail;
		it->seq = log_seq_at(&it->pos);
		ret = -EPIPE;
		goto out;
	}
	r = log_rec_at(&it->pos);
	if (!r) {
		ret = -EAGAIN;
		goto out;
	}
	n = scnprintf(buf, size, "%u,%llu,%llu,-;", (unsigned int)(r->facility << 3 | r->level),
		      (unsigned long long)r->seq, (unsigned long long)(r->ts_ns / NSEC_PER_USEC));
	for (size_t i = 0; i < r->len; i++)
		kmsg_put_char(buf, size, &n, ((const unsigned char *)(r + 1))[i]);
	if (n < size)
		buf[n++] = '\n';
	it->pos += rec_size(r->len);
	it->seq = log_seq_at(&it->pos);
	ret = n;
out:
	spin_unlock_irqrestore(&log_lock, flags);
	return ret;
}
EXPORT_SYMBOL_FOR_KTEST(kmsg_iter_read);

/* See printk.h. */
void kmsg_store(int facility, int level, const char *text, size_t len)
{
	unsigned long flags = 0;
	u64 ts = ktime_get_ns();

	if (len && text[len - 1] == '\n')
		len--;
	len = min(len, (size_t)LOG_LINE_MAX);
	if (!panic_mode)
		spin_lock_irqsave(&log_lock, flags);
	if (cont_len)
		cont_flush();
	log_store(facility, level, ts, text, len);
	console_emit_line(level, ts, text, len);
	if (!panic_mode)
		spin_unlock_irqrestore(&log_lock, flags);
}

/* See printk.h. */
u64 printk_log_dropped(void)
{
	return READ_ONCE(log_dropped);
}
EXPORT_SYMBOL_FOR_KTEST(printk_log_dropped);

/* See printk.h. */
void printk_enter_panic(void)
{
	panic_mode = true;
}
