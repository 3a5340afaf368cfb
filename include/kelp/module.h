/*
 * Loadable modules (kernel/module/): ELF64 ET_REL objects
 * linked into the module area at run time, as Linux's kernel/module/. A
 * module's struct module lives inside the module, in the
 * .gnu.linkonce.this_module section a generated stub defines
 * (tools/modpost.py); the loader owns every field below the stub's three.
 *
 * Life: UNFORMED (being linked, invisible) -> COMING (livepatch, notifiers,
 * init) -> LIVE -> GOING (exit, notifiers, livepatch) -> freed. Locks, in
 * order:
 *   module_notify_mutex (the notifier chain) before klp_mutex (livepatch)
 *   before module_mutex before module_ref_lock.
 * module_mutex guards the module list, states, holder links and sysfs
 * directories; module_ref_lock (a spinlock, irqsave) makes try_module_get
 * and the "refcnt == 0 -> GOING" step of rmmod atomic with each other.
 * As in Linux (kernel/module/main.c), module_mutex is not held while
 * livepatch and the notifiers see a COMING or GOING module: the module is
 * on the list in that state, which keeps a second load of its name and
 * rmmod away, and livepatch takes klp_mutex, which comes before
 * module_mutex (klp_enable_patch looks modules up under it). The calls:
 *   load:   COMING; klp_module_coming(); COMING chain; init; LIVE
 *           (klp_module_coming refusing, or the chain: GOING, freed)
 *   unload: GOING; exit; GOING chain; klp_module_going(); freed
 * klp_module_going() runs before the module's text is freed, so no
 * patched function of the module is left on an ftrace site.
 */
#ifndef KELP_MODULE_H
#define KELP_MODULE_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/list.h>
#include <kelp/kobject.h>
#include <kelp/export.h>

#define MODULE_NAME_LEN 56
#define MODULE_DIR "/lib/modules"
#define MODULE_VERMAGIC "kelp-0.1.0 modules-1"

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

struct module;
struct kernel_param;
struct kparam_string;
struct kparam_array;

/* A parameter type: parse a value into kp->arg, print it into a page. */
struct kernel_param_ops {
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
};

/* One module_param(): in the module's __param section. */
struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	u16 perm;
	union {
		void *arg;				/* the variable */
		const struct kparam_string *str;	/* module_param_string */
		const struct kparam_array *arr;		/* module_param_array */
	};
};

/* module_param_string(): a char array of maxlen bytes, copied into. */
struct kparam_string {
	unsigned int maxlen;
	char *string;
};

/* module_param_array(): up to max elements of one type, "a,b,c". */
struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;			/* elements given; may be NULL */
	const struct kernel_param_ops *ops;	/* the element type's */
	void *elem;
};


/* "source uses target": one per pair, on both modules' lists. */
struct module_use {
	struct list_head source_list;	/* in target->source_list: who uses target */
	struct list_head target_list;	/* in source->target_list: what source uses */
	struct module *source, *target;
	struct kobject *holder_kobj;	/* /sys/module/TARGET/holders/SOURCE */
};

struct module_param_attrs;
struct module_sect_attrs;
struct module_kallsyms;
struct elf_info;

/* Copy of the ELF data livepatch needs for .klp.rela sections (livepatch modules). */
struct klp_modinfo {
	void *image;			/* kmalloc'd copy of the .ko */
	size_t len;
	void *elf;			/* struct elf_info, its section offsets and symbols */
};

struct module {
	/* set by the generated stub (tools/modpost.py) */
	char name[MODULE_NAME_LEN];
	int (*init)(void);
	void (*exit)(void);

	/* owned by the loader, guarded by module_mutex */
	enum module_state state;
	struct list_head list;		/* in the module list */
	void *base;			/* module area: text, then rodata, then data */
	size_t size;			/* bytes mapped at base */
	size_t text_size, ro_size, rw_size;	/* used bytes of each region */
	struct list_head source_list;	/* struct module_use: modules using this one */
	struct list_head target_list;	/* struct module_use: modules this one uses */
	const struct kernel_symbol *syms;	/* exports (relocated __ksymtab) */
	unsigned int num_syms;
	const struct kernel_symbol *gpl_syms;
	unsigned int num_gpl_syms;
	struct kernel_param *kp;	/* __param */
	unsigned int num_kp;
	char **kp_alloc;		/* charp values the loader allocated, per kp */
	unsigned long *mcount_sites;	/* __mcount_loc: fentry sites */
	unsigned int num_mcount;
	struct _ddebug *dyndbg;		/* __dyndbg: pr_debug call sites (kernel/dynamic_debug.c) */
	unsigned int num_dyndbg;
	char *args;			/* insmod parameters as given */
	bool livepatch;			/* modinfo livepatch=Y */
	char build_id[41];		/* modinfo build_id (tools/modpost.py), hex, or "" */
	unsigned long taints;		/* TAINT_* bits this module set (taint file) */
	bool init_failed;
	bool klp_alive;			/* livepatch may patch it: COMING..GOING (klp_mutex) */
	struct klp_modinfo *klp_info;	/* livepatch modules only */
	struct module_kallsyms *kallsyms;	/* named functions and objects, by address */
	struct module_sect_attrs *sect_attrs;	/* /sys/module/NAME/sections/ */
	struct kobject kobj;		/* /sys/module/NAME */
	struct kobject *holders_dir;
	struct kobject *params_kobj;
	struct module_param_attrs *param_attrs;

	/* module_ref_lock */
	int refcnt;
};

#ifdef MODULE
extern struct module __this_module;
#define THIS_MODULE (&__this_module)
#else
#define THIS_MODULE ((struct module *)0)
#endif

/* ---- the loader (kernel/module/main.c) ---- */

/*
 * Loads the len bytes at image as module: validate, lay out, link, run
 * init. args are "name=value" words for module_param()s. Returns 0 or a
 * -errno (-ENOEXEC bad format, -ENOENT unknown symbol, -EEXIST already
 * loaded, -EINVAL bad parameter, init's error; the signature's: -EBADMSG,
 * -EKEYREJECTED, docs/signing.md); on error everything is given back.
 * Task context; takes module_mutex.
 */
int load_module(const void *image, size_t len, const char *args);
/* True when unsigned modules are refused (module.sig_enforce). Any context. */
bool is_module_sig_enforced(void);
/*
 * Reads the file at path into a kmalloc'd buffer (kfree it), 8-byte aligned.
 * Returns 0 or -errno (-ENOENT, -EISDIR, -EFBIG above 64 MiB, -ENOMEM).
 */
int module_read_file(const char *path, void **image, size_t *len);
/* load_module() of the file at path. Same returns, plus the file's errors. */
int load_module_file(const char *path, const char *args);
/*
 * Unloads the module called name. Returns 0, -ENOENT (not loaded), -EBUSY
 * (in use, no exit, or not LIVE). Task context; takes module_mutex.
 */
int delete_module(const char *name);
/* The live module called name, or NULL. Caller holds module_mutex (or takes a ref). */
struct module *find_module(const char *name);
/* The module whose memory contains addr, or NULL. Any context; a hint. */
struct module *module_of_addr(unsigned long addr);
/* Number of loaded modules. */
unsigned int module_count(void);

/* True if addr is inside the module area. Lockless. */
bool is_module_address(unsigned long addr);
/* True if addr is in the text of a loaded module. Lockless hint (unwinders). */
bool is_module_text_address(unsigned long addr);

/* Takes a reference unless mod is going away. Returns true on success. Any context. */
bool try_module_get(struct module *mod);
/* Drops a reference taken by try_module_get. Any context. */
void module_put(struct module *mod);
/* Current references. */
int module_refcount(struct module *mod);
/* Takes a reference unconditionally: the caller already holds one (Linux's). */
void __module_get(struct module *mod);

/*
 * Linux's symbol_get()/symbol_put(): the address of a GPL-only export
 * (the kernel's or a live module's, which is pinned with a reference), or
 * NULL; __symbol_put(name) or symbol_put_addr(addr) drops the reference.
 * Task context; they take module_mutex.
 */
void *__symbol_get(const char *name);
void __symbol_put(const char *name);
void symbol_put_addr(void *addr);
#define symbol_get(x) ({ extern __typeof__(x) x __attribute__((weak, visibility("hidden"))); \
	(__typeof__(&x))(__symbol_get(#x)); })
#define symbol_put(x) __symbol_put(#x)

/* Lock order: klp_mutex, then module_mutex. Task context. */
void module_mutex_lock(void);
void module_mutex_unlock(void);
bool module_mutex_is_held(void);

/* Calls fn for each loaded module, under module_mutex (held by the caller). */
#define list_for_each_module(m) list_for_each_entry(m, &modules, list)
extern struct list_head modules;

/* ---- notifiers: called at COMING (before init) and GOING (after exit, or init failure) ---- */

struct notifier_block {
	/* Returns NOTIFY_OK, NOTIFY_DONE, or notifier_from_errno(-E) to refuse a COMING module. */
	int (*notifier_call)(struct notifier_block *nb, unsigned long action, void *data);
	struct notifier_block *next;
	int priority;			/* higher first */
};
#define NOTIFY_DONE 0x0000
#define NOTIFY_OK 0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_BAD (NOTIFY_STOP_MASK | 0x0002)
static inline int notifier_from_errno(int err)
{
	return err ? (NOTIFY_STOP_MASK | (NOTIFY_OK - err)) : NOTIFY_OK;
}
static inline int notifier_to_errno(int ret)
{
	ret &= ~NOTIFY_STOP_MASK;
	return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
}

/* Module notifier chain. 0. Task context, takes module_mutex. */
int register_module_notifier(struct notifier_block *nb);
int unregister_module_notifier(struct notifier_block *nb);

/* ---- parameters (kernel/module/params.c) ---- */

/*
 * The standard types, Linux's names and text forms: byte short ushort int
 * uint long ulong ullong hexint charp bool invbool, strings and arrays.
 * The param_set_X/param_get_X functions are exported too, for the ops of a
 * module_param_cb() that checks a value and then stores it as type X.
 * set: 0 or -EINVAL/-ERANGE/-ENOSPC/-ENOMEM. get: the length written into
 * the PAGE_SIZE buffer (with a trailing newline). Any task context.
 */
#define __KELP_PARAM_TYPE(type)                                                  \
	extern const struct kernel_param_ops param_ops_##type;                  \
	int param_set_##type(const char *val, const struct kernel_param *kp);   \
	int param_get_##type(char *buffer, const struct kernel_param *kp)
__KELP_PARAM_TYPE(byte);
__KELP_PARAM_TYPE(short);
__KELP_PARAM_TYPE(ushort);
__KELP_PARAM_TYPE(int);
__KELP_PARAM_TYPE(uint);
__KELP_PARAM_TYPE(long);
__KELP_PARAM_TYPE(ulong);
__KELP_PARAM_TYPE(ullong);
__KELP_PARAM_TYPE(hexint);
__KELP_PARAM_TYPE(charp);
__KELP_PARAM_TYPE(invbool);
#undef __KELP_PARAM_TYPE
/* bool is a macro (stdbool.h): named out so that it is not expanded. */
extern const struct kernel_param_ops param_ops_bool;
int param_set_bool(const char *val, const struct kernel_param *kp);
int param_get_bool(char *buffer, const struct kernel_param *kp);
extern const struct kernel_param_ops param_ops_bool_enable_only;
int param_set_bool_enable_only(const char *val, const struct kernel_param *kp);
int param_set_uint_minmax(const char *val, const struct kernel_param *kp, unsigned int min,
			  unsigned int max);
extern const struct kernel_param_ops param_ops_string;
int param_set_copystring(const char *val, const struct kernel_param *kp);
int param_get_string(char *buffer, const struct kernel_param *kp);
extern const struct kernel_param_ops param_array_ops;
/* Frees a charp value the loader set (Linux's; for a module's own ops). */
void param_free_charp(void *arg);
/*
 * Linux's kernel_param_lock()/unlock(): the lock sysfs holds around a
 * parameter's get and set, so a module reads a string or array parameter
 * whole. One lock for every module (mod is accepted). Task context; a
 * parameter's own set/get must not take it.
 */
void kernel_param_lock(struct module *mod);
void kernel_param_unlock(struct module *mod);

/*
 * Applies "a=1 b=x" to mod's parameters. Returns 0 or -EINVAL (a value the
 * type refuses: `NAME: `PARAM' invalid for parameter `VAL'`); unknown names
 * are ignored with a warning, as Linux. Loader context.
 */
int module_parse_args(struct module *mod, const char *args);
/* Frees the charp values the loader allocated. */
void module_free_params(struct module *mod);

/* ---- module symbols (kernel/module/kallsyms.c) ---- */

/* Copies the module's named functions and objects. 0 or -ENOMEM. Loader context. */
int module_kallsyms_build(struct module *mod, const struct elf_info *info);
void module_kallsyms_free(struct module *mod);
/* module_address_lookup() is declared in <kelp/kallsyms.h>. */
/*
 * Address of symbol name in mod: the sympos-th of that name (1-based; 0
 * means the first), or 0; *count (may be NULL) gets how many there are.
 * Caller holds module_mutex or a reference on mod.
 */
unsigned long module_kallsyms_lookup_name(struct module *mod, const char *name,
					  unsigned long sympos, unsigned long *count);
/* Calls fn for each symbol of mod in address order until it returns non-zero (returned). */
int module_kallsyms_on_each_symbol(struct module *mod,
				   int (*fn)(void *data, const char *name, unsigned long addr),
				   void *data);

/* ---- the module area (kernel/module/alloc.c) ---- */

/* size bytes (page multiple) of zeroed RW+NX memory within rel32 reach of kernel text, or NULL. */
void *module_alloc(size_t size);
/* Returns memory from module_alloc (any permissions) to the area. */
void module_memfree(void *base, size_t size);
/*
 * Sets the permissions of pages [addr, addr+size): exec => RX, !write =>
 * R+NX, write => RW+NX; the direct-map alias follows (read-only unless
 * write). 0, -EINVAL (outside the area) or -ENOMEM (page tables).
 */
int module_set_perms(void *addr, size_t size, bool write, bool exec);
/* Bytes of the module area in use. */
size_t module_area_used(void);

/* ---- sysfs (kernel/module/sysfs.c) ---- */

/* Creates /sys/module/NAME with refcnt, initstate, taint, holders/, parameters/, sections/. */
int module_sysfs_add(struct module *mod, const struct elf_info *info);
/* Removes it; returns when no attribute callback of mod runs any more. */
void module_sysfs_remove(struct module *mod);
/* Adds/removes /sys/module/TARGET/holders/SOURCE. */
int module_sysfs_add_holder(struct module_use *use);
void module_sysfs_remove_holder(struct module_use *use);

/* Creates /proc/modules, /proc/keys and the signing policy. Boot, after the VFS, procfs and sysfs. */
void modules_proc_init(void);

/* Text of an errno as kmod's insmod prints it (Invalid module format, ...). */
const char *module_strerror(int err);

#endif /* KELP_MODULE_H */
