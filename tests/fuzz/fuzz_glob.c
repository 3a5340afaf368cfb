/*
 * libFuzzer target for kernel/lib/glob.c (set_ftrace_filter and the
 * kallsyms command feed it console text). The input is split at its first
 * NUL into a pattern and a string. Checked: no crash or overrun (ASan), a
 * bounded running time (no exponential backtracking), `*` matches
 * anything, every string matches itself with its special characters
 * escaped, and a pattern without wildcards matches exactly itself.
 */
#define KELP_NO_CMOCKA
#include "unit.h"

#include "../../kernel/lib/glob.c"
#include "../../kernel/lib/string.c"

/* Escapes *, ?, [ and \ so the result matches s literally. */
static char *escape(const char *s)
{
	char *out = malloc(2 * strlen(s) + 1), *p = out;

	for (; *s; s++) {
		if (*s == '*' || *s == '?' || *s == '[' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t plen = nul ? (size_t)(nul - data) : size;
	char *pat = strndup((const char *)data, plen);
	char *str = nul ? strndup((const char *)nul + 1, size - plen - 1) : strdup("");
	char *esc = escape(str);

	(void)glob_match(pat, str);
	if (!glob_match("*", str) || !glob_match(esc, str))
		abort();
	if (!glob_has_wildcard(pat) && glob_match(pat, str) != !strcmp(pat, str))
		abort();
	free(esc);
	free(pat);
	free(str);
	return 0;
}
