/*
 * test_klp_modfunc_missing: a live patch of a function test_klp_callbacks_mod
 * does not have. Loaded first, it waits for the module; the module's load
 * is then refused (the function cannot be resolved at COMING), as Linux's
 * klp_module_coming refuses it. Loaded after the module, its own load fails.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static void new_func(void)
{
}

static struct klp_func funcs[] = {
	{ .old_name = "test_klp_no_such_function", .new_func = new_func },
	{ }
};
static struct klp_object objs[] = {
	{ .name = "test_klp_callbacks_mod", .funcs = funcs },
	{ }
};
static struct klp_patch patch = { .mod = THIS_MODULE, .objs = objs };

static int test_klp_modfunc_missing_init(void)
{
	return klp_enable_patch(&patch);
}

static void test_klp_modfunc_missing_exit(void)
{
}

module_init(test_klp_modfunc_missing_init);
module_exit(test_klp_modfunc_missing_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
