/*
 * libFuzzer target for kernel/trace/trace_kprobe_parse.c (whatever is
 * written to /sys/kernel/tracing/kprobe_events reaches it, one line at a
 * time). The input is one line of that many bytes, no NUL added, so ASan
 * catches any read past its end. Checked: only 0, 1 and -EINVAL come
 * back; an accepted line has NUL-terminated, non-empty C-identifier group
 * and event names, a symbol, offset 0 and maxactive in range; and the
 * line rebuilt from the result ("p:GRP/EVENT SYM") parses back the same;
 * a refusal names a known error_log text, a word and an offset inside
 * the line.
 */
#define KELP_NO_CMOCKA
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/trace.h>

#include "../../kernel/trace/trace_kprobe_parse.c"
#include "../../kernel/lib/kstrto.c"
#include "../../kernel/lib/string.c"

static void check_name(const char *s, size_t size)
{
	if (!memchr(s, 0, size) || !kpe_good_name(s))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kprobe_event_cmd c, again;
	char *copy = malloc(size ? size : 1), line[400];
	size_t n = 0;
	int ret;

	memcpy(copy, data, size);
	ret = kprobe_event_parse(copy, size, &c);
	free(copy);
	if (ret == -EINVAL) {
		/* the error_log place: a known error, a word of the line, inside it */
		if (c.err < KPE_ERR_NONE || c.err > KPE_ERR_FAIL_REG_PROBE || c.err_word < 0 ||
		    c.err_word > 2 || c.err_off < 0 || (size_t)c.err_off > size ||
		    !kprobe_event_errstr(c.err))
			abort();
		return 0;
	}
	if (ret == 1)
		return 0;
	if (ret != 0)
		abort();
	check_name(c.group, sizeof(c.group));
	check_name(c.event, sizeof(c.event));
	if (c.op == KPE_DELETE)
		return 0;
	if (c.op != KPE_ADD || !c.symbol[0] || !memchr(c.symbol, 0, sizeof(c.symbol)) ||
	    c.offset || c.maxactive < 0 || c.maxactive > KPE_MAXACTIVE_MAX ||
	    (!c.is_return && c.maxactive))
		abort();
	line[n++] = c.is_return ? 'r' : 'p';
	line[n++] = ':';
	memcpy(line + n, c.group, strlen(c.group));
	n += strlen(c.group);
	line[n++] = '/';
	memcpy(line + n, c.event, strlen(c.event));
	n += strlen(c.event);
	line[n++] = ' ';
	memcpy(line + n, c.symbol, strlen(c.symbol));
	n += strlen(c.symbol);
	if (kprobe_event_parse(line, n, &again) != 0 || again.is_return != c.is_return ||
	    strcmp(again.group, c.group) || strcmp(again.event, c.event) ||
	    strcmp(again.symbol, c.symbol))
		abort();
	return 0;
}
