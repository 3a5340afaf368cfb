/*
 * Symbols of loaded modules: at load, every named function and object of
 * the module (static ones too, for livepatch's sympos lookups and for
 * backtraces) is copied from the ELF symbol table into one allocation,
 * sorted by address, with an index sorted by name (livepatch looks up
 * every function of a patched module by name: a linear scan made patching
 * n functions of a module cost n times its symbol count). Lookups by
 * address and by name; freed at unload.
 * Readers walk the module list: callers hold module_mutex, or are in an
 * oops, where a hint is better than nothing (module_address_lookup).
 */
#include <kelp/export.h>
#include <kelp/module.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/kallsyms.h>
#include <kelp/mm.h>
#include <kelp/string.h>

struct module_sym {
	unsigned long addr;
	unsigned long size;
	const char *name;
};

struct module_kallsyms {
	unsigned int num;
	u32 *by_name;			/* indexes into syms, by (name, index) */
	struct module_sym syms[];	/* sorted by addr; then by_name, then the names */
};

static bool sym_wanted(const struct elf_info *info, const Elf64_Sym *s)
{
	unsigned int type = ELF64_ST_TYPE(s->st_info);

	return s->st_name && (type == STT_FUNC || type == STT_OBJECT) &&
	       s->st_shndx < info->shnum && elf_section_addr(info, s->st_shndx) &&
	       info->strtab[s->st_name] != '\0';
}

/*
 * init_module/cleanup_module are module_init/module_exit's aliases of the
 * author's functions: at equal addresses they sort first, so lookups by
 * address (which take the last symbol at or below) name the author's.
 */
static bool sym_after(const struct module_sym *a, const struct module_sym *b)
{
	bool alias_a = !strcmp(a->name, "init_module") || !strcmp(a->name, "cleanup_module");
	bool alias_b = !strcmp(b->name, "init_module") || !strcmp(b->name, "cleanup_module");

	return a->addr > b->addr || (a->addr == b->addr && !alias_a && alias_b);
}

/* Shell sort by address: no recursion, n log^2 n. */
static void sort_syms(struct module_sym *v, unsigned int n)
{
	for (unsigned int gap = n / 2; gap; gap /= 2) {
		for (unsigned int i = gap; i < n; i++) {
			struct module_sym tmp = v[i];
			unsigned int j = i;

			for (; j >= gap && sym_after(&v[j - gap], &tmp); j -= gap)
				v[j] = v[j - gap];
			v[j] = tmp;
		}
	}
}

/* Name order, ties in address (table) order: equal names stay in sympos order. */
static bool name_after(const struct module_kallsyms *ks, u32 a, u32 b)
{
	int c = strcmp(ks->syms[a].name, ks->syms[b].name);

	return c > 0 || (c == 0 && a > b);
}

/* Heapsort of the name index: n log n compares, no recursion, no memory. */
static void sift_down(struct module_kallsyms *ks, u32 *v, unsigned int i, unsigned int n)
{
	for (;;) {
		unsigned int c = 2 * i + 1;
		u32 tmp;

		if (c >= n)
			return;
		if (c + 1 < n && name_after(ks, v[c + 1], v[c]))
			c++;
		if (!name_after(ks, v[c], v[i]))
			return;
		tmp = v[i];
		v[i] = v[c];
		v[c] = tmp;
		i = c;
	}
}

static void sort_by_name(struct module_kallsyms *ks)
{
	u32 *v = ks->by_name, n = ks->num;

	for (u32 i = 0; i < n; i++)
		v[i] = i;
	for (u32 i = n / 2; i-- > 0;)
		sift_down(ks, v, i, n);
	for (u32 end = n; end > 1; end--) {
		u32 tmp = v[0];

		v[0] = v[end - 1];
		v[end - 1] = tmp;
		sift_down(ks, v, 0, end - 1);
	}
}

/* See module.h. 0 or -ENOMEM. Loader context (module_mutex). */
int module_kallsyms_build(struct module *mod, const struct elf_info *info)
{
	struct module_kallsyms *ks;
	size_t names = 0, n = 0;
	char *p;

	for (unsigned int i = 1; i < info->nsyms; i++) {
		if (sym_wanted(info, &info->syms[i])) {
			n++;
			names += strlen(info->strtab + info->syms[i].st_name) + 1;
		}
	}
	ks = kmalloc(sizeof(*ks) + n * (sizeof(struct module_sym) + sizeof(u32)) + names,
		     GFP_KERNEL);
	if (!ks)
		return -ENOMEM;
	ks->by_name = (u32 *)&ks->syms[n];
	p = (char *)&ks->by_name[n];
	ks->num = 0;
	for (unsigned int i = 1; i < info->nsyms; i++) {
		const Elf64_Sym *s = &info->syms[i];
		struct module_sym *m = &ks->syms[ks->num];
		size_t l;

		if (!sym_wanted(info, s))
			continue;
		l = strlen(info->strtab + s->st_name) + 1;
		memcpy(p, info->strtab + s->st_name, l);
		m->name = p;
		m->addr = info->symval[i];
		m->size = s->st_size;
		p += l;
		ks->num++;
	}
	sort_syms(ks->syms, ks->num);
	sort_by_name(ks);
	mod->kallsyms = ks;
	return 0;
}

/* See module.h. */
void module_kallsyms_free(struct module *mod)
{
	kfree(mod->kallsyms);
	mod->kallsyms = NULL;
}

/* The last symbol of mod at or below addr, or NULL. */
static notrace const struct module_sym *sym_at(const struct module *mod, unsigned long addr)
{
	const struct module_kallsyms *ks = mod->kallsyms;
	unsigned int lo = 0, hi;

	if (!ks || !ks->num || addr < ks->syms[0].addr)
		return NULL;
	hi = ks->num;
	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (ks->syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return &ks->syms[lo];
}

/* See kallsyms.h. notrace: oopses and the tracer print through it. */
notrace const char *module_address_lookup(unsigned long addr, unsigned long *size, unsigned long *offset,
				  const char **modname)
{
	struct module *mod = is_module_address(addr) ? module_of_addr(addr) : NULL;
	const struct module_sym *s = mod ? sym_at(mod, addr) : NULL;

	if (!s || (s->size && addr >= s->addr + s->size))
		return NULL;
	if (size)
		*size = s->size;
	if (offset)
		*offset = addr - s->addr;
	if (modname)
		*modname = mod->name;
	return s->name;
}
EXPORT_SYMBOL_FOR_KTEST(module_address_lookup);

/* See module.h. */
int module_kallsyms_on_each_symbol(struct module *mod,
				   int (*fn)(void *data, const char *name, unsigned long addr),
				   void *data)
{
	const struct module_kallsyms *ks = mod->kallsyms;
	int ret;

	for (unsigned int i = 0; ks && i < ks->num; i++) {
		ret = fn(data, ks->syms[i].name, ks->syms[i].addr);
		if (ret)
			return ret;
	}
	return 0;
}

/* See module.h. */
unsigned long module_kallsyms_lookup_name(struct module *mod, const char *name,
					  unsigned long sympos, unsigned long *count)
{
	const struct module_kallsyms *ks = mod->kallsyms;
	unsigned long found = 0, n = 0;
	unsigned int lo = 0, hi = ks ? ks->num : 0;

	/* The first index entry not before name; equal names follow in sympos order. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (strcmp(ks->syms[ks->by_name[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (unsigned int i = lo; ks && i < ks->num; i++) {
		const struct module_sym *s = &ks->syms[ks->by_name[i]];

		if (strcmp(s->name, name))
			break;
		n++;
		if (n == 1 || n == sympos)
			found = s->addr;
	}
	if (count)
		*count = n;
	return sympos > n ? 0 : found;
}
EXPORT_SYMBOL_FOR_KTEST(module_kallsyms_lookup_name);
