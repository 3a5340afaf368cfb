/*
 * Wildcard matching for filters (include/kelp/glob.h). The classic
 * iterative algorithm: on a mismatch, back up to the last `*` and let it
 * swallow one more character, so the cost is O(len(pat) * len(str)) with
 * no recursion. Pure functions: unit-tested on the host.
 */
#include <kelp/glob.h>
#include <kelp/compiler.h>

/*
 * Matches one `[...]` set at *pat against c. Returns true/false and moves
 * *pat past the `]`; a set without `]` is matched as a literal `[`.
 */
static bool glob_match_set(const char **pat, unsigned char c)
{
	const char *p = *pat + 1;
	bool negate = false, found = false;

	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	/* A `]` right after `[` or `[!` is a member, as in fnmatch. */
	do {
		unsigned char lo = (unsigned char)*p, hi = lo;

		if (!lo)
			break;
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = (unsigned char)p[2];
			p += 2;
		}
		found |= c >= lo && c <= hi;
		p++;
	} while (*p != ']');
	if (*p != ']') {
		/* Unterminated: the `[` is an ordinary character. */
		*pat += 1;
		return c == '[';
	}
	*pat = p + 1;
	return found != negate;
}

/* See glob.h. */
bool glob_match(const char *pat, const char *str)
{
	const char *back_pat = NULL, *back_str = NULL;

	for (;;) {
		unsigned char c = (unsigned char)*str;
		const char *p = pat;

		if (*p == '*') {
			while (*p == '*')
				p++;
			back_pat = pat = p;
			back_str = str;
			continue;
		}
		if (*p == '?' && c) {
			pat++;
			str++;
			continue;
		}
		if (*p == '[' && c) {
			if (glob_match_set(&p, c)) {
				pat = p;
				str++;
				continue;
			}
		} else {
			if (*p == '\\' && p[1])
				p++;
			if ((unsigned char)*p == c) {
				if (!c)
					return true;
				pat = p + 1;
				str++;
				continue;
			}
		}
		/* Mismatch: let the last star take one more character. */
		if (!back_pat || !*back_str)
			return false;
		str = ++back_str;
		pat = back_pat;
	}
}

/* See glob.h. */
bool glob_has_wildcard(const char *pat)
{
	for (; *pat; pat++)
		if (*pat == '*' || *pat == '?' || *pat == '[' || *pat == '\\')
			return true;
	return false;
}
