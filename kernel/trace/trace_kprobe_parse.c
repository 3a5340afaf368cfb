/*
 * The kprobe_events line parser (include/kelp/trace.h), apart from the
 * kernel so host unit tests and a libFuzzer target build it alone. Linux's
 * syntax (Documentation/trace/kprobetrace.rst), the subset Kelp runs:
 *   p[:[GRP/][EVENT]] [MOD:]SYM[+0]          a probe at a function's entry
 *   r[MAXACTIVE][:[GRP/][EVENT]] [MOD:]SYM[+0]   a probe at its return
 *   -:[GRP/]EVENT                      delete
 * SYM may be MOD:SYM (a loaded module's function). The group defaults to
 * "kprobes" and the name to p_SYM_0 / r_SYM_0 (p_MOD_SYM_0), as Linux. Names follow C
 * identifier rules. Fetch arguments and raw addresses are refused
 * (-EINVAL); so is a nonzero offset, since only fentry sites can be
 * probed. Pure: no allocation, no locks.
 */
#include <kelp/trace.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/string.h>

#define KPE_MAXACTIVE_MAX 4096	/* Linux's KRETPROBE_MAXACTIVE_MAX */

static bool kpe_space(char c)
{
	return c == ' ' || c == '\t';
}

static bool kpe_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool kpe_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Linux's is_good_name: a C identifier. */
static bool kpe_good_name(const char *s)
{
	if (!kpe_alpha(*s))
		return false;
	for (s++; *s; s++)
		if (!kpe_alpha(*s) && !kpe_digit(*s))
			return false;
	return true;
}

/* Copies [s, s + n) into dst (size bytes) as a string; false if it does not fit. */
static bool kpe_copy(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return false;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

/* Linux's error_log texts (kernel/trace/trace_probe.h), by KPE_ERR_*. */
static const char *const kpe_err_text[] = {
	[KPE_ERR_NONE] = "",
	[KPE_ERR_BAD_MAXACT_TYPE] = "Maxactive is only for function exit",
	[KPE_ERR_BAD_MAXACT] = "Invalid maxactive number",
	[KPE_ERR_MAXACT_TOO_BIG] = "Maxactive is too big",
	[KPE_ERR_BAD_PROBE_ADDR] = "Invalid probed address or symbol",
	[KPE_ERR_NO_GROUP_NAME] = "Group name is not specified",
	[KPE_ERR_GROUP_TOO_LONG] = "Group name is too long",
	[KPE_ERR_BAD_GROUP_NAME] = "Group name must follow the same rules as C identifiers",
	[KPE_ERR_NO_EVENT_NAME] = "Event name is not specified",
	[KPE_ERR_EVENT_TOO_LONG] = "Event name is too long",
	[KPE_ERR_BAD_EVENT_NAME] = "Event name must follow the same rules as C identifiers",
	[KPE_ERR_EVENT_EXIST] = "Given group/event name is already used by another event",
	[KPE_ERR_BAD_FETCH_ARG] = "Invalid fetch argument",
	[KPE_ERR_FAIL_REG_PROBE] = "Failed to register probe event",
};

/* See trace.h. */
const char *kprobe_event_errstr(int err)
{
	if (err < 0 || err >= (int)(sizeof(kpe_err_text) / sizeof(kpe_err_text[0])) ||
	    !kpe_err_text[err])
		return "";
	return kpe_err_text[err];
}

/* Records where and why the line is refused (Linux's trace_probe_log_err). Returns -EINVAL. */
static int kpe_fail(struct kprobe_event_cmd *cmd, int err, int word, size_t off)
{
	cmd->err = err;
	cmd->err_word = word;
	cmd->err_off = off;
	return -EINVAL;
}

/*
 * Splits "GRP/EVENT", "EVENT" or "" (after the ':', at s in word w) into
 * cmd; -EINVAL if bad, with Linux's error and its place.
 */
static int kpe_parse_names(const char *w, const char *s, size_t n, struct kprobe_event_cmd *cmd,
			   bool need_event)
{
	const char *slash = memchr(s, '/', n);

	if (slash) {
		if (slash == s)
			return kpe_fail(cmd, KPE_ERR_NO_GROUP_NAME, 0, s - w);
		if (!kpe_copy(cmd->group, sizeof(cmd->group), s, slash - s))
			return kpe_fail(cmd, KPE_ERR_GROUP_TOO_LONG, 0, s - w);
		if (!kpe_good_name(cmd->group))
			return kpe_fail(cmd, KPE_ERR_BAD_GROUP_NAME, 0, s - w);
		n -= slash + 1 - s;
		s = slash + 1;
	}
	if (!kpe_copy(cmd->event, sizeof(cmd->event), s, n))
		return kpe_fail(cmd, KPE_ERR_EVENT_TOO_LONG, 0, s - w);
	if (!cmd->event[0] && need_event)
		return kpe_fail(cmd, KPE_ERR_NO_EVENT_NAME, 0, s - w);
	if (cmd->event[0] && !kpe_good_name(cmd->event))
		return kpe_fail(cmd, KPE_ERR_BAD_EVENT_NAME, 0, s - w);
	return 0;
}

/* The probe type word: p, r, rN, each with an optional ":names"; or "-:names". */
static int kpe_parse_head(const char *w, size_t n, struct kprobe_event_cmd *cmd)
{
	const char *end = w + n, *p = w + 1;

	if (w[0] == '-') {
		cmd->op = KPE_DELETE;
		if (n < 2 || w[1] != ':')
			return -EINVAL;	/* Linux logs nothing for an unknown command */
		return kpe_parse_names(w, w + 2, n - 2, cmd, true);
	}
	if (w[0] != 'p' && w[0] != 'r')
		return -EINVAL;
	cmd->op = KPE_ADD;
	cmd->is_return = w[0] == 'r';
	if (p < end && kpe_digit(*p)) {
		unsigned long v = 0;

		if (!cmd->is_return)
			return kpe_fail(cmd, KPE_ERR_BAD_MAXACT_TYPE, 0, 1);
		while (p < end && kpe_digit(*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > KPE_MAXACTIVE_MAX)	/* Linux: -E2BIG; both are refusals */
				return kpe_fail(cmd, KPE_ERR_MAXACT_TOO_BIG, 0, 1);
		}
		if (!v)
			return kpe_fail(cmd, KPE_ERR_BAD_MAXACT, 0, 1);
		cmd->maxactive = v;
	}
	if (p == end)
		return 0;
	if (*p != ':')
		return cmd->is_return ? kpe_fail(cmd, KPE_ERR_BAD_MAXACT, 0, 1) : -EINVAL;
	p++;
	return kpe_parse_names(w, p, end - p, cmd, false);
}

/*
 * [MOD:]SYM[+OFFS]: MOD an identifier, SYM identifier characters and '.'
 * (Linux's names, e.g. foo.cold). The symbol kept is "MOD:SYM" as given.
 */
static int kpe_parse_symbol(const char *w, size_t n, struct kprobe_event_cmd *cmd)
{
	const char *plus = memchr(w, '+', n);
	size_t sn = plus ? (size_t)(plus - w) : n;
	const char *sym;
	char num[24];

	if (!sn || !kpe_copy(cmd->symbol, sizeof(cmd->symbol), w, sn))
		return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, 0);
	sym = strchr(cmd->symbol, ':');
	if (sym) {
		for (const char *s = cmd->symbol; s < sym; s++)
			if (!kpe_alpha(*s) && !kpe_digit(*s))
				return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, 0);
		if (sym == cmd->symbol || !kpe_alpha(cmd->symbol[0]))
			return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, 0);
		sym++;
	} else {
		sym = cmd->symbol;
	}
	if (!kpe_alpha(*sym))	/* an address, or garbage */
		return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, sym - cmd->symbol);
	for (const char *s = sym; *s; s++)
		if (!kpe_alpha(*s) && !kpe_digit(*s) && *s != '.')
			return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, s - cmd->symbol);
	cmd->offset = 0;
	if (plus) {
		if (!kpe_copy(num, sizeof(num), plus + 1, n - sn - 1) ||
		    kstrtoul(num, 0, &cmd->offset))
			return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, sn);
		if (cmd->offset)	/* only fentry sites: offset 0 */
			return kpe_fail(cmd, KPE_ERR_BAD_PROBE_ADDR, 1, sn);
	}
	return 0;
}

/*
 * Linux's default name: "%c_%s_%ld" of the kind, the symbol as written
 * (MOD:SYM too) and the offset (always 0 here), cut to the name buffer as
 * snprintf cuts it, then sanitize_event_name(): ':', '.' and '*' become
 * '_'. So `p mod:foo.cold` is p_mod_foo_cold_0.
 */
static void kpe_auto_name(struct kprobe_event_cmd *cmd)
{
	const char *parts[4] = { cmd->is_return ? "r_" : "p_", cmd->symbol, "_", "0" };
	size_t n = 0;

	/* The offset is always 0 once accepted; no vsnprintf (host tests build this file alone). */
	for (int i = 0; i < 4; i++)
		for (const char *p = parts[i]; *p && n < sizeof(cmd->event) - 1; p++)
			cmd->event[n++] = *p == ':' || *p == '.' || *p == '*' ? '_' : *p;
	cmd->event[n] = '\0';
}

/* See trace.h. */
int kprobe_event_parse(const char *line, size_t len, struct kprobe_event_cmd *cmd)
{
	const char *w[3], *s = line, *end = line + len;
	size_t wl[3];
	int nw = 0, err;

	memset(cmd, 0, sizeof(*cmd));
	while (s < end) {
		while (s < end && kpe_space(*s))
			s++;
		if (s == end)
			break;
		if (*s == '#' && nw == 0)
			return 1;	/* a comment line */
		if (nw == 3)	/* fetch arguments: not supported */
			return kpe_fail(cmd, KPE_ERR_BAD_FETCH_ARG, 2, 0);
		w[nw] = s;
		while (s < end && !kpe_space(*s)) {
			if (!*s || *s == '\n')
				return -EINVAL;
			s++;
		}
		wl[nw] = s - w[nw];
		nw++;
	}
	if (nw == 0)
		return 1;	/* a blank line */
	err = kpe_parse_head(w[0], wl[0], cmd);
	if (err)
		return err;
	if (cmd->op == KPE_DELETE)
		goto group;
	if (nw > 2)
		return kpe_fail(cmd, KPE_ERR_BAD_FETCH_ARG, 2, 0);
	if (nw != 2)
		return -EINVAL;	/* no symbol: Linux logs nothing either */
	err = kpe_parse_symbol(w[1], wl[1], cmd);
	if (err)
		return err;
	if (!cmd->event[0])
		kpe_auto_name(cmd);
group:
	if (cmd->op == KPE_DELETE && nw != 1)
		return kpe_fail(cmd, KPE_ERR_BAD_FETCH_ARG, 1, 0);
	if (!cmd->group[0])
		strlcpy(cmd->group, KPE_DEFAULT_GROUP, sizeof(cmd->group));
	return 0;
}
