/*
 * Symbols of loaded modules: at load, every named function and object of
 * the module (static ones too, for livepatch's sympos lookups and for
 * backtraces) is copied from the ELF symbol table into one allocation,
 * sorted by address. Lookups by address and by name; freed at unload.
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
	struct module_sym syms[];	/* sorted by addr; names follow the array */
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
	ks = kmalloc(sizeof(*ks) + n * sizeof(struct module_sym) + names, GFP_KERNEL);
	if (!ks)
		return -ENOMEM;
	p = (char *)&ks->syms[n];
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

	for (unsigned int i = 0; ks && i < ks->num; i++) {
		if (strcmp(ks->syms[i].name, name))
			continue;
		n++;
		if (n == 1 || n == sympos)
			found = ks->syms[i].addr;
	}
	if (count)
		*count = n;
	return sympos > n ? 0 : found;
}
EXPORT_SYMBOL_FOR_KTEST(module_kallsyms_lookup_name);
