/*
 * The kprobe_events line parser (include/kelp/trace.h), apart from the
 * kernel so host unit tests and a libFuzzer target build it alone. Linux's
 * syntax (Documentation/trace/kprobetrace.rst), the subset Kelp runs:
 *   p[:[GRP/][EVENT]] [MOD:]SYM[+0]          a probe at a function's entry
 *   r[MAXACTIVE][:[GRP/][EVENT]] [MOD:]SYM[+0]   a probe at its return
 *   -:[GRP/]EVENT                      delete
 * SYM may be MOD:SYM (a loaded module's function). The group defaults to
 * "kprobes" and the name to p_SYM_0 / r_SYM_0, as Linux. Names follow C
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

/* Splits "GRP/EVENT", "EVENT" or "" (after the ':') into cmd; -EINVAL if bad. */
static int kpe_parse_names(const char *s, size_t n, struct kprobe_event_cmd *cmd, bool need_event)
{
	const char *slash = memchr(s, '/', n);

	if (slash) {
		if (!kpe_copy(cmd->group, sizeof(cmd->group), s, slash - s) ||
		    !kpe_good_name(cmd->group))
			return -EINVAL;
		n -= slash + 1 - s;
		s = slash + 1;
	}
	if (!kpe_copy(cmd->event, sizeof(cmd->event), s, n))
		return -EINVAL;
	if (cmd->event[0] ? !kpe_good_name(cmd->event) : need_event)
		return -EINVAL;
	return 0;
}

/* The probe type word: p, r, rN, each with an optional ":names"; or "-:names". */
static int kpe_parse_head(const char *w, size_t n, struct kprobe_event_cmd *cmd)
{
	const char *end = w + n, *p = w + 1;

	if (w[0] == '-') {
		cmd->op = KPE_DELETE;
		if (n < 2 || w[1] != ':')
			return -EINVAL;
		return kpe_parse_names(w + 2, n - 2, cmd, true);
	}
	if (w[0] != 'p' && w[0] != 'r')
		return -EINVAL;
	cmd->op = KPE_ADD;
	cmd->is_return = w[0] == 'r';
	if (p < end && kpe_digit(*p)) {
		unsigned long v = 0;

		if (!cmd->is_return)
			return -EINVAL;	/* maxactive is for return probes only */
		while (p < end && kpe_digit(*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > KPE_MAXACTIVE_MAX)
				return -EINVAL;	/* Linux: -E2BIG; both are refusals */
		}
		if (!v)
			return -EINVAL;
		cmd->maxactive = v;
	}
	if (p == end)
		return 0;
	if (*p != ':')
		return -EINVAL;
	p++;
	return kpe_parse_names(p, end - p, cmd, false);
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
		return -EINVAL;
	sym = strchr(cmd->symbol, ':');
	if (sym) {
		for (const char *s = cmd->symbol; s < sym; s++)
			if (!kpe_alpha(*s) && !kpe_digit(*s))
				return -EINVAL;
		if (sym == cmd->symbol || !kpe_alpha(cmd->symbol[0]))
			return -EINVAL;
		sym++;
	} else {
		sym = cmd->symbol;
	}
	if (!kpe_alpha(*sym))
		return -EINVAL;	/* an address, or garbage */
	for (const char *s = sym; *s; s++)
		if (!kpe_alpha(*s) && !kpe_digit(*s) && *s != '.')
			return -EINVAL;
	cmd->offset = 0;
	if (plus) {
		if (!kpe_copy(num, sizeof(num), plus + 1, n - sn - 1) ||
		    kstrtoul(num, 0, &cmd->offset))
			return -EINVAL;
		if (cmd->offset)
			return -EINVAL;	/* only fentry sites: offset 0 */
	}
	return 0;
}

/* Linux's default name, "p_SYM_0" / "r_SYM_0" (no MOD:), dots made underscores. */
static int kpe_auto_name(struct kprobe_event_cmd *cmd)
{
	const char *colon = strchr(cmd->symbol, ':');
	const char *sym = colon ? colon + 1 : cmd->symbol;
	size_t n = strlen(sym);

	if (n + 5 > sizeof(cmd->event))
		return -EINVAL;
	cmd->event[0] = cmd->is_return ? 'r' : 'p';
	cmd->event[1] = '_';
	memcpy(cmd->event + 2, sym, n);
	for (size_t i = 2; i < n + 2; i++)
		if (cmd->event[i] == '.')
			cmd->event[i] = '_';
	memcpy(cmd->event + 2 + n, "_0", 3);
	return 0;
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
		if (nw == 3)
			return -EINVAL;	/* fetch arguments: not supported */
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
	if (nw != 2)
		return -EINVAL;	/* no symbol, or fetch arguments */
	err = kpe_parse_symbol(w[1], wl[1], cmd);
	if (err)
		return err;
	if (!cmd->event[0] && (err = kpe_auto_name(cmd)))
		return err;
group:
	if (cmd->op == KPE_DELETE && nw != 1)
		return -EINVAL;
	if (!cmd->group[0])
		strlcpy(cmd->group, KPE_DEFAULT_GROUP, sizeof(cmd->group));
	return 0;
}
