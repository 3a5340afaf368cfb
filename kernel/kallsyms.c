/*
 * Kernel symbol lookups over the table that tools/kallsyms generates at
 * link time (include/kelp/kallsyms.h): address -> name for backtraces and
 * %pS, name (+ sympos) -> address for the module loader and livepatch,
 * through the generated name index (binary search), and iteration.
 * Everything here is notrace and only reads the constant table, so it can
 * run in exception and NMI handlers, and while a function is being patched.
 */
#include <kelp/export.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/kallsyms.h>
#include <kelp/printk.h>
#include <kelp/string.h>

static notrace bool kallsyms_is_text(u64 i)
{
	char t = kallsyms_types[i];

	return t == 't' || t == 'T' || t == 'w' || t == 'W';
}

static notrace const char *kallsyms_name(u64 i)
{
	return &kallsyms_names[kallsyms_name_off[i]];
}

/* Index of the last symbol whose address is <= addr, or -1 if none. */
static notrace s64 kallsyms_last_at_or_below(unsigned long addr)
{
	u64 lo = 0, hi = READ_ONCE(kallsyms_num);

	/* Invariant: addrs[0, lo) <= addr < addrs[hi, num). */
	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (kallsyms_addrs[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (s64)lo - 1;
}

/*
 * Among the aliases that share the address of symbol last (the table keeps
 * them adjacent), picks one that contains addr: the first text symbol, or
 * else the first of any type. Returns its index or -1.
 */
static notrace s64 kallsyms_pick_alias(s64 last, unsigned long addr)
{
	u64 base = kallsyms_addrs[last];
	s64 i, found = -1;

	for (i = last; i >= 0 && kallsyms_addrs[i] == base; i--) {
		if (addr - base >= kallsyms_sizes[i])
			continue;
		if (kallsyms_is_text(i) || found < 0 || !kallsyms_is_text(found))
			found = i;
	}
	return found;
}

/*
 * Returns the name of the symbol containing addr and fills *size and
 * *offset (either may be NULL), or returns NULL. Lock-free, notrace, no
 * side effects: safe in any context, including exception handlers.
 */
notrace const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
				    unsigned long *offset)
{
	s64 i = kallsyms_last_at_or_below(addr);

	if (i < 0)
		return NULL;
	i = kallsyms_pick_alias(i, addr);
	if (i < 0)
		return NULL;
	if (size)
		*size = kallsyms_sizes[i];
	if (offset)
		*offset = addr - kallsyms_addrs[i];
	return kallsyms_name(i);
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_lookup);

/*
 * Writes "name+0xoff/0xsize", or "0x<addr>" for an unknown address, into
 * buf (at most len bytes, NUL-terminated when len > 0). Returns the length
 * of the full text, as snprintf. Safe in any context.
 */
notrace int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	unsigned long size, offset;
	const char *mod, *name = kallsyms_lookup(addr, &size, &offset);

	if (name)
		return snprintf(buf, len, "%s+0x%lx/0x%lx", name, offset, size);
	name = module_address_lookup(addr, &size, &offset, &mod);
	if (name)	/* Linux's "name+0x5/0x20 [module]" */
		return snprintf(buf, len, "%s+0x%lx/0x%lx [%s]", name, offset, size, mod);
	return snprintf(buf, len, "0x%lx", addr);
}

/* Modules' symbols (kernel/module/kallsyms.c); none when modules are not linked in. */
__weak const char *module_address_lookup(unsigned long addr, unsigned long *size,
					 unsigned long *offset, const char **modname)
{
	return NULL;
}

static notrace u64 kallsyms_name_lower_bound(const char *name);

/*
 * Returns the address of the first symbol (in table order, so the lowest
 * address) called name, or 0 when there is none. A binary search in the
 * name index. Any context.
 */
notrace unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned long addr;

	kallsyms_count_name(name, 1, &addr);
	return addr;
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_lookup_name);

/* See kallsyms.h. */
notrace unsigned long kallsyms_count(void)
{
	return READ_ONCE(kallsyms_num);
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_count);

/* See kallsyms.h. */
notrace bool kallsyms_symbol(unsigned long i, struct kallsyms_sym *s)
{
	if (i >= READ_ONCE(kallsyms_num))
		return false;
	s->name = kallsyms_name(i);
	s->addr = kallsyms_addrs[i];
	s->size = kallsyms_sizes[i];
	s->type = kallsyms_types[i];
	return true;
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_symbol);

/* First position in the name index whose name is not below name. */
static notrace u64 kallsyms_name_lower_bound(const char *name)
{
	u64 lo = 0, hi = READ_ONCE(kallsyms_num);

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (strcmp(kallsyms_name(kallsyms_name_idx[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* See kallsyms.h. */
notrace unsigned long kallsyms_count_name(const char *name, unsigned long sympos,
					  unsigned long *addr)
{
	u64 i, num = READ_ONCE(kallsyms_num);
	unsigned long count = 0;

	*addr = 0;
	if (!name || !*name)
		return 0;
	for (i = kallsyms_name_lower_bound(name); i < num; i++) {
		u32 sym = kallsyms_name_idx[i];

		if (strcmp(kallsyms_name(sym), name))
			break;
		count++;
		if (count == 1 || count == sympos)
			*addr = kallsyms_addrs[sym];
	}
	return count;
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_count_name);

/* See kallsyms.h. Linux's wording, so livepatch logs read the same. */
int kallsyms_lookup_sympos(const char *objname, const char *name, unsigned long sympos,
			   unsigned long *addr)
{
	unsigned long found, count = kallsyms_count_name(name, sympos, &found);

	*addr = 0;
	if (!objname)
		objname = "vmlinux";
	if (count == 0) {
		pr_err("symbol '%s' not found in symbol table\n", name ? name : "");
	} else if (count > 1 && sympos == 0) {
		pr_err("unresolvable ambiguity for symbol '%s' in object '%s'\n", name, objname);
	} else if (sympos > count) {
		pr_err("symbol position %lu for symbol '%s' in object '%s' not found\n",
		       sympos, name, objname);
	} else {
		*addr = found;
		return 0;
	}
	return -EINVAL;
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_lookup_sympos);

/* See kallsyms.h. */
int kallsyms_on_each_symbol(int (*fn)(void *data, const char *name, unsigned long addr),
			    void *data)
{
	u64 i, num = READ_ONCE(kallsyms_num);
	int ret;

	for (i = 0; i < num; i++) {
		ret = fn(data, kallsyms_name(i), kallsyms_addrs[i]);
		if (ret)
			return ret;
	}
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_on_each_symbol);

/* See kallsyms.h. */
int kallsyms_format_line(char *buf, size_t len, const struct kallsyms_sym *s)
{
	return snprintf(buf, len, "%016lx %c %s\n", s->addr, s->type, s->name);
}
EXPORT_SYMBOL_FOR_KTEST(kallsyms_format_line);
