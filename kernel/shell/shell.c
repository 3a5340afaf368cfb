/*
 * The console shell: a line editor on COM1 and the command dispatcher.
 * Editing: printable bytes are echoed and stored, backspace/DEL erases,
 * Ctrl-U kills the line, Ctrl-C abandons it, CR, LF or CR LF end it. Escape
 * sequences (arrow keys) are swallowed; other bytes that are not text are
 * dropped and reported when the line ends. A line longer than the buffer is
 * refused whole with a message, never truncated into a different command.
 */
#include <kelp/shell.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/uart.h>
#include <kelp/time.h>
#include <kelp/x86.h>

#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f
#define ESC 0x1b

extern const struct shell_cmd __start_shell_cmds[], __stop_shell_cmds[];

int shell_last_status;

struct line_editor {
	char buf[SHELL_LINE_MAX];
	size_t len;
	bool overflow;		/* input went past the buffer */
	bool last_was_cr;	/* so that CR LF ends one line, not two */
	int esc_state;		/* 0 none, 1 after ESC, 2 inside CSI */
	unsigned int dropped;	/* non-text bytes ignored in this line */
};

/*
 * Output of a command whose output is redirected: collected here and
 * written to the file in one write() when the command ends, as busybox's
 * echo does, so that a sysfs store sees the whole value at once.
 */
static struct {
	bool active;
	bool overflow;
	char *buf;
	size_t len, cap;
} redir_out;

#define REDIR_MAX (1UL << 20)

static void redir_append(const char *s, size_t len)
{
	if (redir_out.overflow)
		return;
	if (redir_out.len + len > redir_out.cap) {
		size_t cap = max(redir_out.cap * 2, redir_out.len + len + 256);
		char *n = cap <= REDIR_MAX ? krealloc(redir_out.buf, cap, GFP_KERNEL) : NULL;

		if (!n) {
			redir_out.overflow = true;
			return;
		}
		redir_out.buf = n;
		redir_out.cap = cap;
	}
	memcpy(redir_out.buf + redir_out.len, s, len);
	redir_out.len += len;
}

/* See shell.h. */
void sh_write(const char *s, size_t len)
{
	if (redir_out.active)
		redir_append(s, len);
	else
		console_write(s, len);
}

static int sh_vprintf(bool to_console, const char *fmt, va_list ap)
{
	char buf[512];
	int n = vscnprintf(buf, sizeof(buf), fmt, ap);

	if (to_console)
		console_write(buf, n);
	else
		sh_write(buf, n);
	return n;
}

/* See shell.h. Error messages: to the console even when output is redirected. */
int sh_eprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sh_vprintf(true, fmt, ap);
	va_end(ap);
	return n;
}

/* See shell.h. Returns the formatted length. */
int sh_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sh_vprintf(false, fmt, ap);
	va_end(ap);
	return n;
}

/* Sleeps until a byte arrives on COM1 (the receive IRQ wakes the shell thread). */
static int read_byte(void)
{
	return uart_getc_wait(&uart_com1);
}

static void le_reset(struct line_editor *le)
{
	le->len = 0;
	le->overflow = false;
	le->esc_state = 0;
	le->dropped = 0;
}

static void le_erase(struct line_editor *le, size_t n)
{
	while (n-- && le->len) {
		le->len--;
		sh_write("\b \b", 3);
	}
}

/* Swallows ESC [ params final, and ESC O x; returns true if c was eaten. */
static bool le_escape(struct line_editor *le, int c)
{
	if (le->esc_state == 1) {
		le->esc_state = (c == '[' || c == 'O') ? 2 : 0;
		return true;
	}
	if (le->esc_state == 2) {
		if (c >= 0x40 && c <= 0x7e)
			le->esc_state = 0;
		return true;
	}
	if (c == ESC) {
		le->esc_state = 1;
		return true;
	}
	return false;
}

static void le_insert(struct line_editor *le, char c)
{
	if (le->len + 1 >= SHELL_LINE_MAX) {
		le->overflow = true;
		return;
	}
	le->buf[le->len++] = c;
	sh_write(&c, 1);
}

/*
 * Feeds one byte; returns 1 when a line is complete, -1 when it was
 * abandoned (Ctrl-C), 0 otherwise.
 */
static int le_feed(struct line_editor *le, int c)
{
	bool was_cr = le->last_was_cr;

	le->last_was_cr = c == '\r';
	if (c == '\n' && was_cr)
		return 0;
	if (le_escape(le, c))
		return 0;
	if (c == '\r' || c == '\n')
		return 1;
	if (c == CTRL('C'))
		return -1;
	if (c == DEL || c == '\b')
		le_erase(le, 1);
	else if (c == CTRL('U'))
		le_erase(le, le->len);
	else if (c == '\t')
		le_insert(le, ' ');
	else if (c >= 0x20 && c < 0x7f)
		le_insert(le, c);
	else
		le->dropped++;
	return 0;
}

static const struct shell_cmd *find_command(const char *name)
{
	for (const struct shell_cmd *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* Writes the collected output; reports a failed write as busybox does. */
static int redir_flush(struct file *f, const char *cmd, int status)
{
	ssize_t n = 0;

	if (redir_out.overflow)
		n = -EFBIG;
	else if (redir_out.len)
		n = vfs_write(f, redir_out.buf, redir_out.len);
	if (n >= 0 && (size_t)n != redir_out.len)
		n = -EIO;
	if (n < 0) {
		sh_eprintf("%s: write error: %s\n", cmd, strerror(n));
		return 1;
	}
	return status;
}

static int exec_redirected(const struct shell_cmd *cmd, struct sh_cmdline *cl)
{
	u32 flags = O_WRONLY | O_CREAT | (cl->redir_append ? O_APPEND : O_TRUNC);
	struct file *f;
	int err = vfs_open(cl->redir, flags, 0644, &f), status;

	if (err) {
		sh_eprintf("sh: can't create %s: %s\n", cl->redir, strerror(err));
		return 1;
	}
	redir_out.active = true;
	status = cmd->fn(cl->argc, cl->argv);
	redir_out.active = false;
	status = redir_flush(f, cl->argv[0], status);
	vfs_close(f);
	kfree(redir_out.buf);
	redir_out.buf = NULL;
	redir_out.len = redir_out.cap = 0;
	redir_out.overflow = false;
	return status;
}

/* See shell.h. */
int shell_exec_line(char *line)
{
	static struct sh_cmdline cl;	/* one shell: 2 KiB off the stack */
	const struct shell_cmd *cmd;
	const char *msg;
	int err;

	err = sh_parse(line, &cl, &msg);
	if (err) {
		sh_eprintf("sh: %s\n", msg);
		return 2;
	}
	if (!cl.argc)
		return shell_last_status;
	cmd = find_command(cl.argv[0]);
	if (!cmd) {
		sh_eprintf("sh: %s: not found\n", cl.argv[0]);
		return 127;
	}
	if (cl.redir)
		return exec_redirected(cmd, &cl);
	return cmd->fn(cl.argc, cl.argv);
}

/* Reads one line; returns false if it was abandoned or refused. */
static bool read_line(struct line_editor *le)
{
	le_reset(le);
	for (;;) {
		int r = le_feed(le, read_byte());

		if (r < 0) {
			sh_write("^C\n", 3);
			return false;
		}
		if (r > 0)
			break;
	}
	sh_write("\n", 1);
	if (le->dropped)
		sh_eprintf("sh: ignored %u non-text input byte%s\n", le->dropped,
			  le->dropped == 1 ? "" : "s");
	if (le->overflow) {
		sh_eprintf("sh: line too long (more than %d characters), ignored\n",
			  SHELL_LINE_MAX - 1);
		return false;
	}
	le->buf[le->len] = '\0';
	return true;
}

/* See shell.h. */
__noreturn void shell_run(void)
{
	static struct line_editor le;

	for (;;) {
		sh_write(SHELL_PROMPT, sizeof(SHELL_PROMPT) - 1);
		if (read_line(&le))
			shell_last_status = shell_exec_line(le.buf);
	}
}

/* Lists the commands sorted by name (link order is arbitrary). */
static int cmd_help(int argc, char **argv)
{
	const struct shell_cmd *done = NULL;

	for (;;) {
		const struct shell_cmd *next = NULL;

		for (const struct shell_cmd *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
			if ((!done || strcmp(c->name, done->name) > 0) &&
			    (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		sh_printf("  %-10s %s\n", next->name, next->usage);
		done = next;
	}
}
SHELL_COMMAND("help", "list the commands", cmd_help);
