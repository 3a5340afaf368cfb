/*
 * The pure parts of the console shell /bin/sh (userland/bin/sh.c): the line
 * editor (userland/lib/lineedit.c) and the tokenizer (userland/lib/sh_parse.c).
 * Pure code over buffers and callbacks, so the host unit tests
 * (tests/unit/test_lineedit.c, test_sh_parse.c) and fuzz targets include
 * it too. The prompt, editing rules and messages are the console contract
 * of DESIGN.md section 5 (docs/console.md).
 */
#ifndef KELP_SH_H
#define KELP_SH_H

#include <stdbool.h>
#include <stddef.h>

#define SHELL_PROMPT "kelp# "
#define SHELL_LINE_MAX 1024	/* bytes, including the terminating NUL */
#define SHELL_MAX_ARGS 32

/* Parsed command line (sh_parse.c). */
struct sh_cmdline {
	int argc;
	char *argv[SHELL_MAX_ARGS + 1];
	char *redir;		/* target of > or >>, or NULL */
	bool redir_append;
	char buf[2 * SHELL_LINE_MAX];	/* the words, NUL-terminated (last member) */
};

/*
 * Splits line (at most SHELL_LINE_MAX - 1 bytes) into words: blanks separate, '...' and
 * "..." quote, backslash escapes one character, # starts a comment at the
 * start of a word, > FILE and >> FILE redirect. Returns 0, -E2BIG (too many
 * words or too long), -EINVAL (unterminated quote) or -ENOENT (redirection without a
 * file name); *err_msg then says what is wrong. Pure function.
 */
int sh_parse(const char *line, struct sh_cmdline *cl, const char **err_msg);

/*
 * The line editor (lineedit.c, pure). echo writes what the person typed
 * back; error writes a complaint (stderr).
 */
struct sh_line_editor {
	char buf[SHELL_LINE_MAX];
	size_t len;
	bool overflow;		/* input went past the buffer: the line is refused */
	bool last_was_cr;	/* so that CR LF ends one line, not two */
	int esc_state;		/* 0 none, 1 after ESC, 2 inside CSI */
	unsigned int dropped;	/* non-text bytes ignored in this line */
	void (*echo)(const char *s, size_t len);
	void (*error)(const char *s, size_t len);
};

void sh_le_reset(struct sh_line_editor *le);
/* Feeds one byte: 1 when the line is complete, -1 abandoned (Ctrl-C), 0 more to come. */
int sh_le_feed(struct sh_line_editor *le, int c);
/*
 * Reads one line with read_byte; true with le->buf NUL-terminated, false
 * if it was abandoned or refused (too long; the message went to error).
 */
bool sh_le_read_line(struct sh_line_editor *le, int (*read_byte)(void));

#endif /* KELP_SH_H */
