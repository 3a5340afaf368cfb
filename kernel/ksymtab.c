/*
 * The export tables built by EXPORT_SYMBOL()/EXPORT_SYMBOL_GPL()
 * (include/kelp/export.h), between linker-script markers. The module
 * loader resolves a module's undefined symbols here, refusing GPL-only
 * exports to modules without a GPL-compatible license. A linear scan: a
 * module load looks up a few dozen names.
 */
#include <kelp/export.h>
#include <kelp/string.h>

extern const struct kernel_symbol __start___ksymtab[], __stop___ksymtab[];
extern const struct kernel_symbol __start___ksymtab_gpl[], __stop___ksymtab_gpl[];

static const struct kernel_symbol *ksymtab_search(const struct kernel_symbol *start,
						  const struct kernel_symbol *stop,
						  const char *name)
{
	for (const struct kernel_symbol *ks = start; ks < stop; ks++)
		if (!strcmp(ks->name, name))
			return ks;
	return NULL;
}

/* See export.h. */
const struct kernel_symbol *ksymtab_find(const char *name, bool *gpl)
{
	const struct kernel_symbol *ks;

	if (!name)
		return NULL;
	ks = ksymtab_search(__start___ksymtab, __stop___ksymtab, name);
	if (gpl)
		*gpl = false;
	if (ks)
		return ks;
	ks = ksymtab_search(__start___ksymtab_gpl, __stop___ksymtab_gpl, name);
	if (ks && gpl)
		*gpl = true;
	return ks;
}

/* See export.h. */
unsigned long ksymtab_count(void)
{
	return (__stop___ksymtab - __start___ksymtab) +
	       (__stop___ksymtab_gpl - __start___ksymtab_gpl);
}

/*
 * The foundation's exports, listed here rather than next to each function
 * so the files that define them stay unaware of modules. New code exports
 * next to its definitions, as Linux does.
 */
#include <kelp/mm.h>
#include <kelp/printk.h>

EXPORT_SYMBOL(printk);
EXPORT_SYMBOL(kmalloc);
EXPORT_SYMBOL(kzalloc);
EXPORT_SYMBOL(kfree);
EXPORT_SYMBOL(memcpy);
EXPORT_SYMBOL(memset);
EXPORT_SYMBOL(strcmp);
EXPORT_SYMBOL(snprintf);

/*
 * The API subset of include/linux/ (docs/modules.md): what a module written
 * against <linux/slab.h>, <linux/string.h>, <linux/kobject.h>,
 * <linux/mutex.h>, <linux/delay.h>, ... links against.
 */
#include <kelp/completion.h>
#include <kelp/kobject.h>
#include <kelp/kstrto.h>
#include <kelp/kthread.h>
#include <kelp/panic.h>
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/seq_file.h>
#include <kelp/time.h>
#include <kelp/workqueue.h>

/* slab.h, string.h, kernel.h */
EXPORT_SYMBOL(kcalloc);
EXPORT_SYMBOL(krealloc);
EXPORT_SYMBOL(ksize);
EXPORT_SYMBOL(kstrdup);
EXPORT_SYMBOL(kmemdup_nul);
EXPORT_SYMBOL(kasprintf);
EXPORT_SYMBOL(memmove);
EXPORT_SYMBOL(memcmp);
EXPORT_SYMBOL(memchr);
EXPORT_SYMBOL(strlen);
EXPORT_SYMBOL(strnlen);
EXPORT_SYMBOL(strncmp);
EXPORT_SYMBOL(strchr);
EXPORT_SYMBOL(strrchr);
EXPORT_SYMBOL(strstr);
EXPORT_SYMBOL(strlcpy);
EXPORT_SYMBOL(strlcat);
EXPORT_SYMBOL(vsnprintf);
EXPORT_SYMBOL(scnprintf);
EXPORT_SYMBOL(vprintk);
/* panic.h: BUG(), WARN() and panic() in modules */
EXPORT_SYMBOL(panic);
EXPORT_SYMBOL(__warn);
EXPORT_SYMBOL(kstrtoint);
EXPORT_SYMBOL(kstrtouint);
EXPORT_SYMBOL(kstrtol);
EXPORT_SYMBOL(kstrtoul);
EXPORT_SYMBOL(kstrtoll);
EXPORT_SYMBOL(kstrtoull);
EXPORT_SYMBOL(kstrtobool);
/* seq_file.h */
EXPORT_SYMBOL(seq_printf);
EXPORT_SYMBOL(seq_puts);
EXPORT_SYMBOL(seq_putc);
EXPORT_SYMBOL(seq_write);
/* kobject.h, sysfs.h */
EXPORT_SYMBOL(kernel_kobj);
EXPORT_SYMBOL(debug_kobj);
EXPORT_SYMBOL(kobject_init_and_add);
EXPORT_SYMBOL(kobject_create_and_add);
EXPORT_SYMBOL(kobject_get);
EXPORT_SYMBOL(kobject_put);
EXPORT_SYMBOL(kobject_del);
EXPORT_SYMBOL(kobject_name);
EXPORT_SYMBOL(kobj_sysfs_ops);
EXPORT_SYMBOL(sysfs_create_file);
EXPORT_SYMBOL(sysfs_remove_file);
EXPORT_SYMBOL(sysfs_create_group);
EXPORT_SYMBOL(sysfs_remove_group);
EXPORT_SYMBOL(sysfs_emit);
/* mutex.h, completion.h, sched.h, delay.h, kthread.h, workqueue.h */
EXPORT_SYMBOL(__mutex_init);
EXPORT_SYMBOL(mutex_lock);
EXPORT_SYMBOL(mutex_trylock);
EXPORT_SYMBOL(mutex_unlock);
EXPORT_SYMBOL(init_completion);
EXPORT_SYMBOL(wait_for_completion);
EXPORT_SYMBOL(wait_for_completion_timeout);
EXPORT_SYMBOL(complete);
EXPORT_SYMBOL(complete_all);
EXPORT_SYMBOL(msleep);
EXPORT_SYMBOL(udelay);
EXPORT_SYMBOL(schedule);
EXPORT_SYMBOL(schedule_timeout_interruptible);
EXPORT_SYMBOL(msecs_to_jiffies);
EXPORT_SYMBOL(yield);
EXPORT_SYMBOL(ktime_get_ns);
EXPORT_SYMBOL(wake_up_process);
EXPORT_SYMBOL(kthread_create);
EXPORT_SYMBOL(kthread_stop);
EXPORT_SYMBOL(kthread_should_stop);
EXPORT_SYMBOL(alloc_workqueue);
EXPORT_SYMBOL(destroy_workqueue);
EXPORT_SYMBOL(flush_work);
EXPORT_SYMBOL(queue_work);
EXPORT_SYMBOL(schedule_work);
EXPORT_SYMBOL(schedule_delayed_work);
EXPORT_SYMBOL(cancel_work_sync);
EXPORT_SYMBOL(cancel_delayed_work_sync);
