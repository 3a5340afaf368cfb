/*
 * libFuzzer target for the shell tokenizer: any console line must parse or
 * be refused with a message, and a parse must stay inside its buffers.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../userland/lib/sh_parse.c"

static bool inside(const struct sh_cmdline *cl, const char *p)
{
	return p >= cl->buf && p < cl->buf + sizeof(cl->buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sh_cmdline cl;
	static char line[SHELL_LINE_MAX + 64];
	const char *msg;
	int err;

	if (size >= sizeof(line))
		size = sizeof(line) - 1;
	__builtin_memcpy(line, data, size);
	line[size] = '\0';
	err = sh_parse(line, &cl, &msg);
	if (err) {
		if (!msg)
			__builtin_trap();
		return 0;
	}
	if (cl.argc < 0 || cl.argc > SHELL_MAX_ARGS || cl.argv[cl.argc])
		__builtin_trap();
	for (int i = 0; i < cl.argc; i++)
		if (!inside(&cl, cl.argv[i]) || !inside(&cl, cl.argv[i] + host_strlen(cl.argv[i])))
			__builtin_trap();
	if (cl.redir && (!inside(&cl, cl.redir) || !*cl.redir))
		__builtin_trap();
	return 0;
}
