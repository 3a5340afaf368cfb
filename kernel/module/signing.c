/*
 * Module signature policy, Linux's (kernel/module/signing.c there): every
 * load (init_module, finit_module, the initramfs, COM2 uploads: all go
 * through load_module) checks the appended signature before anything of
 * the module is laid out. A bad signature or malformed trailer is always
 * refused; an unsigned module, one with unsupported crypto or one whose key
 * is not trusted is refused with -EKEYREJECTED when enforcing
 * (module.sig_enforce=1 or KELP_MODULE_SIG_FORCE=1 at build time), else it
 * loads and taints the kernel (E). Enforcement cannot be turned off once
 * on: /sys/module/module/parameters/sig_enforce accepts only Y.
 */
#include <kelp/module.h>
#include <kelp/boot_info.h>
#include <kelp/crypto.h>
#include <kelp/errno.h>
#include <kelp/kobject.h>
#include <kelp/kstrto.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include "internal.h"

#ifdef CONFIG_MODULE_SIG_FORCE
static bool sig_enforce = true;
#else
static bool sig_enforce;
#endif

/* See module.h. */
bool is_module_sig_enforced(void)
{
	return READ_ONCE(sig_enforce);
}
EXPORT_SYMBOL_FOR_KTEST(is_module_sig_enforced);

/* See internal.h. */
int module_sig_check(struct load_info *li, const void *image, size_t *len)
{
	const char *why, *reason;
	int err = module_sig_verify(image, len, builtin_trusted_keys, builtin_trusted_keys_count, &why);

	li->sig_ok = !err;
	if (!err)
		return 0;
	/* the policy decides about these three; the others are always errors */
	if (why && (err == -ENOPKG || err == -ENOKEY))
		pr_notice("module: %s\n", why);
	else if (why)
		pr_err("module: %s\n", why);
	switch (err) {
	case -ENODATA:
		reason = "unsigned module";
		break;
	case -ENOPKG:
		reason = "module with unsupported crypto";
		break;
	case -ENOKEY:
		reason = "module with unavailable key";
		break;
	default:
		return err;	/* a bad signature is refused whatever the policy */
	}
	if (is_module_sig_enforced()) {
		pr_notice("Loading of %s is rejected\n", reason);
		return -EKEYREJECTED;
	}
	return 0;
}

/* See internal.h. Once per boot, as Linux's pr_notice_once. */
void module_sig_taint(struct module *mod)
{
	static bool told;

	if (!told) {
		told = true;
		pr_notice("%s: module verification failed: signature and/or required key missing - tainting kernel\n",
			  mod->name);
	}
	mod->taints |= 1UL << TAINT_UNSIGNED_MODULE;
}

/* ---- /sys/module/module/parameters/sig_enforce: Linux's bool_enable_only ---- */

static ssize_t sig_enforce_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%c\n", is_module_sig_enforced() ? 'Y' : 'N');
}

static ssize_t sig_enforce_store(struct kobject *kobj, struct kobj_attribute *a,
				 const char *buf, size_t count)
{
	char val[8];
	bool on;
	size_t n = count < sizeof(val) - 1 ? count : sizeof(val) - 1;

	memcpy(val, buf, n);
	val[n] = '\0';
	if (n && val[n - 1] == '\n')
		val[n - 1] = '\0';
	if (kstrtobool(val, &on))
		return -EINVAL;
	if (!on && is_module_sig_enforced())
		return -EROFS;		/* on stays on */
	if (on)
		WRITE_ONCE(sig_enforce, true);
	return count;
}

static struct kobj_attribute sig_enforce_attr = __ATTR(sig_enforce, 0644, sig_enforce_show,
						       sig_enforce_store);

/* See internal.h. */
void module_signing_init(void)
{
	struct kobject *mod, *params;
	char buf[8];
	bool on;

	if (boot_cmdline_get(boot_info.cmdline, "module.sig_enforce", buf, sizeof(buf))) {
		on = true;	/* a bare "module.sig_enforce" */
		if (buf[0] && kstrtobool(buf, &on))
			on = false;
		if (on)
			sig_enforce = true;
	}
	keyring_init();
	mod = kobject_create_and_add("module", &module_kset->kobj);
	params = mod ? kobject_create_and_add("parameters", mod) : NULL;
	if (!params || sysfs_create_file(params, &sig_enforce_attr.attr))
		pr_err("module: cannot create /sys/module/module/parameters/sig_enforce\n");
	if (is_module_sig_enforced())
		pr_info("module: signature enforcement on\n");
}
