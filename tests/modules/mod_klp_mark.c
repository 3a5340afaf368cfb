/*
 * mod_klp_mark: marked as a livepatch module (MODULE_INFO(livepatch, "Y"))
 * without patching anything: the loader taints the kernel (K) and keeps the
 * module's ELF data for .klp.rela sections until the unload.
 */
#include <linux/module.h>
#include <linux/kernel.h>

static int __init mod_klp_mark_init(void)
{
	return 0;
}

static void __exit mod_klp_mark_exit(void)
{
}

module_init(mod_klp_mark_init);
module_exit(mod_klp_mark_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
