/*
 * The console shell (kernel/shell/). Until the userland issue moves it to
 * ring 3 it runs in the kernel on COM1; its prompt, commands and messages
 * are the console contract of DESIGN.md section 5 and do not change when it
 * moves. Commands register with SHELL_COMMAND() from any file.
 */
#ifndef KELP_SHELL_H
#define KELP_SHELL_H

#include <kelp/types.h>
#include <kelp/compiler.h>

#define SHELL_PROMPT "kelp# "
#define SHELL_LINE_MAX 1024	/* bytes, including the terminating NUL */
#define SHELL_MAX_ARGS 32

struct shell_cmd {
	const char *name;
	const char *usage;	/* one line for `help` */
	int (*fn)(int argc, char **argv);	/* returns the exit status */
};

#define SHELL_COMMAND(cname, cusage, cfn)                                      \
	static const struct shell_cmd shell_cmd_##cfn __used                   \
		__section(".shell_cmds") __aligned(8) = { cname, cusage, cfn }

/* Parsed command line (kernel/shell/parse.c). */
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
 * The line editor of both shells (kernel/shell/lineedit.c, pure). echo
 * writes what the person typed back; error writes a complaint (stderr).
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

/* printf to the command's output (the console, or the file of a redirection). */
int sh_printf(const char *fmt, ...) __printf(1, 2);
/* printf of an error message: always the console, like stderr. */
int sh_eprintf(const char *fmt, ...) __printf(1, 2);
void sh_write(const char *s, size_t len);

/* Runs one command line; returns its exit status. */
int shell_exec_line(char *line);
/* The read-eval loop on COM1. Never returns. */
__noreturn void shell_run(void);
/* Exit status of the last command ($?). */
extern int shell_last_status;

#endif /* KELP_SHELL_H */
