/*
 * Command-line tokenizer of the shell. Console lines are untrusted input
 * (anything can arrive on COM1), so this code is pure, bounded and covered
 * by tests/unit/test_sh_parse.c and the libFuzzer target
 * tests/fuzz/fuzz_sh_parse.c. Words are unquoted into cl->buf, which is
 * big enough for any line of SHELL_LINE_MAX bytes (every input byte gives
 * at most one output byte, plus one NUL per word).
 */
#include <sh.h>
#include <errno.h>
#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Copies one word starting at *src into *dst, removing quotes and escapes;
 * stops at a blank, '>' or the end. Returns 0 or -EINVAL.
 */
static int take_word(const char **src, char **dst)
{
	const char *s = *src;
	char *d = *dst;
	char quote = 0;

	for (; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
			else if (quote == '"' && *s == '\\' && (s[1] == '"' || s[1] == '\\'))
				*d++ = *++s;
			else
				*d++ = *s;
			continue;
		}
		if (is_blank(*s) || *s == '>')
			break;
		if (*s == '\'' || *s == '"')
			quote = *s;
		else if (*s == '\\' && s[1])
			*d++ = *++s;
		else
			*d++ = *s;
	}
	if (quote)
		return -EINVAL;
	*src = s;
	*dst = d;
	return 0;
}

static const char *skip_blanks(const char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* Parses "> file" or ">> file" at *p. */
static int take_redirect(const char **p, char **out, struct sh_cmdline *cl, const char **msg)
{
	const char *s = *p + 1;
	char *start;

	cl->redir_append = *s == '>';
	if (cl->redir_append)
		s++;
	s = skip_blanks(s);
	if (!*s || *s == '>') {
		*msg = "syntax error: unexpected newline";
		return -ENOENT;
	}
	start = *out;
	if (take_word(&s, out)) {
		*msg = "syntax error: unterminated quoted string";
		return -EINVAL;
	}
	if (*out == start) {
		/* '' as a file name: what busybox says when the open fails. */
		*msg = "can't create : No such file or directory";
		return -ENOENT;
	}
	*(*out)++ = '\0';
	cl->redir = start;
	*p = s;
	return 0;
}

/* See sh.h. */
int sh_parse(const char *line, struct sh_cmdline *cl, const char **err_msg)
{
	const char *p = line;
	char *out = cl->buf;
	int err;

	memset(cl, 0, sizeof(*cl) - sizeof(cl->buf));
	if (strnlen(line, SHELL_LINE_MAX) == SHELL_LINE_MAX) {
		*err_msg = "line too long";
		return -E2BIG;
	}
	*err_msg = NULL;
	for (;;) {
		char *start;

		p = skip_blanks(p);
		if (!*p || *p == '#')
			break;
		if (*p == '>') {
			err = take_redirect(&p, &out, cl, err_msg);
			if (err)
				return err;
			continue;
		}
		if (cl->argc == SHELL_MAX_ARGS) {
			*err_msg = "too many arguments";
			return -E2BIG;
		}
		start = out;
		if (take_word(&p, &out)) {
			*err_msg = "syntax error: unterminated quoted string";
			return -EINVAL;
		}
		cl->argv[cl->argc++] = start;
		*out++ = '\0';
	}
	cl->argv[cl->argc] = NULL;
	return 0;
}
