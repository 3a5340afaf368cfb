/*
 * The module loader: links an ELF64 relocatable object (a .ko) into the
 * module area with the pure core of kernel/module/elf.c, runs its init,
 * and unloads it again (kernel/module/{alloc,params,sysfs}.c help). The
 * life of a module and the lock order are described in <kelp/module.h>.
 * Modules link against the kernel's EXPORT_SYMBOL tables (ksymtab_find)
 * and other modules' __ksymtab sections; GPL-only exports only to modules
 * with a GPL-compatible license. A module's fentry sites (__mcount_loc)
 * join ftrace for its lifetime.
 */
#include <kelp/module.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/mm.h>
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>

#define MODULE_FILE_MAX (64UL << 20)

LIST_HEAD(modules);			/* module_mutex; newest first */
static DEFINE_MUTEX(module_mutex);	/* after klp_mutex; see module.h */
static DEFINE_SPINLOCK(module_ref_lock);
static struct notifier_block *module_notifiers;	/* module_mutex */

/* See module.h. */
void module_mutex_lock(void)
{
	mutex_lock(&module_mutex);
}

/* See module.h. */
void module_mutex_unlock(void)
{
	mutex_unlock(&module_mutex);
}

/* See module.h. */
bool module_mutex_is_held(void)
{
	return mutex_owner(&module_mutex) == current;
}

/* ---- references ---- */

/* See module.h. A NULL module is the kernel: always succeeds. */
bool try_module_get(struct module *mod)
{
	unsigned long flags;
	bool ok = true;

	if (!mod)
		return true;
	spin_lock_irqsave(&module_ref_lock, flags);
	if (mod->state == MODULE_STATE_GOING || mod->state == MODULE_STATE_UNFORMED)
		ok = false;
	else
		mod->refcnt++;
	spin_unlock_irqrestore(&module_ref_lock, flags);
	return ok;
}

EXPORT_SYMBOL(try_module_get);

/* See module.h. */
void module_put(struct module *mod)
{
	unsigned long flags;

	if (!mod)
		return;
	spin_lock_irqsave(&module_ref_lock, flags);
	WARN_ON(mod->refcnt <= 0);
	mod->refcnt--;
	spin_unlock_irqrestore(&module_ref_lock, flags);
}

EXPORT_SYMBOL(module_put);

/* See module.h. */
int module_refcount(struct module *mod)
{
	return READ_ONCE(mod->refcnt);
}

/* rmmod's step: LIVE with no reference -> GOING, atomically with try_module_get. */
static bool module_try_stop(struct module *mod)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&module_ref_lock, flags);
	ok = mod->refcnt == 0 && mod->state == MODULE_STATE_LIVE;
	if (ok)
		mod->state = MODULE_STATE_GOING;
	spin_unlock_irqrestore(&module_ref_lock, flags);
	return ok;
}

/* ---- notifiers ---- */

/* See module.h. */
int register_module_notifier(struct notifier_block *nb)
{
	struct notifier_block **p;

	module_mutex_lock();
	for (p = &module_notifiers; *p && (*p)->priority >= nb->priority; p = &(*p)->next)
		;
	nb->next = *p;
	*p = nb;
	module_mutex_unlock();
	return 0;
}

EXPORT_SYMBOL(register_module_notifier);

/* See module.h. */
int unregister_module_notifier(struct notifier_block *nb)
{
	struct notifier_block **p;

	module_mutex_lock();
	for (p = &module_notifiers; *p && *p != nb; p = &(*p)->next)
		;
	if (*p)
		*p = nb->next;
	module_mutex_unlock();
	return 0;
}

EXPORT_SYMBOL(unregister_module_notifier);

/* Calls the chain; returns the first refusal as -errno (COMING only matters). */
static int module_notify(struct module *mod, enum module_state action)
{
	for (struct notifier_block *nb = module_notifiers; nb; nb = nb->next) {
		int ret = nb->notifier_call(nb, action, mod);

		if (ret & NOTIFY_STOP_MASK)
			return notifier_to_errno(ret) ? notifier_to_errno(ret) : -EINVAL;
	}
	return 0;
}

/* ---- lookup ---- */

static struct module *find_module_all(const char *name)
{
	struct module *mod;

	list_for_each_entry(mod, &modules, list)
		if (!strcmp(mod->name, name))
			return mod;
	return NULL;
}

/* See module.h. */
struct module *find_module(const char *name)
{
	struct module *mod = find_module_all(name);

	return mod && mod->state != MODULE_STATE_UNFORMED ? mod : NULL;
}

/* See module.h. notrace: used by module_address_lookup. */
notrace struct module *module_of_addr(unsigned long addr)
{
	struct module *mod;

	list_for_each_entry(mod, &modules, list)
		if (addr >= (unsigned long)mod->base && addr < (unsigned long)mod->base + mod->size)
			return mod;
	return NULL;
}

/* See module.h. notrace: the unwinder calls it. */
notrace bool is_module_text_address(unsigned long addr)
{
	struct module *mod = is_module_address(addr) ? module_of_addr(addr) : NULL;

	return mod && addr < (unsigned long)mod->base + mod->text_size;
}

/* See module.h. */
unsigned int module_count(void)
{
	struct module *mod;
	unsigned int n = 0;

	list_for_each_entry(mod, &modules, list)
		n++;
	return n;
}

/* The export called name in a table, or NULL. */
static const struct kernel_symbol *syms_find(const struct kernel_symbol *syms, unsigned int n,
					     const char *name)
{
	for (unsigned int i = 0; i < n; i++)
		if (!strcmp(syms[i].name, name))
			return &syms[i];
	return NULL;
}

/* The LIVE or COMING module exporting name (other than self), or NULL. */
static struct module *module_find_export(const char *name, const struct module *self,
					 bool gplok, unsigned long *addr)
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
			*addr = s->value;
			return mod;
		}
	}
	return NULL;
}

/* The kernel's export called name (GPL-only ones if gplok), or 0. */
static unsigned long module_kernel_symbol(const char *name, bool gplok)
{
	bool gpl;
	const struct kernel_symbol *ks = ksymtab_find(name, &gpl);

	return ks && (gplok || !gpl) ? ks->value : 0;
}

/* GPL-only exports are for modules with a GPL-compatible license, as in Linux. */
static bool module_gplok(const struct module *mod)
{
	return !(mod->taints & (1UL << TAINT_PROPRIETARY_MODULE));
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

/* elf_resolve callback: kernel first, then other modules (taking a reference). */
static int module_resolve(const char *name, u64 *addr, void *arg)
{
	struct module *mod = arg, *owner;
	unsigned long a = module_kernel_symbol(name, module_gplok(mod));

	if (a) {
		*addr = a;
		return 0;
	}
	owner = module_find_export(name, mod, module_gplok(mod), &a);
	if (!owner)
		return -ENOENT;
	*addr = a;
	return module_ref(mod, owner);
}

/* ---- loading ---- */

/* The loader's view of one load: the ELF info, the module, the image. */
struct load_info {
	struct elf_info elf;
	struct module *mod;
	const char *name;
	void *mem;
};

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
	unsigned long addr;

	for (unsigned int i = 0; i < n; i++) {
		const char *name = syms[i].name;
		struct module *owner;
		size_t room;

		if (!in_module(mod, (unsigned long)name, 1))
			goto bad;
		room = (unsigned long)mod->base + mod->size - (unsigned long)name;
		if (strnlen(name, room) == room)
			goto bad;
		owner = module_find_export(name, mod, true, &addr);
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

/* vermagic, livepatch, intree and license tags: refusals and taints, as Linux. */
static int module_check_modinfo(struct load_info *li)
{
	const char *magic = elf_modinfo_get(&li->elf, "vermagic");
	const char *license = elf_modinfo_get(&li->elf, "license");
	const char *lp = elf_modinfo_get(&li->elf, "livepatch");
	struct module *mod = li->mod;

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
	if (lp && !strcmp(lp, "Y")) {
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

/* W^X: text RX, rodata R, data RW; all NX but text. */
static void module_protect(struct load_info *li)
{
	const struct elf_info *e = &li->elf;
	u8 *base = li->mem;

	module_set_perms(base + e->region_off[ELF_REGION_TEXT],
			 e->region_off[ELF_REGION_RO] - e->region_off[ELF_REGION_TEXT], false, true);
	module_set_perms(base + e->region_off[ELF_REGION_RO],
			 e->region_off[ELF_REGION_RW] - e->region_off[ELF_REGION_RO], false, false);
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

/* Validates, lays out, copies: li->mod points at the module's struct module. */
static int module_layout(struct load_info *li, const void *image, size_t len)
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

/* Links the module and gets it ready to run: everything up to COMING. */
static int module_link(struct load_info *li, const char *args)
{
	struct module *mod = li->mod;
	struct module_use *use;
	int err;

	err = module_check_modinfo(li);		/* the license decides GPL-only symbols */
	if (!err)
		err = elf_resolve(&li->elf, module_resolve, mod, li->name);
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
	err = module_parse_args(mod, args);
	if (!err && args && *args)
		mod->args = kstrdup(args, GFP_KERNEL);
	if (!err)
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
		module_protect(li);
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

/* Gives back everything a module holds; it leaves the list. module_mutex held. */
static void module_free(struct module *mod)
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

/* Runs init without module_mutex (lock order: init may take klp_mutex). */
static int module_do_init(struct module *mod)
{
	int ret = 0;

	for (unsigned int bit = 0; bit < 8 * sizeof(mod->taints); bit++)
		if (mod->taints & (1UL << bit))
			add_taint(bit);
	mod->state = MODULE_STATE_COMING;
	ret = module_notify(mod, MODULE_STATE_COMING);
	if (ret)
		return ret;
	module_mutex_unlock();
	if (mod->init)
		ret = mod->init();
	module_mutex_lock();
	if (ret > 0) {
		pr_warn("%s: '%pS'->init suspiciously returned %d, it should follow 0/-E convention\n"
			"%s: loading module anyway...\n", mod->name, (void *)mod->init, ret, mod->name);
		ret = 0;
	}
	return ret;
}

/* See module.h. */
int load_module(const void *image, size_t len, const char *args)
{
	struct load_info li = { 0 };
	int err;

	module_mutex_lock();
	err = module_layout(&li, image, len);
	if (err) {
		if (li.mem)
			module_memfree(li.mem, li.elf.total_size);
		goto out;
	}
	err = module_link(&li, args);
	if (!err)
		err = module_do_init(li.mod);
	if (err) {
		li.mod->init_failed = true;
		li.mod->state = MODULE_STATE_GOING;
		module_notify(li.mod, MODULE_STATE_GOING);
		module_free(li.mod);
		goto out;
	}
	li.mod->state = MODULE_STATE_LIVE;
out:
	module_mutex_unlock();
	elf_info_free(&li.elf);
	return err;
}

/* See module.h. */
int module_read_file(const char *path, void **out, size_t *len)
{
	struct kstat st;
	struct file *f;
	ssize_t n;
	char *buf;
	int err;

	err = vfs_stat(path, &st);
	if (err)
		return err;
	if (S_ISDIR(st.mode))
		return -EISDIR;
	if (st.size > MODULE_FILE_MAX)
		return -EFBIG;
	err = vfs_open(path, O_RDONLY, 0, &f);
	if (err)
		return err;
	buf = kmalloc(st.size ? st.size : 1, GFP_KERNEL);
	n = buf ? vfs_read(f, buf, st.size) : -ENOMEM;
	vfs_close(f);
	if (n >= 0 && (size_t)n != st.size)
		n = -EIO;
	if (n < 0) {
		kfree(buf);
		return n;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* See module.h. The file's read errors come back as they are (-ENOENT...). */
int load_module_file(const char *path, const char *args)
{
	void *image;
	size_t len;
	int err = module_read_file(path, &image, &len);

	if (err)
		return err;
	err = load_module(image, len, args);
	kfree(image);
	return err;
}

/* See module.h. */
int delete_module(const char *name)
{
	struct module *mod;
	int err = 0;

	module_mutex_lock();
	mod = find_module(name);
	if (!mod)
		err = -ENOENT;
	else if (mod->state != MODULE_STATE_LIVE)
		err = -EBUSY;		/* "already dying" or still coming */
	else if (!list_empty(&mod->source_list))
		err = -EAGAIN;
	else if (mod->init && !mod->exit)
		err = -EBUSY;
	else if (!module_try_stop(mod))
		err = -EAGAIN;
	if (err) {
		module_mutex_unlock();
		return err;
	}
	module_mutex_unlock();
	if (mod->exit)
		mod->exit();
	module_mutex_lock();
	module_notify(mod, MODULE_STATE_GOING);
	module_free(mod);
	module_mutex_unlock();
	return 0;
}

/* See module.h. */
const char *module_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case ENOEXEC:
		return "Invalid module format";
	case ENOENT:
		return "Unknown symbol in module";
	case ESRCH:
		return "Module has wrong symbol version";
	case EINVAL:
		return "Invalid parameters";
	default:
		return strerror(err);
	}
}


/* /proc/modules: name size refcnt holders, state address (taints), as Linux. */
static int modules_proc_show(struct seq_file *m, void *v)
{
	static const char *const states[] = { "Live", "Loading", "Unloading", "Unformed" };
	struct module *mod;
	struct module_use *use;

	list_for_each_entry(mod, &modules, list) {
		if (mod->state == MODULE_STATE_UNFORMED)
			continue;
		seq_printf(m, "%s %zu %d ", mod->name, mod->size, module_refcount(mod));
		list_for_each_entry(use, &mod->source_list, source_list)
			seq_printf(m, "%s,", use->source->name);
		if (mod->init && !mod->exit)
			seq_puts(m, "[permanent],");
		if (list_empty(&mod->source_list) && !(mod->init && !mod->exit))
			seq_puts(m, "-");
		seq_printf(m, " %s 0x%016lx", states[mod->state & 3], (unsigned long)mod->base);
		if (mod->taints)
			seq_printf(m, " (%s%s%s)",
				   mod->taints & (1UL << TAINT_PROPRIETARY_MODULE) ? "P" : "",
				   mod->taints & (1UL << TAINT_OOT_MODULE) ? "O" : "",
				   mod->taints & (1UL << TAINT_LIVEPATCH) ? "K" : "");
		seq_puts(m, "\n");
	}
	return 0;
}

/* Creates /proc/modules. Boot, after proc_init. */
void modules_proc_init(void)
{
	proc_create_single("modules", 0444, NULL, modules_proc_show);
}
