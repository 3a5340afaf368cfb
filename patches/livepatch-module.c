/*
 * livepatch-module: a live patch of a module (Linux's sample patches of
 * this kind are samples/livepatch/livepatch-callbacks-demo.c and
 * livepatch-shadow-fix*.c). It replaces greeting_show in the module
 * livepatch_sample_mod, which need not be loaded: the patch applies when
 * it loads (`applying patch 'livepatch_module' to loading module ...`)
 * and is reverted when it goes. The new function updates the module's
 * static counter `calls`, which is not exported: KLP_SYM names it
 * .klp.sym.livepatch_sample_mod.calls,0, tools/klp-convert.py turns the
 * reference into a .klp.rela.livepatch_sample_mod.text relocation, and
 * livepatch resolves it each time the module is loaded. The callbacks say
 * when the module object is patched and unpatched.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/sysfs.h>

extern int sample_calls KLP_SYM(livepatch_sample_mod, calls, 0);

static ssize_t livepatch_greeting_show(struct kobject *kobj, struct kobj_attribute *attr,
				       char *buf)
{
	return sysfs_emit(buf, "this has been live patched (call %d)\n", ++sample_calls);
}

static void post_patch(struct klp_object *obj)
{
	pr_info("%s patched, %d calls so far\n", obj->mod->name, sample_calls);
}

static void post_unpatch(struct klp_object *obj)
{
	pr_info("%s unpatched\n", obj->mod->name);
}

static struct klp_func funcs[] = {
	{ .old_name = "greeting_show", .new_func = livepatch_greeting_show },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "livepatch_sample_mod",
		.funcs = funcs,
		.callbacks = { .post_patch = post_patch, .post_unpatch = post_unpatch },
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int livepatch_module_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_module_exit(void)
{
}

module_init(livepatch_module_init);
module_exit(livepatch_module_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("Live patching sample: a patch of a module, with a .klp.rela relocation");
