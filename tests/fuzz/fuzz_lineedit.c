/*
 * libFuzzer target for the console path of both shells: any byte stream
 * through the line editor (userland/lib/lineedit.c) and each line it
 * accepts through the tokenizer. An accepted line is printable text that
 * fits the buffer; an overlong one is refused whole; nothing is written
 * outside the buffers and every complaint is a bounded message.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "../../userland/lib/lineedit.c"
#include "../../userland/lib/sh_parse.c"

/* vsprintf's %pS needs it; the editor never prints a symbol. */
int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

static const uint8_t *in;
static size_t in_len, in_pos;
static size_t echoed;

static void echo(const char *s, size_t len)
{
	echoed += len;
}

static void error(const char *s, size_t len)
{
	if (!len || len > 96 || s[len - 1] != '\n')
		__builtin_trap();
}

/* The input, then line ends forever: every read_line returns. */
static int next_byte(void)
{
	return in_pos < in_len ? in[in_pos++] : '\n';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sh_line_editor le = { .echo = echo, .error = error };
	static struct sh_cmdline cl;
	const char *msg;

	in = data;
	in_len = size;
	in_pos = 0;
	le.last_was_cr = false;
	while (in_pos < in_len) {
		size_t before = in_pos;

		echoed = 0;
		if (sh_le_read_line(&le, next_byte)) {
			if (le.len >= SHELL_LINE_MAX || le.buf[le.len] || host_strlen(le.buf) != le.len)
				__builtin_trap();
			for (size_t i = 0; i < le.len; i++)
				if (le.buf[i] < 0x20 || le.buf[i] > 0x7e)
					__builtin_trap();
			if (sh_parse(le.buf, &cl, &msg) && !msg)
				__builtin_trap();
		} else if (!le.overflow && in_pos == before) {
			__builtin_trap();	/* refused without reading anything */
		}
		/* echo: a byte stored is echoed once and erased at most once ("\b \b"), plus the line end */
		if (echoed > 4 * (in_pos - before) + 3)
			__builtin_trap();
	}
	return 0;
}
