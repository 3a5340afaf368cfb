/*
 * The console line editor of /bin/sh (part of the libc, so any program
 * that reads a console line can use it): one contract, one implementation.
 * Printable bytes are echoed and stored, backspace/DEL erases, Ctrl-U
 * kills the line, Ctrl-C abandons it, CR, LF or CR LF end it; escape
 * sequences (arrow keys) are swallowed; other non-text bytes are dropped
 * and counted. A line longer than the buffer is marked overflowed, and
 * refused whole by sh_le_read_line, never truncated into a different
 * command. Pure: input and output go through the caller's callbacks.
 */
#include <sh.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f
#define ESC 0x1b

/* See sh.h. */
void sh_le_reset(struct sh_line_editor *le)
{
	le->len = 0;
	le->overflow = false;
	le->esc_state = 0;
	le->dropped = 0;
}

static void sh_le_erase(struct sh_line_editor *le, size_t n)
{
	while (n-- && le->len) {
		le->len--;
		le->echo("\b \b", 3);
	}
}

/*
 * Swallows ESC [ params final, and ESC O x; returns true if c was eaten.
 * A control byte inside a sequence ends it and acts (as ECMA-48 says):
 * otherwise ESC [ then Enter swallowed every Enter until a letter came,
 * and the console looked hung (found by fuzz_lineedit).
 */
static bool sh_le_escape(struct sh_line_editor *le, int c)
{
	if (c == ESC) {
		le->esc_state = 1;
		return true;
	}
	if (le->esc_state && c < 0x20) {
		le->esc_state = 0;
		return false;
	}
	if (le->esc_state == 1) {
		le->esc_state = (c == '[' || c == 'O') ? 2 : 0;
		return true;
	}
	if (le->esc_state == 2) {
		if (c >= 0x40 && c <= 0x7e)
			le->esc_state = 0;
		return true;
	}
	return false;
}

/* Keeps one byte free for the NUL that ends a complete line. */
static void sh_le_insert(struct sh_line_editor *le, char c)
{
	if (le->len + 1 >= SHELL_LINE_MAX) {
		le->overflow = true;
		return;
	}
	le->buf[le->len++] = c;
	le->echo(&c, 1);
}

/* See sh.h. */
int sh_le_feed(struct sh_line_editor *le, int c)
{
	bool was_cr = le->last_was_cr;

	le->last_was_cr = c == '\r';
	if (c == '\n' && was_cr)
		return 0;	/* the LF of a CR LF: the line already ended */
	if (sh_le_escape(le, c))
		return 0;
	if (c == '\r' || c == '\n')
		return 1;
	if (c == CTRL('C'))
		return -1;
	if (c == DEL || c == '\b')
		sh_le_erase(le, 1);
	else if (c == CTRL('U'))
		sh_le_erase(le, le->len);
	else if (c == '\t')
		sh_le_insert(le, ' ');
	else if (c >= 0x20 && c < 0x7f)
		sh_le_insert(le, c);
	else
		le->dropped++;
	return 0;
}

/* Reports the complaints of a finished line; false if it must be ignored. */
static bool sh_le_complain(struct sh_line_editor *le)
{
	char msg[96];
	int n;

	if (le->dropped) {
		n = snprintf(msg, sizeof(msg), "sh: ignored %u non-text input byte%s\n",
			     le->dropped, le->dropped == 1 ? "" : "s");
		le->error(msg, n);
	}
	if (le->overflow) {
		n = snprintf(msg, sizeof(msg),
			     "sh: line too long (more than %d characters), ignored\n",
			     SHELL_LINE_MAX - 1);
		le->error(msg, n);
		return false;
	}
	return true;
}

/* See sh.h. */
bool sh_le_read_line(struct sh_line_editor *le, int (*read_byte)(void))
{
	sh_le_reset(le);
	for (;;) {
		int r = sh_le_feed(le, read_byte());

		if (r < 0) {
			le->echo("^C\n", 3);
			return false;
		}
		if (r > 0)
			break;
	}
	le->echo("\n", 1);
	if (!sh_le_complain(le))
		return false;
	le->buf[le->len] = '\0';
	return true;
}
