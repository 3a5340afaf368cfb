/*
 * The module loader: the life of a module. load_module() has the ELF64
 * relocatable object (a .ko) validated, laid out and linked into the
 * module area (kernel/module/link.c, on the pure core of elf.c), makes it
 * COMING, drops module_mutex, lets livepatch apply its patches
 * (klp_module_coming), runs the COMING notifiers and its init;
 * delete_module() runs its exit, the GOING notifiers, livepatch's
 * klp_module_going (which unpatches it before its text goes) and frees
 * it. Here too: references (try_module_get, module_put, the atomic
 * "refcnt 0 -> GOING" of rmmod), the notifier chain, lookups,
 * /proc/modules. States and lock order: <kelp/module.h>.
 */
#include <kelp/module.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/livepatch.h>
#include <kelp/mm.h>
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include "internal.h"

#define MODULE_FILE_MAX (64UL << 20)

LIST_HEAD(modules);			/* module_mutex; newest first */
static DEFINE_MUTEX(module_mutex);	/* after klp_mutex; see module.h */
static DEFINE_SPINLOCK(module_ref_lock);
/*
 * The notifier chain has its own lock: it is called without module_mutex
 * (a notifier may look modules up) and after livepatch's klp_mutex is no
 * longer held. Order: module_notify_mutex, then klp_mutex, then module_mutex.
 */
static DEFINE_MUTEX(module_notify_mutex);
static struct notifier_block *module_notifiers;	/* module_notify_mutex */

/* See module.h. */
void module_mutex_lock(void)
{
	mutex_lock(&module_mutex);
}
EXPORT_SYMBOL_FOR_KTEST(module_mutex_lock);

/* See module.h. */
void module_mutex_unlock(void)
{
	mutex_unlock(&module_mutex);
}
EXPORT_SYMBOL_FOR_KTEST(module_mutex_unlock);

/* See module.h. */
bool module_mutex_is_held(void)
{
	return mutex_owner(&module_mutex) == current;
}
EXPORT_SYMBOL_FOR_KTEST(module_mutex_is_held);

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

/* See module.h. A reference the caller knows it may take (it holds one already). */
void __module_get(struct module *mod)
{
	unsigned long flags;

	if (!mod)
		return;
	spin_lock_irqsave(&module_ref_lock, flags);
	mod->refcnt++;
	spin_unlock_irqrestore(&module_ref_lock, flags);
}
EXPORT_SYMBOL(__module_get);

/* See module.h. */
int module_refcount(struct module *mod)
{
	return READ_ONCE(mod->refcnt);
}
EXPORT_SYMBOL(module_refcount);

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

	mutex_lock(&module_notify_mutex);
	for (p = &module_notifiers; *p && (*p)->priority >= nb->priority; p = &(*p)->next)
		;
	nb->next = *p;
	*p = nb;
	mutex_unlock(&module_notify_mutex);
	return 0;
}
EXPORT_SYMBOL(register_module_notifier);

/* See module.h. */
int unregister_module_notifier(struct notifier_block *nb)
{
	struct notifier_block **p;

	mutex_lock(&module_notify_mutex);
	for (p = &module_notifiers; *p && *p != nb; p = &(*p)->next)
		;
	if (*p)
		*p = nb->next;
	mutex_unlock(&module_notify_mutex);
	return 0;
}
EXPORT_SYMBOL(unregister_module_notifier);

/*
 * Calls the chain up to (not including) stop, or all of it; returns the
 * first refusal as -errno (COMING only matters) and *refused, the
 * notifier that refused. module_notify_mutex held by the caller; not
 * module_mutex: the module is COMING or GOING on the list, which keeps a
 * second load of its name and rmmod away.
 */
static int module_notify_until(struct module *mod, enum module_state action,
			       struct notifier_block *stop, struct notifier_block **refused)
{
	WARN_ON(module_mutex_is_held());
	for (struct notifier_block *nb = module_notifiers; nb && nb != stop; nb = nb->next) {
		int ret = nb->notifier_call(nb, action, mod);

		if (ret & NOTIFY_STOP_MASK) {
			if (refused)
				*refused = nb;
			return notifier_to_errno(ret) ? notifier_to_errno(ret) : -EINVAL;
		}
	}
	return 0;
}

static int module_notify(struct module *mod, enum module_state action)
{
	int err;

	mutex_lock(&module_notify_mutex);
	err = module_notify_until(mod, action, NULL, NULL);
	mutex_unlock(&module_notify_mutex);
	return err;
}

/*
 * The COMING chain; if a notifier refuses, the ones before it (which saw
 * COMING) are told GOING, as Linux's blocking_notifier_call_chain_robust.
 * One hold of the chain's lock for both walks: a notifier unregistered
 * in between (the refusing one, say) would make the GOING walk miss its
 * stop and tell GOING to notifiers that never saw COMING.
 */
static int module_notify_coming(struct module *mod)
{
	struct notifier_block *refused = NULL;
	int err;

	mutex_lock(&module_notify_mutex);
	err = module_notify_until(mod, MODULE_STATE_COMING, NULL, &refused);
	if (err)
		module_notify_until(mod, MODULE_STATE_GOING, refused, NULL);
	mutex_unlock(&module_notify_mutex);
	return err;
}

/* ---- lookup ---- */

/* See internal.h. */
struct module *find_module_all(const char *name)
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
EXPORT_SYMBOL_FOR_KTEST(find_module);

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
EXPORT_SYMBOL_FOR_KTEST(module_count);

/* A state change others look at (try_module_get, rmmod, /proc/modules). */
static void module_set_state(struct module *mod, enum module_state state)
{
	module_mutex_lock();
	mod->state = state;
	module_mutex_unlock();
}

/*
 * Linux's prepare_coming_module(): livepatch first (it may refuse the
 * module: a pre_patch callback failed), then the COMING chain; a chain
 * refusal runs the GOING side of both (the chain's up to the refusal). Without module_mutex (livepatch
 * takes klp_mutex, which comes first). 0 or -errno.
 */
static int module_prepare_coming(struct module *mod)
{
	int err = klp_module_coming(mod);

	if (err)
		return err;
	err = module_notify_coming(mod);
	if (err)
		klp_module_going(mod);
	return err;
}

/* Runs init, without module_mutex (init may take klp_mutex: patches enable there). */
static int module_do_init(struct module *mod)
{
	int ret = 0;

	if (mod->init)
		ret = mod->init();
	if (ret > 0) {
		pr_warn("%s: '%pS'->init suspiciously returned %d, it should follow 0/-E convention\n"
			"%s: loading module anyway...\n", mod->name, (void *)mod->init, ret, mod->name);
		ret = 0;
	}
	return ret;
}

/* A failed init: GOING, the chain and livepatch told (its patches leave the text), freed. */
static void module_init_failed(struct module *mod)
{
	mod->init_failed = true;
	module_set_state(mod, MODULE_STATE_GOING);
	module_notify(mod, MODULE_STATE_GOING);
	klp_module_going(mod);
	module_mutex_lock();
	module_free(mod);
	module_mutex_unlock();
}

/* Links the image under module_mutex; returns the module, COMING, or NULL and *err. */
static struct module *module_form(struct load_info *li, const void *image, size_t len,
				  const char *args, int *err)
{
	struct module *mod;

	module_mutex_lock();
	*err = module_layout(li, image, len);
	if (*err) {
		if (li->mem)
			module_memfree(li->mem, li->elf.total_size);
		module_mutex_unlock();
		return NULL;
	}
	mod = li->mod;
	if (!li->sig_ok)
		module_sig_taint(mod);
	*err = module_link(li, args);
	if (*err) {
		mod->init_failed = true;	/* never COMING: no notifier saw it */
		module_free(mod);
		module_mutex_unlock();
		return NULL;
	}
	for (unsigned int bit = 0; bit < 8 * sizeof(mod->taints); bit++)
		if (mod->taints & (1UL << bit))
			add_taint(bit);
	mod->state = MODULE_STATE_COMING;
	module_mutex_unlock();
	return mod;
}

/* See module.h. */
int load_module(const void *image, size_t len, const char *args)
{
	struct load_info li = { 0 };
	struct module *mod;
	int err;

	err = module_sig_check(&li, image, &len);
	if (err)
		return err;
	mod = module_form(&li, image, len, args, &err);
	if (!mod)
		goto out;
	err = module_prepare_coming(mod);
	if (err) {
		mod->init_failed = true;
		module_set_state(mod, MODULE_STATE_GOING);
		module_mutex_lock();
		module_free(mod);
		module_mutex_unlock();
		goto out;
	}
	err = module_do_init(mod);
	if (err && module_refcount(mod)) {
		/*
		 * The init failed after handing out a reference to its module: a
		 * live patch it enabled holds it, and its code is in use. Linux
		 * frees the module anyway; Kelp keeps it, removable once the
		 * reference goes (test_klp_init_fails_after_enable).
		 */
		pr_err("%s: init failed (%d) but the module is in use: keeping it loaded\n",
		       mod->name, err);
		module_set_state(mod, MODULE_STATE_LIVE);
		goto out;
	}
	if (err) {
		module_init_failed(mod);
		goto out;
	}
	module_set_state(mod, MODULE_STATE_LIVE);
out:
	elf_info_free(&li.elf);
	return err;
}
EXPORT_SYMBOL_FOR_KTEST(load_module);

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
EXPORT_SYMBOL_FOR_KTEST(module_read_file);

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
EXPORT_SYMBOL_FOR_KTEST(load_module_file);

/*
 * rmmod's first half: finds name and moves it to GOING (module_mutex
 * taken and dropped here). retry: may wait once for a live patch module's
 * own patch to go. 0 with *modp set, or the errno rmmod reports.
 */
static int delete_module_stop(const char *name, struct module **modp, bool retry)
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
	if (err == -EAGAIN && mod->livepatch && retry) {
		/*
		 * `echo 0 > enabled; rmmod` with the patch's disable or free
		 * still completing on another CPU: wait for them, the reference
		 * the patch holds goes with its free. Our own reference keeps
		 * mod from a concurrent rmmod meanwhile.
		 */
		bool waited;

		__module_get(mod);
		module_mutex_unlock();
		waited = klp_module_wait_frees(mod);
		module_put(mod);
		return waited ? delete_module_stop(name, modp, false) : -EAGAIN;
	}
	module_mutex_unlock();
	*modp = mod;
	return err;
}

/* See module.h. */
int delete_module(const char *name)
{
	struct module *mod;
	int err = delete_module_stop(name, &mod, true);

	if (err)
		return err;
	if (mod->exit)
		mod->exit();
	/* Linux's order: the chain, then livepatch (unpatches before the text is freed) */
	module_notify(mod, MODULE_STATE_GOING);
	klp_module_going(mod);
	module_mutex_lock();
	module_free(mod);
	module_mutex_unlock();
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(delete_module);

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
			seq_printf(m, " (%s%s%s%s)",
				   mod->taints & (1UL << TAINT_PROPRIETARY_MODULE) ? "P" : "",
				   mod->taints & (1UL << TAINT_OOT_MODULE) ? "O" : "",
				   mod->taints & (1UL << TAINT_UNSIGNED_MODULE) ? "E" : "",
				   mod->taints & (1UL << TAINT_LIVEPATCH) ? "K" : "");
		seq_puts(m, "\n");
	}
	return 0;
}

/* Creates /proc/modules. Boot, after proc_init. */
void modules_proc_init(void)
{
	proc_create_single("modules", 0444, NULL, modules_proc_show);
	module_signing_init();
}
