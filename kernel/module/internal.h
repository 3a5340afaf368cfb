/*
 * Private to the module loader: kernel/module/main.c runs a module's life,
 * kernel/module/link.c links and frees it. Both hold module_mutex.
 */
#ifndef KELP_MODULE_INTERNAL_H
#define KELP_MODULE_INTERNAL_H

#include <kelp/elf.h>
#include <kelp/module.h>

/* The loader's view of one load: the ELF info, the module, the image. */
struct load_info {
	struct elf_info elf;
	struct module *mod;
	const char *name;
	void *mem;
	bool sig_ok;		/* the signature verified (kernel/module/signing.c) */
};

/* The module called name in any state (UNFORMED included), or NULL. */
struct module *find_module_all(const char *name);
/*
 * Validates the image, checks the name is free, lays out and copies the
 * module into the module area; li->mod then points at its struct module,
 * UNFORMED and on the module list. Returns 0 or -errno (li->mem, if set,
 * is the caller's to free).
 */
int module_layout(struct load_info *li, const void *image, size_t len);
/* Links li->mod and gets it ready to run: everything up to COMING. 0 or -errno. */
int module_link(struct load_info *li, const char *args);
/* Gives back everything a module holds and frees it; it leaves the list. */
void module_free(struct module *mod);

/*
 * Checks the signature appended to image[0..*len) (signing.c) and sets
 * li->sig_ok; *len becomes the length without it. 0 (load on), or -errno:
 * -EKEYREJECTED when enforcing refuses it, or the signature's own error.
 * Before anything is laid out; no lock needed.
 */
int module_sig_check(struct load_info *li, const void *image, size_t *len);
/* Marks an unverified module (TAINT_UNSIGNED_MODULE) and says so once. module_mutex held. */
void module_sig_taint(struct module *mod);
/* The trusted keyring, the sig_enforce parameter and its sysfs file. Boot, once. */
void module_signing_init(void);

#endif /* KELP_MODULE_INTERNAL_H */
