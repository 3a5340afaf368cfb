/*
 * Finding a module by name for modprobe and modinfo: reads
 * /lib/modules/modules.dep (tools/depmod.py writes it at image build:
 * "PATH: DEP...", paths relative to /lib/modules, an updates/ module listed
 * instead of the in-tree one of the same name, as Linux's depmod does) and
 * returns the module's file and the files it depends on. Both programs use
 * this one lookup, so they agree on which file a name means.
 */
#include <kelp.h>
#include <modfile.h>

/* See modfile.h. */
void modname_from_path(const char *path, size_t len, char *name, size_t size)
{
	const char *base = path, *end = path + len;
	size_t n;

	for (const char *p = path; p < end; p++)
		if (*p == '/')
			base = p + 1;
	n = end - base;
	if (n > 3 && !strncmp(end - 3, ".ko", 3))
		n -= 3;
	if (n >= size)
		n = size - 1;
	memcpy(name, base, n);
	name[n] = '\0';
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
}

/* See modfile.h. */
char *moddep_read(void)
{
	size_t cap = 4096, len = 0;
	int fd = open(MODULE_DIR "/modules.dep", O_RDONLY);
	char *buf, *bigger;
	ssize_t got;

	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	while (buf && (got = read(fd, buf + len, cap - len - 1)) > 0) {
		len += got;
		if (len + 1 == cap) {
			cap *= 2;
			bigger = realloc(buf, cap);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* depfile's line for name ("path: deps"), or NULL. */
static const char *dep_line(const char *depfile, const char *name)
{
	char n[MODULE_NAME_LEN];

	for (const char *l = depfile; l && *l;) {
		const char *colon = strchr(l, ':'), *nl = strchr(l, '\n');

		if (!nl)
			nl = l + strlen(l);
		if (colon && colon < nl) {
			modname_from_path(l, colon - l, n, sizeof(n));
			if (!strcmp(n, name))
				return l;
		}
		l = *nl ? nl + 1 : nl;
	}
	return NULL;
}

/* See modfile.h. */
int moddep_lookup(const char *depfile, const char *arg, struct moddep_entry *e)
{
	char name[MODULE_NAME_LEN];
	const char *line, *colon, *nl, *p, *s;

	e->ndeps = 0;
	modname_from_path(arg, strlen(arg), name, sizeof(name));
	line = strchr(arg, '/') ? NULL : dep_line(depfile, name);
	if (!line)
		return -ENOENT;
	colon = strchr(line, ':');
	nl = strchr(line, '\n');
	if (!nl)
		nl = line + strlen(line);
	snprintf(e->path, sizeof(e->path), MODULE_DIR "/%.*s", (int)(colon - line), line);
	for (p = colon + 1; p < nl && e->ndeps < MODDEP_MAX_DEPS;) {
		while (p < nl && *p == ' ')
			p++;
		for (s = p; p < nl && *p != ' '; p++)
			;
		if (p == s)
			continue;
		e->deps[e->ndeps] = malloc(p - s + sizeof(MODULE_DIR) + 1);
		if (!e->deps[e->ndeps]) {
			moddep_entry_free(e);
			return -ENOMEM;
		}
		snprintf(e->deps[e->ndeps], p - s + sizeof(MODULE_DIR) + 1, MODULE_DIR "/%.*s",
			 (int)(p - s), s);
		e->ndeps++;
	}
	return 0;
}

/* See modfile.h. */
void moddep_entry_free(struct moddep_entry *e)
{
	for (int i = 0; i < e->ndeps; i++)
		free(e->deps[i]);
	e->ndeps = 0;
}
