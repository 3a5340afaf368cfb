/*
 * mod_ns_noimport: uses kmalloc_get_stats, which the kernel exports only
 * into the namespace EXPORTED_FOR_KTEST (kernel/mm/kmalloc.c), without
 * MODULE_IMPORT_NS: the loader refuses it with Linux's message and
 * -EINVAL (tests/qemu/modules_errors.t).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <kelp/mm.h>

static int __init mod_ns_noimport_init(void)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	return 0;
}

module_init(mod_ns_noimport_init);
MODULE_LICENSE("GPL");
