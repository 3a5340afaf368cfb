/*
 * klp-diff: the object diff of tools/klp-build. It compares one object
 * file built without and with a fix (both -ffunction-sections
 * -fdata-sections), function by function and data object by data object,
 * and writes the part a live patch must carry as a relocatable object:
 * the changed and new functions, the new data, the strings and read-only
 * data they use. Everything else they reference stays in the running
 * kernel (or module): exported symbols as plain undefined symbols, the
 * rest as .klp.sym.OBJ.NAME,POS symbols that tools/klp-convert.py turns
 * into .klp.rela sections. What cannot be live patched is refused, naming
 * the symbol and the reason. Built on elfutils' libelf; run by klp-build,
 * which reads the manifest this tool prints (docs/klp-build.md):
 *
 *   klp-diff [--objname NAME] [--target FILE.elf|.ko] [--file BASE --file-index N]
 *            [--prefix P] [--core] [-o OUT.o] ORIG.o PATCHED.o
 *
 * Exit status: 0 (manifest printed, OUT.o written when something is
 * carried), 1 (a change was refused: "error" lines), 2 (bad input).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- small helpers ---- */

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "klp-diff: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die("out of memory");
	return p;
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return p;
}

/* A growable byte buffer (the output string section). */
struct buf {
	unsigned char *p;
	size_t len, cap;
};

static size_t buf_add(struct buf *b, const void *data, size_t len)
{
	size_t off = b->len;

	if (b->len + len > b->cap) {
		b->cap = (b->len + len) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			die("out of memory");
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	return off;
}

/* ---- the input model ---- */

struct rela {
	uint64_t off;
	uint32_t type;
	uint32_t sym;
	int64_t addend;
};

struct sec {
	char *name;
	GElf_Shdr sh;
	unsigned char *data;		/* NULL for NOBITS */
	struct rela *relas;		/* from the SHT_RELA section targeting this one */
	size_t nrela;
	bool is_str;			/* SHF_MERGE | SHF_STRINGS */
};

enum status { ST_SAME, ST_CHANGED, ST_NEW };

struct sym {
	char *name;
	GElf_Sym s;
	unsigned type, bind;
	struct sym *corr;		/* patched -> orig (and back) */
	enum status status;
	bool carried;			/* goes into the output */
	bool fentry;			/* orig: has an __mcount_loc site at its start */
	bool ro_copy;			/* read-only data that changed: carried as a copy */
	int out_sym;			/* index in the output symtab, 0 if none */
	int out_sec;			/* the output section holding it */
	char *alias;			/* global name the generated tables use */
};

struct obj {
	const char *path;
	int fd;
	Elf *elf;
	struct sec *secs;
	size_t nsec;
	struct sym *syms;
	size_t nsym;
};

static bool is_pcrel(uint32_t type)
{
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32 || type == R_X86_64_PC64 ||
	       type == R_X86_64_GOTPCREL || type == R_X86_64_GOTPCRELX ||
	       type == R_X86_64_REX_GOTPCRELX;
}

static void obj_open(struct obj *o, const char *path)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	o->path = path;
	o->fd = open(path, O_RDONLY);
	if (o->fd < 0)
		die("%s: %s", path, strerror(errno));
	o->elf = elf_begin(o->fd, ELF_C_READ, NULL);
	if (!o->elf || elf_kind(o->elf) != ELF_K_ELF)
		die("%s: not an ELF file", path);
	if (elf_getshdrnum(o->elf, &o->nsec) || elf_getshdrstrndx(o->elf, &shstrndx))
		die("%s: %s", path, elf_errmsg(-1));
	o->secs = xcalloc(o->nsec, sizeof(*o->secs));
	while ((scn = elf_nextscn(o->elf, scn))) {
		size_t i = elf_ndxscn(scn);
		struct sec *s = &o->secs[i];
		Elf_Data *d;

		gelf_getshdr(scn, &s->sh);
		s->name = xstrdup(elf_strptr(o->elf, shstrndx, s->sh.sh_name) ?: "");
		s->is_str = (s->sh.sh_flags & SHF_MERGE) && (s->sh.sh_flags & SHF_STRINGS);
		d = elf_getdata(scn, NULL);
		if (s->sh.sh_type != SHT_NOBITS && d && d->d_size) {
			s->data = xcalloc(1, d->d_size);
			memcpy(s->data, d->d_buf, d->d_size);
		}
		if (s->sh.sh_type == SHT_SYMTAB) {
			o->nsym = d ? d->d_size / sizeof(Elf64_Sym) : 0;
			o->syms = xcalloc(o->nsym, sizeof(*o->syms));
			for (size_t k = 0; k < o->nsym; k++) {
				struct sym *y = &o->syms[k];

				gelf_getsym(d, k, &y->s);
				y->name = xstrdup(elf_strptr(o->elf, s->sh.sh_link, y->s.st_name) ?: "");
				y->type = GELF_ST_TYPE(y->s.st_info);
				y->bind = GELF_ST_BIND(y->s.st_info);
			}
		}
	}
	/* relocations, attached to the section they patch */
	for (size_t i = 1; i < o->nsec; i++) {
		struct sec *r = &o->secs[i];
		Elf_Data *d;

		if (r->sh.sh_type == SHT_REL)
			die("%s: SHT_REL section %s (x86-64 objects use RELA)", path, r->name);
		if (r->sh.sh_type != SHT_RELA || r->sh.sh_info >= o->nsec)
			continue;
		d = elf_getdata(elf_getscn(o->elf, i), NULL);
		struct sec *t = &o->secs[r->sh.sh_info];
		t->nrela = d ? d->d_size / sizeof(Elf64_Rela) : 0;
		t->relas = xcalloc(t->nrela, sizeof(struct rela));
		for (size_t k = 0; k < t->nrela; k++) {
			GElf_Rela ra;

			gelf_getrela(d, k, &ra);
			t->relas[k].off = ra.r_offset;
			t->relas[k].type = GELF_R_TYPE(ra.r_info);
			t->relas[k].sym = GELF_R_SYM(ra.r_info);
			t->relas[k].addend = ra.r_addend;
			if (t->relas[k].sym >= o->nsym)
				die("%s: relocation against symbol %u out of range", path, t->relas[k].sym);
		}
	}
}

static struct sec *sym_sec(struct obj *o, struct sym *y)
{
	if (y->s.st_shndx == SHN_UNDEF || y->s.st_shndx >= o->nsec)
		return NULL;
	return &o->secs[y->s.st_shndx];
}

static bool sec_ignored(const char *n)
{
	return !strncmp(n, ".debug", 6) || !strcmp(n, ".comment") || !strncmp(n, ".note", 5) ||
	       !strcmp(n, ".eh_frame") || !strcmp(n, "__mcount_loc") || !strncmp(n, ".discard", 8);
}

/* Sections whose contents are the kernel's or loader's tables, never carried. */
static bool sec_special(const char *n)
{
	return !strncmp(n, "__ksymtab", 9) || !strcmp(n, ".modinfo") ||
	       !strncmp(n, ".gnu.linkonce", 13) || !strcmp(n, "__param") ||
	       !strcmp(n, ".ktests") || !strcmp(n, ".kbenches") || !strcmp(n, ".shell_cmds") ||
	       !strncmp(n, ".klp.callbacks.", 15) || !strcmp(n, "__ex_table");
}

static bool sec_init(const char *n)
{
	return !strncmp(n, ".init.", 6) || !strncmp(n, ".exit.", 6);
}

/* A function or data object symbol defined in an allocated section (not an alias). */
static bool sym_entity(struct obj *o, struct sym *y)
{
	struct sec *s = sym_sec(o, y);

	if (!s || !(s->sh.sh_flags & SHF_ALLOC) || (y->type != STT_FUNC && y->type != STT_OBJECT) ||
	    sec_ignored(s->name))
		return false;
	/* aliases (init_module for a module's init function): the first symbol stands for all */
	for (struct sym *x = o->syms + 1; x < y; x++)
		if (x->s.st_shndx == y->s.st_shndx && x->s.st_value == y->s.st_value &&
		    x->type == y->type && x->s.st_size == y->s.st_size)
			return false;
	return true;
}

/* The named symbol covering offset off of section sec, or NULL. */
static struct sym *sym_at(struct obj *o, size_t sec, uint64_t off)
{
	struct sym *best = NULL;

	for (size_t k = 1; k < o->nsym; k++) {
		struct sym *y = &o->syms[k];

		if (y->s.st_shndx != sec || (y->type != STT_FUNC && y->type != STT_OBJECT))
			continue;
		if (off >= y->s.st_value && (off < y->s.st_value + y->s.st_size ||
					     (!y->s.st_size && off == y->s.st_value)))
			if (!best || y->s.st_size > best->s.st_size)
				best = y;
	}
	return best;
}

/* ---- relocation targets, normalized ---- */

enum tkind { T_SYM, T_STR, T_SEC };

struct target {
	enum tkind kind;
	struct sym *sym;		/* T_SYM (defined or undefined) */
	size_t sec;			/* T_STR, T_SEC */
	uint64_t off;			/* T_STR: start of the string */
	int64_t add;			/* addend relative to the symbol, string or section */
};

static struct target target_of(struct obj *o, const struct rela *r)
{
	struct sym *y = &o->syms[r->sym];
	struct target t = { .kind = T_SYM, .sym = y, .add = r->addend };
	int64_t addend = r->addend;

	/* a local label the assembler kept (.LC0 in a mergeable section): its section and offset */
	if (y->type == STT_NOTYPE && y->bind == STB_LOCAL && y->s.st_shndx != SHN_UNDEF &&
	    y->s.st_shndx < o->nsec)
		addend += y->s.st_value;
	else if (y->type != STT_SECTION)
		return t;
	size_t si = y->s.st_shndx;
	struct sec *s = &o->secs[si];
	int64_t pos = addend + (is_pcrel(r->type) ? 4 : 0);

	if (s->is_str && s->data && pos >= 0 && (uint64_t)pos < s->sh.sh_size) {
		uint64_t start = pos;

		while (start > 0 && s->data[start - 1])
			start--;
		t.kind = T_STR;
		t.sec = si;
		t.off = start;
		t.add = addend - (int64_t)start;
		return t;
	}
	struct sym *named = pos >= 0 ? sym_at(o, si, pos) : NULL;
	if (!named && addend >= 0)
		named = sym_at(o, si, addend);
	if (!named) {
		/* an immediate after a RIP-relative displacement moves the addend below
		 * -4: with one object per section (-fdata-sections) it is still that one */
		struct sym *only = NULL;
		int n = 0;

		for (size_t k = 1; k < o->nsym; k++)
			if (o->syms[k].s.st_shndx == si &&
			    (o->syms[k].type == STT_OBJECT || o->syms[k].type == STT_FUNC)) {
				only = &o->syms[k];
				n++;
			}
		if (n == 1 && pos < 0 && pos >= -8)
			named = only;
	}
	if (named && named->type != STT_SECTION) {
		t.sym = named;
		t.add = addend - (int64_t)named->s.st_value;
		return t;
	}
	t.kind = T_SEC;
	t.sec = si;
	t.add = addend;
	return t;
}

/* The name a symbol has in the original object (or a mark that it is new). */
static const char *ident(struct sym *y, bool patched)
{
	static char tmp[4][512];
	static int n;

	if (!patched || y->s.st_shndx == SHN_UNDEF)
		return y->name;
	if (y->corr && !y->ro_copy)
		return y->corr->name;
	n = (n + 1) % 4;
	snprintf(tmp[n], sizeof(tmp[n]), "<new>%s", y->name);
	return tmp[n];
}

/* A comparable description of a relocation's target. */
static char *target_key(struct obj *o, const struct rela *r, bool patched)
{
	struct target t = target_of(o, r);
	struct sec *s;

	switch (t.kind) {
	case T_STR:
		s = &o->secs[t.sec];
		return xasprintf("%u str:%s%+lld", r->type, (char *)s->data + t.off, (long long)t.add);
	case T_SEC: {
		s = &o->secs[t.sec];
		/* anonymous data (constants, tables): compare by contents */
		uint64_t h = 1469598103934665603ull;
		for (uint64_t i = 0; s->data && i < s->sh.sh_size; i++)
			h = (h ^ s->data[i]) * 1099511628211ull;
		return xasprintf("%u sec:%s#%llx%+lld", r->type, s->name, (unsigned long long)h,
				 (long long)t.add);
	}
	default:
		return xasprintf("%u sym:%s%+lld", r->type, ident(t.sym, patched), (long long)t.add);
	}
}

/* The relocations of sec inside [start, start+size), in offset order (they are). */
static void relas_in(struct sec *s, uint64_t start, uint64_t size, size_t *first, size_t *n)
{
	*first = 0;
	*n = 0;
	for (size_t k = 0; k < s->nrela; k++) {
		if (s->relas[k].off >= start && s->relas[k].off < start + size) {
			if (!*n)
				*first = k;
			(*n)++;
		}
	}
}

/* True if the bytes and relocation targets of a (orig) and b (patched) are the same. */
/* Functions that take __LINE__ (WARN, BUG, ktest's checks): <kelp/panic.h>, <kelp/ktest.h>. */
static bool takes_line(const char *name)
{
	return !strcmp(name, "__warn") || !strcmp(name, "panic") || !strcmp(name, "ktest_fail");
}

/*
 * True if the only byte differences of function a (orig) and b (patched),
 * whose relocations are the same, are line numbers: a fix that adds lines
 * moves every later WARN's __LINE__, which is no change of behaviour
 * (kpatch's warn-detect case). A difference counts as a line number only
 * inside the immediate of `mov $imm32, %esi` or `%edx` (the line argument
 * of __warn and of panic's BUG message) followed, within 64 bytes, by a
 * call of one of those functions.
 */
static bool only_line_numbers(struct obj *ob, struct sec *sb, struct sym *b, const unsigned char *pa,
			      const unsigned char *pb, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		bool ok = false;

		if (pa[i] == pb[i])
			continue;
		for (size_t j = i >= 4 ? i - 4 : 0; j < i && !ok; j++) {
			if (pa[j] != pb[j] || (pb[j] != 0xbe && pb[j] != 0xba) || i > j + 4)
				continue;
			for (size_t k = 0; k < sb->nrela && !ok; k++) {
				const struct rela *r = &sb->relas[k];
				uint64_t at = r->off - b->s.st_value;

				if (r->off < b->s.st_value || at <= j + 4 || at > j + 64)
					continue;
				ok = takes_line(ob->syms[r->sym].name);
			}
		}
		if (!ok)
			return false;
	}
	return true;
}

static bool entity_same(struct obj *oa, struct sym *a, struct obj *ob, struct sym *b)
{
	struct sec *sa = sym_sec(oa, a), *sb = sym_sec(ob, b);
	size_t fa, na, fb, nb;
	bool bytes_differ = false;

	if (a->s.st_size != b->s.st_size || sa->sh.sh_type != sb->sh.sh_type)
		return false;
	if (sa->data && sb->data &&
	    memcmp(sa->data + a->s.st_value, sb->data + b->s.st_value, a->s.st_size)) {
		if (a->type != STT_FUNC)
			return false;
		bytes_differ = true;	/* perhaps only line numbers: decided after the relocations */
	}
	relas_in(sa, a->s.st_value, a->s.st_size, &fa, &na);
	relas_in(sb, b->s.st_value, b->s.st_size, &fb, &nb);
	if (na != nb)
		return false;
	for (size_t k = 0; k < na; k++) {
		const struct rela *ra = &sa->relas[fa + k], *rb = &sb->relas[fb + k];
		char *ka, *kb;
		bool eq;

		if (ra->off - a->s.st_value != rb->off - b->s.st_value)
			return false;
		ka = target_key(oa, ra, false);
		kb = target_key(ob, rb, true);
		eq = !strcmp(ka, kb);
		if (!eq && getenv("KLP_DIFF_DEBUG"))
			fprintf(stderr, "klp-diff: %s+%#llx: %s != %s\n", b->name,
				(unsigned long long)(rb->off - b->s.st_value), ka, kb);
		free(ka);
		free(kb);
		if (!eq)
			return false;
	}
	if (bytes_differ)
		return only_line_numbers(ob, sb, b, sa->data + a->s.st_value, sb->data + b->s.st_value,
					 a->s.st_size);
	return true;
}

/* ---- correlation ---- */

/* "counter.3" -> length of "counter" (a static local's numbered name), else 0. */
static size_t local_base_len(const char *n)
{
	const char *dot = strrchr(n, '.');

	if (!dot || dot == n || !dot[1])
		return 0;
	for (const char *p = dot + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return dot - n;
}

/* The functions of o whose relocations reach y, as a "|a|b|" string. */
static char *users_of(struct obj *o, struct sym *y)
{
	struct buf b = { 0 };

	buf_add(&b, "|", 1);
	for (size_t k = 1; k < o->nsym; k++) {
		struct sym *f = &o->syms[k];
		struct sec *s;
		size_t first, n;

		if (f->type != STT_FUNC || !(s = sym_sec(o, f)))
			continue;
		relas_in(s, f->s.st_value, f->s.st_size, &first, &n);
		for (size_t i = 0; i < n; i++) {
			struct target t = target_of(o, &s->relas[first + i]);

			if (t.kind == T_SYM && t.sym == y) {
				buf_add(&b, f->name, strlen(f->name));
				buf_add(&b, "|", 1);
				break;
			}
		}
	}
	buf_add(&b, "", 1);
	return (char *)b.p;
}

static int nerrors;

static void refuse(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("error %s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	nerrors++;
}

static void correlate(struct obj *o, struct obj *p)
{
	/* labels and aliases (not functions or data of their own): by name */
	for (size_t k = 1; k < p->nsym; k++) {
		struct sym *y = &p->syms[k];

		if (sym_entity(p, y) || y->s.st_shndx == SHN_UNDEF || !*y->name ||
		    y->type == STT_SECTION || y->type == STT_FILE)
			continue;
		for (size_t j = 1; j < o->nsym; j++)
			if (o->syms[j].type == y->type && !strcmp(o->syms[j].name, y->name) &&
			    o->syms[j].s.st_shndx != SHN_UNDEF) {
				y->corr = &o->syms[j];
				break;
			}
	}

	for (size_t k = 1; k < p->nsym; k++) {
		struct sym *y = &p->syms[k], *cand = NULL;
		size_t base = 0;
		int ncand = 0;

		if (!sym_entity(p, y))
			continue;
		if (y->type == STT_OBJECT && y->bind == STB_LOCAL)
			base = local_base_len(y->name);
		for (size_t j = 1; j < o->nsym; j++) {
			struct sym *x = &o->syms[j];

			if (!sym_entity(o, x) || x->type != y->type)
				continue;
			if (base ? (local_base_len(x->name) == base && !strncmp(x->name, y->name, base))
				 : !strcmp(x->name, y->name)) {
				cand = x;
				ncand++;
			}
		}
		if (ncand > 1 && base) {
			/* as many in both (WARN_ONCE's __warned): gcc numbers them in order */
			struct sym *po[64], *oo[64];
			int np = 0, no = 0, me = -1;

			for (size_t j = 1; j < p->nsym && np < 64; j++) {
				struct sym *x = &p->syms[j];
				if (sym_entity(p, x) && x->type == y->type && local_base_len(x->name) == base &&
				    !strncmp(x->name, y->name, base) && x->bind == STB_LOCAL) {
					if (x == y)
						me = np;
					po[np++] = x;
				}
			}
			for (size_t j = 1; j < o->nsym && no < 64; j++) {
				struct sym *x = &o->syms[j];
				if (sym_entity(o, x) && x->type == y->type && local_base_len(x->name) == base &&
				    !strncmp(x->name, y->name, base) && x->bind == STB_LOCAL)
					oo[no++] = x;
			}
			if (np == no && me >= 0) {
				int rank = 0;
				long mine = atol(y->name + base + 1);

				for (int j = 0; j < np; j++)
					rank += atol(po[j]->name + base + 1) < mine;
				for (int j = 0; j < no; j++) {
					int r = 0;
					long v = atol(oo[j]->name + base + 1);

					for (int i2 = 0; i2 < no; i2++)
						r += atol(oo[i2]->name + base + 1) < v;
					if (r == rank) {
						y->corr = oo[j];
						oo[j]->corr = y;
					}
				}
				if (y->corr)
					continue;
			}
		}
		if (ncand > 1) {
			/* several static locals of that name: the one the same functions use */
			char *uy = users_of(p, y);
			struct sym *pick = NULL;
			int npick = 0;

			for (size_t j = 1; j < o->nsym; j++) {
				struct sym *x = &o->syms[j];
				char *ux;

				if (!sym_entity(o, x) || x->type != y->type ||
				    local_base_len(x->name) != base || strncmp(x->name, y->name, base))
					continue;
				ux = users_of(o, x);
				if (!strcmp(ux, uy) && strcmp(ux, "|")) {
					pick = x;
					npick++;
				}
				free(ux);
			}
			free(uy);
			if (npick != 1) {
				refuse(y->name, "cannot tell which of %d static variables named like it "
				       "it is (rename it)", ncand);
				continue;
			}
			cand = pick;
		}
		if (cand) {
			y->corr = cand;
			cand->corr = y;
		}
	}
}

/* Marks the orig functions that have an fentry site (__mcount_loc) at their start. */
static void find_fentry(struct obj *o)
{
	for (size_t i = 1; i < o->nsec; i++) {
		struct sec *s = &o->secs[i];

		if (strcmp(s->name, "__mcount_loc"))
			continue;
		for (size_t k = 0; k < s->nrela; k++) {
			struct rela r = s->relas[k];
			struct sym *y = &o->syms[r.sym];

			if (y->type == STT_SECTION) {
				y = sym_at(o, y->s.st_shndx, r.addend);
				if (y && (int64_t)y->s.st_value == r.addend)
					y->fentry = true;
			} else if (!r.addend) {
				y->fentry = true;
			}
		}
	}
}

/* "foo.cold" (or foo.cold.N): a part of foo gcc split out; carried with foo. */
static bool is_cold_part(const char *n, size_t *parent_len)
{
	const char *c = strstr(n, ".cold");

	if (!c || c == n)
		return false;
	*parent_len = c - n;
	return true;
}

/* ---- options and the target's symbols ---- */

static const char *objname = "vmlinux";
static const char *target_path, *file_base, *prefix = "";
static int file_index;
static bool core_object;

struct tsym {
	char *name;
	uint64_t addr;
	unsigned bind, type;
	int file;			/* index of the FILE group (local symbols), -1 for globals */
	bool kept;			/* listed by kallsyms */
};

static struct tsym *tsyms;
static size_t ntsyms;
static int my_file = -2;		/* FILE group of this object in the target */

static void target_load(void)
{
	struct obj t = { 0 };
	int file = -1, seen = 0;

	if (!target_path)
		return;
	obj_open(&t, target_path);
	ntsyms = t.nsym;
	tsyms = xcalloc(ntsyms, sizeof(*tsyms));
	for (size_t k = 1; k < t.nsym; k++) {
		struct sym *y = &t.syms[k];
		struct tsym *ts = &tsyms[k];

		ts->name = y->name;
		ts->addr = y->s.st_value;
		ts->bind = y->bind;
		ts->type = y->type;
		if (y->type == STT_FILE) {
			file = k;
			if (file_base && !strcmp(y->name, file_base) && seen++ == file_index)
				my_file = k;
			continue;
		}
		ts->file = y->bind == STB_LOCAL ? file : -1;
		ts->kept = y->s.st_shndx != SHN_UNDEF && y->type != STT_SECTION &&
			   y->s.st_shndx != SHN_ABS && *y->name;
	}
	if (file_base && my_file == -2)
		die("%s: no FILE symbol %s #%d", target_path, file_base, file_index);
}

/*
 * Whether the target exports name to every module (__ksymtab_NAME). A
 * namespaced export (__ksymtab_ns_NAME, <kelp/export.h>) does not count:
 * a patch does not import the namespace (the test-only EXPORTED_FOR_KTEST
 * above all), so it reaches that symbol through .klp.sym like any other.
 */
static bool target_exports(const char *name)
{
	char *k = xasprintf("__ksymtab_%s", name);
	bool found = false;

	for (size_t i = 1; i < ntsyms && !found; i++)
		found = tsyms[i].name && !strcmp(tsyms[i].name, k);
	free(k);
	return found;
}

/*
 * The position kallsyms gives the symbol y (name, local or global) in the
 * target: 0 if its name is unique, else its 1-based rank by address among
 * the same-named symbols. -1 if the target does not have it.
 */
static long target_sympos(const char *name, bool local)
{
	struct tsym *me = NULL;
	long count = 0, rank = 0;

	if (!target_path)
		return 0;
	for (size_t i = 1; i < ntsyms; i++) {
		struct tsym *ts = &tsyms[i];

		if (!ts->kept || strcmp(ts->name, name))
			continue;
		if (local ? (my_file == -2 || ts->file == my_file) : ts->bind != STB_LOCAL)
			if (!me)
				me = ts;
	}
	if (!me)
		return -1;
	for (size_t i = 1; i < ntsyms; i++) {
		struct tsym *ts = &tsyms[i];

		if (!ts->kept || strcmp(ts->name, name))
			continue;
		count++;
		if (ts->addr < me->addr || (ts->addr == me->addr && ts < me))
			rank++;
	}
	return count > 1 ? rank + 1 : 0;
}

/* ---- the output object ---- */

struct osec {
	char *name;
	GElf_Shdr sh;
	struct buf data;
	struct buf relas;		/* Elf64_Rela entries */
	int sym;			/* its section symbol */
};

struct osym {
	char *name;
	GElf_Sym s;
};

static struct osec osecs[4096];
static int nosecs = 1;			/* 0 is the null section */
static struct osym *osyms;
static int nosyms, cap_osyms;
static int ostr = -1;			/* the strings section */

static int osym_add(const char *name, unsigned bind, unsigned type, int shndx, uint64_t value,
		    uint64_t size)
{
	if (nosyms == cap_osyms) {
		cap_osyms = cap_osyms * 2 + 64;
		osyms = realloc(osyms, cap_osyms * sizeof(*osyms));
		if (!osyms)
			die("out of memory");
	}
	osyms[nosyms].name = xstrdup(name);
	memset(&osyms[nosyms].s, 0, sizeof(GElf_Sym));
	osyms[nosyms].s.st_info = GELF_ST_INFO(bind, type);
	osyms[nosyms].s.st_shndx = shndx;
	osyms[nosyms].s.st_value = value;
	osyms[nosyms].s.st_size = size;
	return nosyms++;
}

static int osec_add(const char *name, const GElf_Shdr *like)
{
	struct osec *s;

	if (nosecs == (int)(sizeof(osecs) / sizeof(osecs[0])))
		die("too many sections to carry");
	s = &osecs[nosecs];
	s->name = xstrdup(name);
	s->sh = *like;
	s->sh.sh_flags &= ~(uint64_t)SHF_GROUP;
	s->sym = osym_add("", STB_LOCAL, STT_SECTION, nosecs, 0, 0);
	return nosecs++;
}

/* The undefined symbol name (external reference), created once. */
static int osym_undef(const char *name)
{
	for (int i = 1; i < nosyms; i++)
		if (osyms[i].s.st_shndx == SHN_UNDEF && !strcmp(osyms[i].name, name))
			return i;
	return osym_add(name, STB_GLOBAL, STT_NOTYPE, SHN_UNDEF, 0, 0);
}

static struct obj O, P;			/* original, patched */
static bool patch_failed;

static void carry_sym(struct sym *y);
static int carry_anon(size_t sec);

/*
 * The output symbol a reference to patched symbol y goes to: the carried
 * copy, or the running object's symbol (exported: its name; else
 * .klp.sym.OBJ.NAME,POS).
 */
static int ref_sym(struct sym *y)
{
	bool undef = y->s.st_shndx == SHN_UNDEF;
	size_t plen;

	/* a cold part jumps back into its parent's body: the copy's, never the old one's */
	if (!undef && y->type == STT_FUNC && is_cold_part(y->name, &plen)) {
		carry_sym(y);
		return y->out_sym;
	}
	if (!undef && (!y->corr || y->ro_copy || y->status != ST_SAME)) {
		carry_sym(y);
		return y->out_sym;
	}
	const char *name = undef ? y->name : y->corr->name;
	bool local = !undef && y->corr->bind == STB_LOCAL;

	if (undef && !strcmp(name, "__this_module") && strcmp(objname, "vmlinux")) {
		/* THIS_MODULE in the target module's code means the target, not the patch */
		char *k = xasprintf(".klp.sym.%s.__this_module,0", objname);
		int i = osym_undef(k);
		free(k);
		return i;
	}
	if (!strncmp(name, ".klp.sym.", 9) || (!local && (undef && strcmp(objname, "vmlinux"))))
		return osym_undef(name);	/* a module's imports are exports */
	if (!local && target_exports(name))
		return osym_undef(name);
	long pos = target_sympos(name, local);
	if (pos < 0) {
		refuse(name, "is referenced but not found in %s", target_path ? target_path : "the target");
		patch_failed = true;
		pos = 0;
	}
	char *k = xasprintf(".klp.sym.%s.%s,%ld", objname, name, pos);
	int i = osym_undef(k);
	free(k);
	return i;
}

/* Copies the relocations of [start, start+size) of patched section s into output section os. */
static void carry_relas(struct sec *s, uint64_t start, uint64_t size, int os)
{
	size_t first, n;

	relas_in(s, start, size, &first, &n);
	for (size_t k = 0; k < n; k++) {
		const struct rela *r = &s->relas[first + k];
		struct target t = target_of(&P, r);
		Elf64_Rela out;
		int sym;
		int64_t add = t.add;

		switch (t.kind) {
		case T_STR: {
			const char *str = (char *)P.secs[t.sec].data + t.off;
			if (ostr < 0) {
				GElf_Shdr sh = { .sh_type = SHT_PROGBITS,
						 .sh_flags = SHF_ALLOC | SHF_MERGE | SHF_STRINGS,
						 .sh_addralign = 1, .sh_entsize = 1 };
				ostr = osec_add(".rodata.klp.str1.1", &sh);
			}
			/* one copy of each string */
			struct buf *b = &osecs[ostr].data;
			size_t len = strlen(str) + 1, off = (size_t)-1;
			for (size_t i = 0; i + len <= b->len; i++)
				if ((!i || !b->p[i - 1]) && !memcmp(b->p + i, str, len)) {
					off = i;
					break;
				}
			if (off == (size_t)-1)
				off = buf_add(b, str, len);
			sym = osecs[ostr].sym;
			add += off;
			break;
		}
		case T_SEC:
			sym = osecs[carry_anon(t.sec)].sym;
			break;
		default:
			sym = ref_sym(t.sym);
			break;
		}
		out.r_offset = r->off - start;
		out.r_info = ELF64_R_INFO(sym, r->type);
		out.r_addend = add;
		buf_add(&osecs[os].relas, &out, sizeof(out));
	}
}

/* Anonymous sections carried whole (jump tables, constants); patched index -> output. */
static int *anon_out;

static int carry_anon(size_t si)
{
	struct sec *s = &P.secs[si];

	if (anon_out[si])
		return anon_out[si];
	if (s->sh.sh_flags & SHF_WRITE) {
		refuse(s->name, "writable data without a symbol cannot be carried");
		patch_failed = true;
	}
	int os = osec_add(s->name, &s->sh);
	anon_out[si] = os;
	if (s->data)
		buf_add(&osecs[os].data, s->data, s->sh.sh_size);
	else
		osecs[os].sh.sh_size = s->sh.sh_size;
	carry_relas(s, 0, s->sh.sh_size, os);
	return os;
}

static void carry_sym(struct sym *y)
{
	struct sec *s = sym_sec(&P, y);
	const char *kind;
	char *name;
	int os;

	if (y->carried)
		return;
	y->carried = true;
	if (sec_special(s->name)) {
		refuse(y->name, "is in the special section %s, which a patch cannot carry", s->name);
		patch_failed = true;
	}
	if (y->type == STT_FUNC)
		kind = ".text";
	else if (s->sh.sh_type == SHT_NOBITS)
		kind = ".bss";
	else if (s->sh.sh_flags & SHF_WRITE)
		kind = ".data";
	else
		kind = ".rodata";
	name = xasprintf("%s.%s", kind, y->name);
	os = osec_add(name, &s->sh);
	free(name);
	osecs[os].sh.sh_size = y->s.st_size;
	if (s->data)
		buf_add(&osecs[os].data, s->data + y->s.st_value, y->s.st_size);
	y->out_sec = os;
	y->out_sym = osym_add(y->name, STB_LOCAL, y->type, os, 0, y->s.st_size);
	carry_relas(s, y->s.st_value, y->s.st_size, os);
}

/*
 * Appends a section: header sh (its sh_name, type, flags, link, info,
 * entsize, alignment; libelf lays out the rest) holding size bytes at buf.
 * Returns its index.
 */
static size_t out_section(Elf *e, GElf_Shdr sh, void *buf, size_t size, Elf_Type type)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d = elf_newdata(scn);

	d->d_buf = buf;
	d->d_size = size;
	d->d_type = type;
	d->d_align = sh.sh_addralign ? sh.sh_addralign : 1;
	sh.sh_size = size;
	sh.sh_offset = 0;
	sh.sh_addr = 0;
	gelf_update_shdr(scn, &sh);
	return elf_ndxscn(scn);
}

static void write_output(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	Elf *e;
	GElf_Ehdr eh;
	struct buf shstr = { 0 }, strtab = { 0 };
	int *order, *newidx, nlocal = 0, k = 0;

	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	e = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!e || !gelf_newehdr(e, ELFCLASS64))
		die("%s: %s", path, elf_errmsg(-1));
	gelf_getehdr(e, &eh);
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_REL;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;

	/* symbols: locals first (ELF's rule), the null symbol at 0 */
	order = xcalloc(nosyms, sizeof(int));
	newidx = xcalloc(nosyms, sizeof(int));
	order[k++] = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 1; i < nosyms; i++)
			if ((GELF_ST_BIND(osyms[i].s.st_info) == STB_LOCAL) == !pass)
				order[k++] = i;
	for (int i = 0; i < nosyms; i++) {
		newidx[order[i]] = i;
		if (GELF_ST_BIND(osyms[order[i]].s.st_info) == STB_LOCAL)
			nlocal = i + 1;
	}
	buf_add(&strtab, "", 1);
	buf_add(&shstr, "", 1);

	int nout = nosecs;
	size_t *rela_name = xcalloc(nout, sizeof(size_t));
	size_t *sec_name = xcalloc(nout, sizeof(size_t));
	for (int i = 1; i < nout; i++) {
		char *rn = xasprintf(".rela%s", osecs[i].name);
		sec_name[i] = buf_add(&shstr, osecs[i].name, strlen(osecs[i].name) + 1);
		rela_name[i] = buf_add(&shstr, rn, strlen(rn) + 1);
		free(rn);
	}
	size_t n_symtab = buf_add(&shstr, ".symtab", 8);
	size_t n_strtab = buf_add(&shstr, ".strtab", 8);
	size_t n_shstr = buf_add(&shstr, ".shstrtab", 10);

	/* data sections keep their numbers: output section i is ELF section i */
	for (int i = 1; i < nout; i++) {
		GElf_Shdr sh = osecs[i].sh;

		sh.sh_name = sec_name[i];
		sh.sh_link = 0;
		sh.sh_info = 0;
		out_section(e, sh, osecs[i].data.p,
			    sh.sh_type == SHT_NOBITS ? sh.sh_size : osecs[i].data.len, ELF_T_BYTE);
	}
	int symtab_idx = nout, strtab_idx = nout + 1;
	{
		Elf64_Sym *syms = xcalloc(nosyms, sizeof(Elf64_Sym));

		for (int i = 1; i < nosyms; i++) {
			struct osym *y = &osyms[order[i]];

			syms[i].st_name = *y->name ? buf_add(&strtab, y->name, strlen(y->name) + 1) : 0;
			syms[i].st_info = y->s.st_info;
			syms[i].st_other = y->s.st_other;
			syms[i].st_shndx = y->s.st_shndx;
			syms[i].st_value = y->s.st_value;
			syms[i].st_size = y->s.st_size;
		}
		out_section(e, (GElf_Shdr){ .sh_name = n_symtab, .sh_type = SHT_SYMTAB,
					    .sh_entsize = sizeof(Elf64_Sym), .sh_link = strtab_idx,
					    .sh_info = nlocal, .sh_addralign = 8 },
			    syms, nosyms * sizeof(Elf64_Sym), ELF_T_SYM);
	}
	out_section(e, (GElf_Shdr){ .sh_name = n_strtab, .sh_type = SHT_STRTAB, .sh_addralign = 1 },
		    strtab.p, strtab.len, ELF_T_BYTE);
	for (int i = 1; i < nout; i++) {
		size_t n = osecs[i].relas.len / sizeof(Elf64_Rela);
		Elf64_Rela *r = (Elf64_Rela *)osecs[i].relas.p;

		if (!n)
			continue;
		for (size_t j = 0; j < n; j++)
			r[j].r_info = ELF64_R_INFO(newidx[ELF64_R_SYM(r[j].r_info)],
						   ELF64_R_TYPE(r[j].r_info));
		out_section(e, (GElf_Shdr){ .sh_name = rela_name[i], .sh_type = SHT_RELA,
					    .sh_flags = SHF_INFO_LINK, .sh_entsize = sizeof(Elf64_Rela),
					    .sh_link = symtab_idx, .sh_info = i, .sh_addralign = 8 },
			    r, n * sizeof(Elf64_Rela), ELF_T_RELA);
	}
	eh.e_shstrndx = out_section(e, (GElf_Shdr){ .sh_name = n_shstr, .sh_type = SHT_STRTAB,
						    .sh_addralign = 1 },
				    shstr.p, shstr.len, ELF_T_BYTE);
	gelf_update_ehdr(e, &eh);
	if (elf_update(e, ELF_C_WRITE) < 0)
		die("%s: %s", path, elf_errmsg(-1));
	elf_end(e);
	close(fd);
}

/* ---- main ---- */

static void usage(void)
{
	fprintf(stderr, "usage: klp-diff [--objname NAME] [--target FILE] [--file BASE --file-index N]\n"
			"                [--prefix P] [--core] [-o OUT.o] ORIG.o PATCHED.o\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *out = NULL, *opath = NULL, *ppath = NULL;
	int nchanged = 0, ncarry = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--objname") && v)
			objname = argv[++i];
		else if (!strcmp(a, "--target") && v)
			target_path = argv[++i];
		else if (!strcmp(a, "--file") && v)
			file_base = argv[++i];
		else if (!strcmp(a, "--file-index") && v)
			file_index = atoi(argv[++i]);
		else if (!strcmp(a, "--prefix") && v)
			prefix = argv[++i];
		else if (!strcmp(a, "--core"))
			core_object = true;
		else if (!strcmp(a, "-o") && v)
			out = argv[++i];
		else if (a[0] == '-')
			usage();
		else if (!opath)
			opath = a;
		else if (!ppath)
			ppath = a;
		else
			usage();
	}
	if (!ppath)
		usage();
	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf: %s", elf_errmsg(-1));
	obj_open(&O, opath);
	obj_open(&P, ppath);
	target_load();
	anon_out = xcalloc(P.nsec, sizeof(int));
	osym_add("", STB_LOCAL, STT_NOTYPE, SHN_UNDEF, 0, 0);

	correlate(&O, &P);
	find_fentry(&O);

	/* data first: a function's comparison depends on what its data became */
	for (size_t k = 1; k < P.nsym; k++) {
		struct sym *y = &P.syms[k];
		struct sec *s;

		if (!sym_entity(&P, y) || y->type != STT_OBJECT)
			continue;
		s = sym_sec(&P, y);
		if (!y->corr) {
			y->status = ST_NEW;
			if (!sec_special(s->name))
				printf("data-new %s\n", y->name);
			continue;
		}
		if (entity_same(&O, y->corr, &P, y))
			continue;
		if (!(s->sh.sh_flags & SHF_WRITE) && !sec_special(s->name)) {
			y->ro_copy = true;	/* read-only: a copy is as good */
			y->status = ST_CHANGED;
			printf("rodata-copy %s\n", y->name);
			continue;
		}
		if (!strncmp(s->name, "__ksymtab", 9) || !strcmp(s->name, "__mcount_loc"))
			continue;
		if (y->s.st_size != y->corr->s.st_size)
			refuse(y->name, "changed data: its size changed from %llu to %llu bytes",
			       (unsigned long long)y->corr->s.st_size, (unsigned long long)y->s.st_size);
		else
			refuse(y->name, "changed data: its initial value changed (a patch cannot "
			       "change data the running code already uses)");
	}
	/* rodata copies can make other rodata differ: settle before functions */
	for (size_t k = 1; k < P.nsym; k++) {
		struct sym *y = &P.syms[k];

		if (!sym_entity(&P, y) || y->type != STT_FUNC)
			continue;
		if (!y->corr) {
			y->status = ST_NEW;
			continue;
		}
		if (!entity_same(&O, y->corr, &P, y))
			y->status = ST_CHANGED;
	}
	/* a changed cold part changes its parent */
	for (size_t k = 1; k < P.nsym; k++) {
		struct sym *y = &P.syms[k];
		size_t plen;

		if (!sym_entity(&P, y) || y->type != STT_FUNC || y->status == ST_SAME ||
		    !is_cold_part(y->name, &plen))
			continue;
		for (size_t j = 1; j < P.nsym; j++) {
			struct sym *f = &P.syms[j];

			if (f->type == STT_FUNC && strlen(f->name) == plen &&
			    !strncmp(f->name, y->name, plen) && f->status == ST_SAME && f->corr)
				f->status = ST_CHANGED;
		}
	}
	/* functions: refusals, then the carried set */
	for (size_t k = 1; k < P.nsym; k++) {
		struct sym *y = &P.syms[k];
		struct sec *s;
		size_t plen;

		if (!sym_entity(&P, y) || y->type != STT_FUNC || y->status == ST_SAME)
			continue;
		s = sym_sec(&P, y);
		bool cold = is_cold_part(y->name, &plen);
		if (y->status == ST_NEW) {
			if (sec_init(s->name))
				continue;	/* new init code: never called by the patch */
			printf("new %s\n", y->name);
			continue;
		}
		if (sec_init(s->name)) {
			refuse(y->name, "changed __init/__exit code (it ran at boot or load, or runs "
			       "at unload; a patch cannot change that)");
			continue;
		}
		if (core_object && !cold) {
			refuse(y->name, "is used by the livepatch core while patching (%s)", O.path);
			continue;
		}
		if (!cold && !y->corr->fentry) {
			refuse(y->name, "has no fentry site (notrace): it cannot be redirected");
			continue;
		}
		for (size_t j = 1; j < P.nsym; j++) {
			struct sym *g = &P.syms[j];

			if ((!strcmp(g->name, "init_module") || !strcmp(g->name, "cleanup_module")) &&
			    g->s.st_shndx == y->s.st_shndx && g->s.st_value == y->s.st_value &&
			    g != y)
				refuse(y->name, "changed module %s code (it ran when the module loaded, "
				       "or runs when it goes)", g->name[0] == 'i' ? "init" : "exit");
		}
	}
	for (size_t k = 1; k < P.nsym; k++) {
		struct sym *y = &P.syms[k];
		size_t plen;

		if (!sym_entity(&P, y) || y->type != STT_FUNC || y->status != ST_CHANGED ||
		    is_cold_part(y->name, &plen))
			continue;
		long pos = target_sympos(y->corr->name, y->corr->bind == STB_LOCAL);
		if (pos < 0) {
			refuse(y->name, "not found in %s", target_path);
			continue;
		}
		carry_sym(y);
		y->alias = xasprintf("__klp_new_%s%s", prefix, y->name);
		osym_add(y->alias, STB_GLOBAL, STT_FUNC, y->out_sec, 0, y->s.st_size);
		printf("changed %s %ld %s\n", y->corr->name, pos, y->alias);
		nchanged++;
	}
	/* callbacks (KLP_*_CALLBACK in <linux/livepatch.h>): pointers in .klp.callbacks.KIND */
	for (size_t i = 1; i < P.nsec; i++) {
		struct sec *s = &P.secs[i];

		if (strncmp(s->name, ".klp.callbacks.", 15))
			continue;
		for (size_t k = 0; k < s->nrela; k++) {
			struct target t = target_of(&P, &s->relas[k]);

			if (t.kind != T_SYM || t.sym->type != STT_FUNC || t.sym->s.st_shndx == SHN_UNDEF) {
				refuse(s->name, "callback is not a function of this file");
				continue;
			}
			carry_sym(t.sym);
			char *alias = xasprintf("__klp_cb_%s_%s%s", s->name + 15, prefix, t.sym->name);
			osym_add(alias, STB_GLOBAL, STT_FUNC, t.sym->out_sec, 0, t.sym->s.st_size);
			printf("callback %s %s\n", s->name + 15, alias);
			free(alias);
			ncarry++;
		}
	}
	for (size_t k = 1; k < O.nsym; k++) {
		struct sym *x = &O.syms[k];

		if (sym_entity(&O, x) && x->type == STT_FUNC && !x->corr)
			printf("removed %s\n", x->name);
	}
	if (nerrors)
		return 1;
	if ((nchanged || ncarry) && out)
		write_output(out);
	return nerrors ? 1 : 0;
}
