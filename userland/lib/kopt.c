/*
 * kopt_parse(): the GNU-style option parser modprobe and modinfo share
 * (modfile.h). kmod's tools use glibc's getopt_long, so a person sees
 * glibc's behaviour and messages (options after the module name work,
 * "modprobe: invalid option -- 'x'"); musl's getopt words its errors
 * differently, hence this small parser.
 */
#include <kelp.h>
#include <modfile.h>

/* The long option arg ("name" or "name=value") names: exact match, else the one prefix match. */
static int find_long(const char *prog, const char *arg, const struct kopt *opts)
{
	size_t n = strcspn(arg, "=");
	int found = -1, matches = 0;

	for (int i = 0; opts[i].name; i++) {
		if (strncmp(opts[i].name, arg, n))
			continue;
		if (strlen(opts[i].name) == n)
			return i;
		/* aliases of one option (same val) are not ambiguous */
		if (found < 0 || opts[found].val != opts[i].val)
			matches++;
		if (found < 0)
			found = i;
	}
	if (matches == 1)
		return found;
	if (!matches) {
		dprintf(2, "%s: unrecognized option '--%s'\n", prog, arg);
		return -1;
	}
	dprintf(2, "%s: option '--%.*s' is ambiguous; possibilities:", prog, (int)n, arg);
	for (int i = 0; opts[i].name; i++)
		if (!strncmp(opts[i].name, arg, n))
			dprintf(2, " '--%s'", opts[i].name);
	dprintf(2, "\n");
	return -1;
}

/* See modfile.h. */
int kopt_parse(int argc, char **argv, const char *shortopts, const struct kopt *longopts,
	       int (*fn)(int val, const char *arg, void *ctx), void *ctx)
{
	const char *prog = argv[0];
	int nops = 0, ret;
	bool options = true;

	for (int i = 1; i < argc; i++) {
		char *a = argv[i];

		if (!options || a[0] != '-' || !a[1]) {
			argv[1 + nops++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			options = false;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '='), *val = NULL;
			int k = find_long(prog, a + 2, longopts);

			if (k < 0)
				return -1;
			if (!longopts[k].arg && eq) {
				dprintf(2, "%s: option '--%s' doesn't allow an argument\n", prog,
					longopts[k].name);
				return -1;
			}
			if (longopts[k].arg) {
				val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
				if (!val) {
					dprintf(2, "%s: option '--%s' requires an argument\n", prog,
						longopts[k].name);
					return -1;
				}
			}
			ret = fn(longopts[k].val, val, ctx);
			if (ret < 0)
				return ret;
			continue;
		}
		for (const char *o = a + 1; *o; o++) {
			const char *s = *o == ':' ? NULL : strchr(shortopts, *o), *val = NULL;

			if (!s) {
				dprintf(2, "%s: invalid option -- '%c'\n", prog, *o);
				return -1;
			}
			if (s[1] == ':') {
				val = o[1] ? o + 1 : i + 1 < argc ? argv[++i] : NULL;
				if (!val) {
					dprintf(2, "%s: option requires an argument -- '%c'\n", prog, *o);
					return -1;
				}
			}
			ret = fn(*o, val, ctx);
			if (ret < 0)
				return ret;
			if (val)
				break;
		}
	}
	return nops;
}
