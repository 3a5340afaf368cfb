/*
 * kallsyms: turns `nm -n -S --defined-only kelp.elf` (stdin) into the
 * assembler source of the kernel symbol table (stdout), the tables declared
 * in include/kelp/kallsyms.h: the symbols in address order, plus a
 * name-sorted index (ties in table order) for lookups by name and sympos. `--empty` writes the same labels with no
 * entries, for the first of the Makefile's three link passes.
 * Invariant the three-pass link relies on: the byte size of the table
 * depends only on the set of symbol names, never on their addresses, so
 * the second and third links place every symbol at the same address.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kernel lives in the top 2 GiB (linker.ld, -mcmodel=kernel). */
#define KERNEL_WINDOW_START 0xffffffff80000000ULL

struct sym {
	uint64_t addr;
	uint64_t size;		/* from nm, or computed for text labels */
	int has_size;		/* nm printed a size */
	char type;		/* nm's type letter */
	unsigned int seq;	/* input order: the last tie-breaker */
	char *name;
};

struct symtab {
	struct sym *syms;
	size_t count, cap;
};

/* Byte offsets of each table from kallsyms_num, and the total. */
struct layout {
	size_t addrs, sizes, name_off, name_idx, types, names;
	size_t end;		/* one past the last name byte */
	size_t total;		/* end rounded up to 8 */
};

static int is_text_type(char t)
{
	return t == 't' || t == 'T' || t == 'w' || t == 'W';
}

static int is_weak_type(char t)
{
	return t == 'w' || t == 'W';
}

static int is_kept_type(char t)
{
	return t && strchr("tTwWrRdDbB", t) != NULL;
}

/* Parses a hex number that spans the whole token; 0 on success. */
static int parse_hex(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 16)
		return -1;
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (!isxdigit(c))
			return -1;
		v = v << 4 | (uint64_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
	}
	*out = v;
	return 0;
}

/* Splits off the next blank-separated token of *p; returns its length. */
static size_t next_token(const char **p, const char **tok)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	*tok = s;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r')
		n++;
	*p = s + n;
	return n;
}

/*
 * Parses one nm line, "ADDR [SIZE] TYPE NAME", into *s; the name is not
 * copied: name and name_len point into line. Returns 0, or -1 for anything
 * else (headers, blank lines, undefined symbols, garbage).
 */
static int parse_nm_line(const char *line, struct sym *s,
			 const char **name, size_t *name_len)
{
	const char *p = line, *tok[5];
	size_t len[5], n = 0;

	/* A fifth token means this is not an nm symbol line. */
	while (n < 5 && (len[n] = next_token(&p, &tok[n])) > 0)
		n++;
	if (n != 3 && n != 4)
		return -1;
	memset(s, 0, sizeof(*s));
	if (parse_hex(tok[0], len[0], &s->addr))
		return -1;
	if (n == 4) {
		if (parse_hex(tok[1], len[1], &s->size))
			return -1;
		s->has_size = s->size != 0;
	}
	if (len[n - 2] != 1)
		return -1;
	s->type = *tok[n - 2];
	*name = tok[n - 1];
	*name_len = len[n - 1];
	return 0;
}

/* Whether a parsed symbol belongs in the table (see the file comment). */
static int sym_wanted(const struct sym *s, const char *name, size_t name_len)
{
	if (!is_kept_type(s->type) || name_len == 0)
		return 0;
	if (name[0] == '$' || (name_len >= 2 && name[0] == '.' && name[1] == 'L'))
		return 0;
	return s->addr >= KERNEL_WINDOW_START;
}

static int symtab_add(struct symtab *t, const struct sym *s,
		      const char *name, size_t name_len)
{
	struct sym *n;

	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;

		n = realloc(t->syms, cap * sizeof(*n));
		if (!n)
			return -1;
		t->syms = n;
		t->cap = cap;
	}
	n = &t->syms[t->count];
	*n = *s;
	n->seq = (unsigned int)t->count;
	n->name = malloc(name_len + 1);
	if (!n->name)
		return -1;
	memcpy(n->name, name, name_len);
	n->name[name_len] = '\0';
	t->count++;
	return 0;
}

/* Parses a line and keeps it if wanted. Returns -1 only when out of memory. */
static int symtab_add_line(struct symtab *t, const char *line)
{
	const char *name;
	size_t name_len;
	struct sym s;

	if (parse_nm_line(line, &s, &name, &name_len))
		return 0;
	if (!sym_wanted(&s, name, name_len))
		return 0;
	return symtab_add(t, &s, name, name_len);
}

static void symtab_free(struct symtab *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->syms[i].name);
	free(t->syms);
	memset(t, 0, sizeof(*t));
}

static int leading_underscores(const char *name)
{
	int n = 0;

	while (name[n] == '_')
		n++;
	return n;
}

static int has_prefix(const char *name, const char *prefix)
{
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n >= m && strcmp(name + n - m, suffix) == 0;
}

/*
 * Names that mark a boundary rather than name the code or data that
 * starts there: the linker script's __start_X/__X_start/__X_end, and any
 * X_end label (the byte after X). Same idea as Linux's scripts/kallsyms.
 */
static int is_marker_name(const char *name)
{
	if (has_suffix(name, "_end"))
		return 1;
	if (!has_prefix(name, "__"))
		return 0;
	return has_prefix(name, "__start_") || has_prefix(name, "__stop_") ||
	       has_prefix(name, "__end_") || has_suffix(name, "_start");
}

/*
 * Address order; among aliases the name a lookup should print comes first:
 * text, then a real nm size, then strong before weak, then not a marker
 * (`isr_stub_0` rather than `__entry_text_start`, `_start` rather than
 * `mb2_header_end`), then fewer leading underscores, then global before
 * local, then by name.
 */
static int sym_cmp(const void *pa, const void *pb)
{
	const struct sym *a = pa, *b = pb;
	int d;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if ((d = is_text_type(b->type) - is_text_type(a->type)))
		return d;
	if ((d = b->has_size - a->has_size))
		return d;
	if ((d = is_weak_type(a->type) - is_weak_type(b->type)))
		return d;
	if ((d = is_marker_name(a->name) - is_marker_name(b->name)))
		return d;
	if ((d = leading_underscores(a->name) - leading_underscores(b->name)))
		return d;
	if ((d = !!islower((unsigned char)a->type) - !!islower((unsigned char)b->type)))
		return d;
	if ((d = strcmp(a->name, b->name)))
		return d;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Gives every unsized text symbol (assembly labels) the distance to the
 * next higher address, at least 1 and at most what a u32 holds.
 */
static void symtab_fill_sizes(struct symtab *t)
{
	size_t i, next = 0;

	for (i = 0; i < t->count; i++) {
		struct sym *s = &t->syms[i];
		uint64_t size = 1;

		if (s->has_size || !is_text_type(s->type))
			continue;
		if (next <= i)
			next = i + 1;
		while (next < t->count && t->syms[next].addr == s->addr)
			next++;
		if (next < t->count)
			size = t->syms[next].addr - s->addr;
		s->size = size;
	}
}

static void symtab_sort(struct symtab *t)
{
	if (t->count)
		qsort(t->syms, t->count, sizeof(*t->syms), sym_cmp);
	symtab_fill_sizes(t);
}

static uint32_t sym_size32(const struct sym *s)
{
	return s->size > UINT32_MAX ? UINT32_MAX : (uint32_t)s->size;
}

/* Offsets of the tables: a function of the count and the names only. */
static void symtab_layout(const struct symtab *t, struct layout *l)
{
	size_t names = 0;

	for (size_t i = 0; i < t->count; i++)
		names += strlen(t->syms[i].name) + 1;
	l->addrs = 8;
	l->sizes = l->addrs + 8 * t->count;
	l->name_off = l->sizes + 4 * t->count;
	l->name_idx = l->name_off + 4 * t->count;
	l->types = l->name_idx + 4 * t->count;
	l->names = l->types + t->count;
	l->end = l->names + names;
	l->total = (l->end + 7) & ~(size_t)7;
}

/* Table of t being indexed, for the qsort comparator (a host tool: one thread). */
static const struct symtab *name_idx_tab;

/* Name order; the same name keeps table (address) order: sympos counts in it. */
static int name_idx_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int d = strcmp(name_idx_tab->syms[a].name, name_idx_tab->syms[b].name);

	if (d)
		return d;
	return a < b ? -1 : a > b;
}

/*
 * Returns a malloc'ed array of the table indices sorted by name (NULL for
 * an empty table or no memory: the caller checks count first).
 */
static uint32_t *symtab_name_index(const struct symtab *t)
{
	uint32_t *idx = malloc((t->count ? t->count : 1) * sizeof(*idx));

	if (!idx)
		return NULL;
	for (size_t i = 0; i < t->count; i++)
		idx[i] = (uint32_t)i;
	name_idx_tab = t;
	if (t->count)
		qsort(idx, t->count, sizeof(*idx), name_idx_cmp);
	return idx;
}

static void emit_label(FILE *f, const char *name, size_t size)
{
	fprintf(f, "\t.globl %s\n\t.type %s, @object\n\t.size %s, %zu\n%s:\n",
		name, name, name, size, name);
}

/* Writes name as an .asciz string, escaping what the assembler would read. */
static void emit_string(FILE *f, const char *name)
{
	fputs("\t.asciz \"", f);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p == '"' || *p == '\\' || *p < 0x20 || *p > 0x7e)
			fprintf(f, "\\%03o", *p);
		else
			fputc(*p, f);
	}
	fputs("\"\n", f);
}

static int emit_arrays(FILE *f, const struct symtab *t, const struct layout *l)
{
	uint32_t *idx = symtab_name_index(t);
	size_t i, off = 0;

	if (!idx)
		return -1;

	emit_label(f, "kallsyms_addrs", l->sizes - l->addrs);
	for (i = 0; i < t->count; i++)
		fprintf(f, "\t.quad 0x%016llx\n", (unsigned long long)t->syms[i].addr);
	emit_label(f, "kallsyms_sizes", l->name_off - l->sizes);
	for (i = 0; i < t->count; i++)
		fprintf(f, "\t.long 0x%08x\n", sym_size32(&t->syms[i]));
	emit_label(f, "kallsyms_name_off", l->types - l->name_off);
	for (i = 0; i < t->count; i++) {
		fprintf(f, "\t.long %zu\n", off);
		off += strlen(t->syms[i].name) + 1;
	}
	emit_label(f, "kallsyms_name_idx", l->types - l->name_idx);
	for (i = 0; i < t->count; i++)
		fprintf(f, "\t.long %u\n", idx[i]);
	free(idx);
	emit_label(f, "kallsyms_types", l->names - l->types);
	for (i = 0; i < t->count; i++)
		fprintf(f, "\t.byte 0x%02x\t/* %c */\n", (unsigned char)t->syms[i].type,
			t->syms[i].type);
	emit_label(f, "kallsyms_names", l->end - l->names);
	for (i = 0; i < t->count; i++)
		emit_string(f, t->syms[i].name);
	return 0;
}

/*
 * Writes the whole table. The layout is asserted in the output itself, so
 * a mistake here fails the build instead of moving symbols between passes.
 */
static int emit_table(FILE *f, const struct symtab *t)
{
	struct layout l;

	symtab_layout(t, &l);
	fputs("/* Generated by tools/kallsyms from nm output: do not edit. */\n", f);
	fputs("\t.section .rodata.kallsyms, \"a\"\n\t.balign 8\n", f);
	emit_label(f, "kallsyms_num", 8);
	fprintf(f, "\t.quad %zu\n", t->count);
	if (emit_arrays(f, t, &l))
		return -1;
	fprintf(f, "\t.if . - kallsyms_num != %zu\n", l.end);
	fputs("\t.error \"kallsyms: table size differs from its layout\"\n\t.endif\n", f);
	fputs("\t.balign 8\n", f);
	fputs("\t.section .note.GNU-stack, \"\", @progbits\n", f);
	return 0;
}

/* Reads nm output from f. Returns 0, or -1 on a read error or no memory. */
static int symtab_read(struct symtab *t, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	while (getline(&line, &cap, f) >= 0) {
		if (symtab_add_line(t, line)) {
			ret = -1;
			break;
		}
	}
	free(line);
	return ferror(f) ? -1 : ret;
}

#ifndef KALLSYMS_NO_MAIN
int main(int argc, char **argv)
{
	struct symtab t = { 0 };
	int empty = argc == 2 && strcmp(argv[1], "--empty") == 0;

	if (argc > 2 || (argc == 2 && !empty)) {
		fprintf(stderr, "usage: nm -n -S --defined-only kelp.elf | %s [--empty]\n",
			argv[0]);
		return 2;
	}
	if (!empty && symtab_read(&t, stdin)) {
		fprintf(stderr, "kallsyms: reading nm output: %s\n", strerror(errno));
		return 1;
	}
	/* nm failing in the Makefile's pipe must not make a silent empty table. */
	if (!empty && t.count == 0) {
		fprintf(stderr, "kallsyms: no kernel symbols in the input\n");
		return 1;
	}
	symtab_sort(&t);
	if (emit_table(stdout, &t)) {
		fprintf(stderr, "kallsyms: out of memory\n");
		return 1;
	}
	symtab_free(&t);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "kallsyms: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
#endif
