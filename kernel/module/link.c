/*
 * Linking a module (the loader's steps between reading a .ko and running
 * its init, and the freeing at the end): symbol resolution against the
 * kernel's exports and other modules' (with holders and references), the
 * tables a module carries (exports, parameters, fentry sites), modinfo
 * checks and taints, W^X protection, livepatch's kept ELF data. Called by
 * kernel/module/main.c with module_mutex held.
 */
#include <kelp/build_id.h>
#include <kelp/module.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/ftrace.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include "internal.h"

/* The export called name in a table, or NULL. */
static const struct kernel_symbol *syms_find(const struct kernel_symbol *syms, unsigned int n,
					     const char *name)
{
	for (unsigned int i = 0; i < n; i++)
		if (!strcmp(syms[i].name, name))
			return &syms[i];
	return NULL;
}

/* The LIVE or COMING module exporting name (other than self) and its entry, or NULL. */
static struct module *module_find_export(const char *name, const struct module *self,
					 bool gplok, const struct kernel_symbol **ksym)
{
	struct module *mod;
	const struct kernel_symbol *s;

	list_for_each_entry(mod, &modules, list) {
		if (mod == self || mod->state == MODULE_STATE_UNFORMED ||
		    mod->state == MODULE_STATE_GOING)
			continue;
		s = syms_find(mod->syms, mod->num_syms, name);
		if (!s && gplok)
			s = syms_find(mod->gpl_syms, mod->num_gpl_syms, name);
		if (s) {
			*ksym = s;
			return mod;
		}
	}
	return NULL;
}

/* The kernel's export called name (GPL-only ones if gplok), or NULL. */
static const struct kernel_symbol *module_kernel_symbol(const char *name, bool gplok)
{
	bool gpl;
	const struct kernel_symbol *ks = ksymtab_find(name, &gpl);

	return ks && (gplok || !gpl) ? ks : NULL;
}

/* GPL-only exports are for modules with a GPL-compatible license, as in Linux. */
static bool module_gplok(const struct module *mod)
{
	return !(mod->taints & (1UL << TAINT_PROPRIETARY_MODULE));
}

/*
 * A symbol exported into a namespace needs MODULE_IMPORT_NS(ns) in the
 * user's .modinfo (Linux's verify_namespace_is_imported). 0 or -EINVAL.
 */
static int module_check_namespace(struct load_info *li, const struct kernel_symbol *ks)
{
	if (!ks->namespace || elf_modinfo_has(&li->elf, "import_ns", ks->namespace))
		return 0;
	pr_err("%s: module uses symbol (%s) from namespace %s, but does not import it.\n",
	       li->name, ks->name, ks->namespace);
	return -EINVAL;
}

/* ---- holders ---- */

static bool module_uses(struct module *source, struct module *target)
{
	struct module_use *use;

	list_for_each_entry(use, &target->source_list, source_list)
		if (use->source == source)
			return true;
	return false;
}

/* Records "source uses target" once, with a reference on target. */
static int module_ref(struct module *source, struct module *target)
{
	struct module_use *use;

	if (module_uses(source, target))
		return 0;
	if (!try_module_get(target))
		return -ENOENT;
	use = kzalloc(sizeof(*use), GFP_KERNEL);
	if (!use) {
		module_put(target);
		return -ENOMEM;
	}
	use->source = source;
	use->target = target;
	list_add_tail(&use->source_list, &target->source_list);
	list_add_tail(&use->target_list, &source->target_list);
	return 0;
}

/* Drops every use of mod (its references on the modules it used). */
static void module_unref_all(struct module *mod)
{
	struct module_use *use, *tmp;

	list_for_each_entry_safe(use, tmp, &mod->target_list, target_list) {
		module_sysfs_remove_holder(use);
		list_del(&use->source_list);
		list_del(&use->target_list);
		module_put(use->target);
		kfree(use);
	}
}

/*
 * elf_resolve callback (arg: the load_info): kernel first, then other
 * modules (taking a reference); a namespaced symbol needs its import.
 */
static int module_resolve(const char *name, u64 *addr, void *arg)
{
	struct load_info *li = arg;
	struct module *mod = li->mod, *owner = NULL;
	const struct kernel_symbol *ks = module_kernel_symbol(name, module_gplok(mod));
	int err;

	if (!ks)
		owner = module_find_export(name, mod, module_gplok(mod), &ks);
	if (!ks)
		return -ENOENT;
	err = module_check_namespace(li, ks);
	if (err)
		return err;
	*addr = ks->value;
	return owner ? module_ref(mod, owner) : 0;
}

/*
 * The GPL-only export called name and its owner (NULL: the kernel), as
 * Linux 6.6+'s symbol_get() wants (a plain export is refused with its
 * warning). module_mutex held.
 */
static const struct kernel_symbol *symbol_get_find(const char *name, struct module **owner)
{
	const struct kernel_symbol *ks;
	bool gpl = false;

	*owner = NULL;
	ks = ksymtab_find(name, &gpl);
	if (!ks) {
		*owner = module_find_export(name, NULL, true, &ks);
		gpl = ks && ks >= (*owner)->gpl_syms &&
		      ks < (*owner)->gpl_syms + (*owner)->num_gpl_syms;
	}
	if (ks && !gpl) {
		pr_warn("failing symbol_get of non-GPLONLY symbol %s.\n", name);
		return NULL;
	}
	return ks;
}

/* See module.h. */
void *__symbol_get(const char *name)
{
	const struct kernel_symbol *ks;
	struct module *owner;
	void *addr = NULL;

	module_mutex_lock();
	ks = symbol_get_find(name, &owner);
	if (ks && (!owner || (owner->state == MODULE_STATE_LIVE && try_module_get(owner))))
		addr = (void *)ks->value;
	module_mutex_unlock();
	return addr;
}
EXPORT_SYMBOL_GPL(__symbol_get);

/* See module.h. */
void __symbol_put(const char *name)
{
	const struct kernel_symbol *ks;
	struct module *owner;

	module_mutex_lock();
	ks = symbol_get_find(name, &owner);
	if (WARN_ON(!ks))
		owner = NULL;
	module_mutex_unlock();
	if (owner)
		module_put(owner);
}
EXPORT_SYMBOL(__symbol_put);

/* See module.h. */
void symbol_put_addr(void *addr)
{
	struct module *owner;

	if (!is_module_address((unsigned long)addr))
		return;		/* the kernel's: no reference was taken */
	owner = module_of_addr((unsigned long)addr);
	if (!WARN_ON(!owner))
		module_put(owner);
}
EXPORT_SYMBOL_GPL(symbol_put_addr);

/* ---- loading ---- */


/* A section of entsize-byte entries; returns the count or -ENOEXEC. */
static long section_table(struct load_info *li, const char *sec, size_t entsize, void **out)
{
	unsigned int i = elf_find_section(&li->elf, sec);
	size_t size;

	*out = NULL;
	if (!i || !elf_section_addr(&li->elf, i))
		return 0;
	size = li->elf.sechdrs[i].sh_size;
	if (size % entsize || !IS_ALIGNED(elf_section_addr(&li->elf, i), 8)) {
		pr_err("%s: section %s has a bad size %zu\n", li->name, sec, size);
		return -ENOEXEC;
	}
	*out = elf_section_dest(&li->elf, i);
	return size / entsize;
}

static bool in_module(const struct module *mod, unsigned long p, size_t len)
{
	unsigned long b = (unsigned long)mod->base;

	return p >= b && p < b + mod->size && len <= b + mod->size - p;
}

/* Each export's name points into the module and ends there; no duplicates. */
static int check_exports(struct module *mod, const struct kernel_symbol *syms, unsigned int n)
{
	const struct kernel_symbol *ks;

	for (unsigned int i = 0; i < n; i++) {
		const char *name = syms[i].name;
		struct module *owner;
		size_t room;

		if (!in_module(mod, (unsigned long)name, 1))
			goto bad;
		room = (unsigned long)mod->base + mod->size - (unsigned long)name;
		if (strnlen(name, room) == room)
			goto bad;
		if (syms[i].namespace) {	/* the same rules for a namespace's name */
			const char *ns = syms[i].namespace;

			if (!in_module(mod, (unsigned long)ns, 1))
				goto bad;
			room = (unsigned long)mod->base + mod->size - (unsigned long)ns;
			if (strnlen(ns, room) == room)
				goto bad;
		}
		owner = module_find_export(name, mod, true, &ks);
		if (owner || ksymtab_find(name, NULL)) {
			pr_err("%s: exports duplicate symbol %s (owned by %s)\n", mod->name, name,
			       owner ? owner->name : "kernel");
			return -ENOEXEC;
		}
	}
	return 0;
bad:
	pr_err("%s: export table entry points outside the module\n", mod->name);
	return -ENOEXEC;
}

/* Exports, parameters and fentry sites from their (relocated) sections. */
static int module_find_tables(struct load_info *li)
{
	struct module *mod = li->mod;
	long n;
	void *p;

	if ((n = section_table(li, "__ksymtab", sizeof(struct kernel_symbol), &p)) < 0)
		return n;
	mod->syms = p;
	mod->num_syms = n;
	if ((n = section_table(li, "__ksymtab_gpl", sizeof(struct kernel_symbol), &p)) < 0)
		return n;
	mod->gpl_syms = p;
	mod->num_gpl_syms = n;
	if ((n = section_table(li, "__param", sizeof(struct kernel_param), &p)) < 0)
		return n;
	mod->kp = p;
	mod->num_kp = n;
	for (unsigned int i = 0; i < mod->num_kp; i++) {
		if (mod->kp[i].mod != mod || !in_module(mod, (unsigned long)mod->kp[i].name, 1)) {
			pr_err("%s: invalid module_param entry %u\n", mod->name, i);
			return -ENOEXEC;
		}
	}
	if ((n = section_table(li, "__mcount_loc", sizeof(unsigned long), &p)) < 0)
		return n;
	mod->mcount_sites = p;
	mod->num_mcount = n;
	if ((n = section_table(li, "__dyndbg", sizeof(struct _ddebug), &p)) < 0)
		return n;
	mod->dyndbg = p;
	mod->num_dyndbg = n;
	if (check_exports(mod, mod->syms, mod->num_syms) ||
	    check_exports(mod, mod->gpl_syms, mod->num_gpl_syms))
		return -ENOEXEC;
	return 0;
}

static bool license_is_gpl_compatible(const char *license)
{
	static const char *const ok[] = {
		"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
		"Dual MPL/GPL",
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(ok); i++)
		if (!strcmp(license, ok[i]))
			return true;
	return false;
}

/*
 * A patch tools/klp-build generated names the kernel it was built against
 * (modinfo kelp_build_id): any other kernel refuses it before anything of
 * it runs or stays. Hand-written patches have no such tag. 0 or -ENOEXEC.
 */
static int module_check_build_id(struct load_info *li)
{
	const char *want = elf_modinfo_get(&li->elf, "kelp_build_id");
	const char *have = kernel_build_id();

	if (!want || !strcmp(want, have))
		return 0;
	pr_err("livepatch: '%s' was built for kernel build id %s, running %s\n", li->name,
	       want, *have ? have : "(none)");
	return -ENOEXEC;
}

/* vermagic, livepatch, intree, license and build ID tags: refusals and taints, as Linux. */
static int module_check_modinfo(struct load_info *li)
{
	const char *magic = elf_modinfo_get(&li->elf, "vermagic");
	const char *license = elf_modinfo_get(&li->elf, "license");
	const char *lp = elf_modinfo_get(&li->elf, "livepatch");
	const char *build_id = elf_modinfo_get(&li->elf, "build_id");
	struct module *mod = li->mod;
	int err;

	if (!magic || strcmp(magic, MODULE_VERMAGIC)) {
		pr_err("%s: version magic '%s' should be '%s'\n", li->name, magic ? magic : "",
		       MODULE_VERMAGIC);
		return -ENOEXEC;
	}
	if (!elf_modinfo_get(&li->elf, "intree")) {
		if (!(tainted_mask & (1UL << TAINT_OOT_MODULE)))
			pr_warn("%s: loading out-of-tree module taints kernel.\n", li->name);
		mod->taints |= 1UL << TAINT_OOT_MODULE;
	}
	if (!license || !license_is_gpl_compatible(license)) {
		pr_warn("%s: module license '%s' taints kernel.\n", li->name,
			license ? license : "unspecified");
		mod->taints |= 1UL << TAINT_PROPRIETARY_MODULE;
	}
	if (build_id)		/* kept for livepatch's check of klp-build patches */
		strlcpy(mod->build_id, build_id, sizeof(mod->build_id));
	if (lp && !strcmp(lp, "Y")) {
		err = module_check_build_id(li);
		if (err)
			return err;
		mod->livepatch = true;
		if (!(tainted_mask & (1UL << TAINT_LIVEPATCH)))
			pr_notice("%s: tainting kernel with TAINT_LIVEPATCH\n", li->name);
		mod->taints |= 1UL << TAINT_LIVEPATCH;
	}
	return 0;
}

/* The module's name: modinfo name=, else the stub's; NULL if malformed. */
static const char *module_file_name(const struct elf_info *info)
{
	const char *name = elf_modinfo_get(info, "name");
	const Elf64_Shdr *s = &info->sechdrs[info->this_module_idx];
	const char *stub = (const char *)info->image + s->sh_offset;

	if (!memchr(stub, '\0', MODULE_NAME_LEN) || !*stub) {
		pr_err("module: struct module has no valid name\n");
		return NULL;
	}
	if (name && strcmp(name, stub)) {
		pr_err("module %s: name in .modinfo differs from struct module (%s)\n", name, stub);
		return NULL;
	}
	return stub;
}

/* W^X: text RX, rodata R, data RW; all NX but text. No writable alias either. 0 or -ENOMEM. */
static int module_protect(struct load_info *li)
{
	const struct elf_info *e = &li->elf;
	u8 *base = li->mem;
	int err;

	err = module_set_perms(base + e->region_off[ELF_REGION_TEXT],
			       e->region_off[ELF_REGION_RO] - e->region_off[ELF_REGION_TEXT],
			       false, true);
	if (!err)
		err = module_set_perms(base + e->region_off[ELF_REGION_RO],
				       e->region_off[ELF_REGION_RW] - e->region_off[ELF_REGION_RO],
				       false, false);
	return err;
}

/* Livepatch modules keep their ELF data for .klp.rela sections. */
static int module_keep_klp_info(struct load_info *li)
{
	struct klp_modinfo *ki;
	struct elf_info *copy;

	ki = kzalloc(sizeof(*ki), GFP_KERNEL);
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (ki)
		ki->image = kmalloc(li->elf.len, GFP_KERNEL);
	if (!ki || !copy || !ki->image) {
		if (ki)
			kfree(ki->image);
		kfree(ki);
		kfree(copy);
		return -ENOMEM;
	}
	memcpy(ki->image, li->elf.image, li->elf.len);
	ki->len = li->elf.len;
	*copy = li->elf;		/* takes sec_off and symval */
	copy->image = ki->image;
	copy->hdr = ki->image;
	copy->sechdrs = (const Elf64_Shdr *)((u8 *)ki->image + li->elf.hdr->e_shoff);
	copy->secstrings = (const char *)ki->image + (li->elf.secstrings - (const char *)li->elf.image);
	copy->syms = (const Elf64_Sym *)((u8 *)ki->image + ((const u8 *)li->elf.syms - li->elf.image));
	copy->strtab = (const char *)ki->image + (li->elf.strtab - (const char *)li->elf.image);
	ki->elf = copy;
	li->elf.sec_off = NULL;
	li->elf.symval = NULL;
	li->mod->klp_info = ki;
	return 0;
}

static void module_free_klp_info(struct module *mod)
{
	struct klp_modinfo *ki = mod->klp_info;

	if (!ki)
		return;
	elf_info_free(ki->elf);
	kfree(ki->elf);
	kfree(ki->image);
	kfree(ki);
	mod->klp_info = NULL;
}

/* See internal.h. module_mutex held. */
int module_layout(struct load_info *li, const void *image, size_t len)
{
	struct module *mod;
	int err;

	err = elf_validate(&li->elf, image, len, sizeof(struct module), NULL);
	if (err)
		return err;
	li->name = module_file_name(&li->elf);
	if (!li->name)
		return -ENOEXEC;
	mod = find_module_all(li->name);
	if (mod)
		return mod->state == MODULE_STATE_LIVE ? -EEXIST : -EBUSY;
	err = elf_layout(&li->elf);
	if (err)
		return err;
	li->mem = module_alloc(li->elf.total_size);
	if (!li->mem)
		return -ENOMEM;
	elf_copy(&li->elf, li->mem, (u64)li->mem);
	mod = elf_section_dest(&li->elf, li->elf.this_module_idx);
	li->mod = mod;
	memset((u8 *)mod + offsetof(struct module, state), 0,
	       sizeof(*mod) - offsetof(struct module, state));
	mod->state = MODULE_STATE_UNFORMED;
	mod->base = li->mem;
	mod->size = li->elf.total_size;
	mod->text_size = li->elf.region_size[ELF_REGION_TEXT];
	mod->ro_size = li->elf.region_size[ELF_REGION_RO];
	mod->rw_size = li->elf.region_size[ELF_REGION_RW];
	INIT_LIST_HEAD(&mod->source_list);
	INIT_LIST_HEAD(&mod->target_list);
	list_add(&mod->list, &modules);
	return 0;
}

static int module_ftrace_add_sites(struct module *mod);

/* See internal.h. module_mutex held. */
int module_link(struct load_info *li, const char *args)
{
	struct module *mod = li->mod;
	struct module_use *use;
	int err;

	err = module_check_modinfo(li);		/* the license decides GPL-only symbols */
	if (!err)
		err = elf_resolve(&li->elf, module_resolve, li, li->name);
	if (!err)
		err = elf_relocate(&li->elf, li->name);
	if (!err)
		err = module_find_tables(li);
	if (err)
		return err;
	if (mod->num_kp) {
		mod->kp_alloc = kcalloc(mod->num_kp, sizeof(char *), GFP_KERNEL);
		if (!mod->kp_alloc)
			return -ENOMEM;
	}
	err = module_kallsyms_build(mod, &li->elf);
	if (!err)
		err = module_sysfs_add(mod, &li->elf);
	list_for_each_entry(use, &mod->target_list, target_list)
		if (!err)
			err = module_sysfs_add_holder(use);
	if (!err && mod->livepatch)
		err = module_keep_klp_info(li);
	if (!err)
		err = module_ftrace_add_sites(mod);
	if (!err)
		err = module_protect(li);
	/*
	 * Parameters last, as Linux (after module_enable_rox): a
	 * module_param_cb's set function is module text, which runs only
	 * once the text is executable.
	 */
	if (!err)
		err = module_parse_args(mod, args);
	if (!err && args && *args && !(mod->args = kstrdup(args, GFP_KERNEL)))
		err = -ENOMEM;	/* (module_load_fail_nth_unwinds found it ignored) */
	return err;
}

/* The module's fentry sites join ftrace (traceable, patchable). 0 or -ENOMEM. */
static int module_ftrace_add_sites(struct module *mod)
{
	int n;

	if (!mod->num_mcount)
		return 0;
	n = ftrace_module_add(mod, mod->mcount_sites, mod->mcount_sites + mod->num_mcount);
	return n < 0 ? n : 0;
}

static void module_ftrace_remove_sites(struct module *mod)
{
	if (mod->num_mcount)
		ftrace_module_remove(mod);
}

/* See internal.h. module_mutex held. */
void module_free(struct module *mod)
{
	module_ftrace_remove_sites(mod);
	module_sysfs_remove(mod);
	module_unref_all(mod);
	module_free_params(mod);
	module_free_klp_info(mod);
	module_kallsyms_free(mod);
	kfree(mod->args);
	list_del(&mod->list);
	module_memfree(mod->base, mod->size);
}
