/*
 * The kernel console shell: the read loop on COM1 (line editing is
 * kernel/shell/lineedit.c, shared with the ring-3 sh) and the command
 * dispatcher with its redirections.
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

extern const struct shell_cmd __start_shell_cmds[], __stop_shell_cmds[];

int shell_last_status;


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

static void sh_echo_console(const char *s, size_t len)
{
	console_write(s, len);
}

/* See shell.h. */
__noreturn void shell_run(void)
{
	static struct sh_line_editor le = { .echo = sh_echo_console, .error = sh_echo_console };

	for (;;) {
		sh_write(SHELL_PROMPT, sizeof(SHELL_PROMPT) - 1);
		if (sh_le_read_line(&le, read_byte))
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
