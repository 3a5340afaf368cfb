/*
 * The .modinfo reader of modinfo (userland/bin/modinfo.c): finds the
 * section in a module file and prints its key=value strings in kmod's
 * format (tools/modinfo.c of kmod: "key:" padded to column 16, parm and
 * parmtype merged into one "parm:" line per parameter, printed last).
 * A .ko named on the command line is untrusted input, so this is pure,
 * bounded code over a buffer: every offset is checked against the image
 * before use, strings are handled as (pointer, length) and never assumed
 * NUL-terminated. Built into libkelp.a, tests/unit/test_modinfo.c and
 * tests/fuzz/fuzz_modinfo.c.
 */
#include <modfile.h>
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether [off, off + size) lies inside an image of len bytes (no overflow). */
static bool range_ok(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

/* See modfile.h. */
int modinfo_section(const void *image, size_t len, const char **sec, size_t *sec_len)
{
	const unsigned char *p = image;
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strs;
	const char *names;

	if (len <= EI_NIDENT || memcmp(p, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB || len <= sizeof(eh))
		return -EINVAL;
	memcpy(&eh, p, sizeof(eh));	/* the image need not be aligned */
	if (eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    !range_ok(len, eh.e_shoff, (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr)))
		return -EINVAL;
	if (eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum)
		return -EINVAL;
	memcpy(&strs, p + eh.e_shoff + (uint64_t)eh.e_shstrndx * sizeof(sh), sizeof(strs));
	if (!range_ok(len, strs.sh_offset, strs.sh_size) || !strs.sh_size ||
	    p[strs.sh_offset + strs.sh_size - 1] != '\0')
		return -EINVAL;		/* the names must end in a NUL: strcmp stays inside */
	names = (const char *)p + strs.sh_offset;
	for (unsigned int i = 1; i < eh.e_shnum; i++) {
		memcpy(&sh, p + eh.e_shoff + (uint64_t)i * sizeof(sh), sizeof(sh));
		if (sh.sh_name >= strs.sh_size || strcmp(names + sh.sh_name, ".modinfo"))
			continue;
		/* kmod skips a section whose bytes are not in the file, and reads offset 0 as none */
		if (!range_ok(len, sh.sh_offset, sh.sh_size) || !sh.sh_offset)
			continue;
		*sec = (const char *)p + sh.sh_offset;
		*sec_len = sh.sh_size;
		return 0;
	}
	return -ENODATA;
}

/* One string of the section: the bytes between NULs (padding NULs are skipped). */
struct entry {
	const char *key, *value;
	size_t keylen, valuelen;
};

/* Splits s[0..n) at its first '='; without one, key and value are both the whole (kmod). */
static void split(const char *s, size_t n, struct entry *e)
{
	const char *eq = memchr(s, '=', n);

	e->key = s;
	if (eq) {
		e->keylen = eq - s;
		e->value = eq + 1;
		e->valuelen = n - e->keylen - 1;
	} else {
		e->keylen = e->valuelen = n;
		e->value = s;
	}
}

/* The entry at or after *pos; advances *pos past it. false at the end. */
static bool next_entry(const char *sec, size_t len, size_t *pos, struct entry *e)
{
	size_t i = *pos, start;

	while (i < len && !sec[i])
		i++;
	if (i >= len)
		return false;
	for (start = i; i < len && sec[i]; i++)
		;
	*pos = i;
	split(sec + start, i - start, e);
	return true;
}

static bool key_is(const struct entry *e, const char *key)
{
	size_t n = strlen(key);

	return e->keylen == n && !memcmp(e->key, key, n);
}

/* A parm or parmtype entry with a ':' in its value: the parameter's name. */
static bool param_name(const struct entry *e, const char **name, size_t *namelen)
{
	const char *colon;

	if (!key_is(e, "parm") && !key_is(e, "parmtype"))
		return false;
	colon = memchr(e->value, ':', e->valuelen);
	if (!colon)
		return false;
	*name = e->value;
	*namelen = colon - e->value;
	return true;
}

static void put(FILE *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* A parm or parmtype entry, split into the parameter's name and its text after "NAME:". */
struct param {
	const char *name, *text;
	size_t namelen, textlen;
	bool is_type;
};

static bool same_name(const struct param *a, const struct param *b)
{
	return a->namelen == b->namelen && !memcmp(a->name, b->name, a->namelen);
}

/*
 * The merged parameter lines. kmod collects the parameters in a list it
 * prepends to, keeping the last parm and the last parmtype text of each,
 * so they come out last-seen-first: walk the entries backwards and print
 * each name where it first appears. prefix: "parm:" padded to 16 columns
 * before each; without it (-F parm) a parameter without description reads
 * "NAME: (TYPE)", where the full listing has "NAME:TYPE". Quadratic in the
 * number of parameters only, as kmod. Returns the lines printed, or -1 if
 * out of memory.
 */
static int show_params(const char *sec, size_t len, bool prefix, char sep, FILE *out)
{
	struct param *p;
	struct entry e;
	size_t pos = 0, np = 0, i, j, namelen;
	const char *name;
	int lines = 0;

	while (next_entry(sec, len, &pos, &e))
		np += param_name(&e, &name, &namelen);
	if (!np)
		return 0;
	p = calloc(np, sizeof(*p));
	if (!p)
		return -1;
	for (pos = 0, i = 0; next_entry(sec, len, &pos, &e);) {
		bool is_type = key_is(&e, "parmtype");

		if (!param_name(&e, &p[i].name, &p[i].namelen))
			continue;
		p[i].text = e.value + p[i].namelen + 1;
		p[i].textlen = e.valuelen - p[i].namelen - 1;
		p[i++].is_type = is_type;
	}
	for (i = np; i-- > 0;) {
		const struct param *desc = NULL, *type = NULL;

		for (j = 0; j < i && !same_name(&p[j], &p[i]); j++)
			;
		if (j < i)
			continue;	/* not the first appearance */
		for (j = i; j < np; j++) {
			if (!same_name(&p[j], &p[i]))
				continue;
			if (p[j].is_type)
				type = &p[j];
			else
				desc = &p[j];
		}
		if (prefix)
			fprintf(out, "%-16s", "parm:");
		put(out, p[i].name, p[i].namelen);
		fputc(':', out);
		if (!desc) {
			if (!prefix)
				fputs(" (", out);
			put(out, type->text, type->textlen);
			if (!prefix)
				fputc(')', out);
		} else {
			put(out, desc->text, desc->textlen);
			if (type) {
				fputs(" (", out);
				put(out, type->text, type->textlen);
				fputc(')', out);
			}
		}
		fputc(sep, out);
		lines++;
	}
	free(p);
	return lines;
}

/* A parm or parmtype entry without ':' (kmod reports it and leaves it out). */
static bool bad_param(const struct entry *e, FILE *err)
{
	if ((!key_is(e, "parm") && !key_is(e, "parmtype")) || memchr(e->value, ':', e->valuelen))
		return false;
	fputs("modinfo: ERROR: Found invalid \"", err);
	put(err, e->key, e->keylen);
	fputc('=', err);
	put(err, e->value, e->valuelen);
	fputs("\": missing ':'\n", err);
	return true;
}

/* See modfile.h. */
int modinfo_show(const char *sec, size_t len, const char *field, char sep,
		 FILE *out, FILE *err)
{
	struct entry e;
	size_t pos = 0;
	int n = 0, params;

	if (field && !strcmp(field, "parm")) {
		while (next_entry(sec, len, &pos, &e))
			bad_param(&e, err);
	} else {
		while (next_entry(sec, len, &pos, &e)) {
			if (field) {
				if (key_is(&e, field)) {
					put(out, e.value, e.valuelen);
					fputc(sep, out);
					n++;
				}
				continue;
			}
			if (key_is(&e, "parm") || key_is(&e, "parmtype")) {
				bad_param(&e, err);
				continue;	/* merged below */
			}
			put(out, e.key, e.keylen);
			if (sep == '\0') {
				fputc('=', out);
			} else {
				/* kmod's "%s:%-*s" with width 15 - keylen: negative widths pad too */
				fputc(':', out);
				pad(out, e.keylen <= 15 ? 15 - e.keylen : e.keylen - 15);
			}
			put(out, e.value, e.valuelen);
			fputc(sep, out);
			n++;
		}
		if (field)
			return n;
	}
	params = show_params(sec, len, !field, sep, out);
	if (params < 0) {
		fputs("modinfo: ERROR: Out of memory!\n", err);
		return -1;
	}
	return n + params;
}
