/*
 * Built-in stand-ins for Linux's livepatch selftest modules (they came
 * before the module loader): each "module" is a static struct module, a
 * klp_patch and an init/exit pair, loaded with `klp-load NAME [p=v]` and
 * removed with `klp-unload NAME` (insmod/rmmod semantics: init's error is
 * the load's error; a module with references cannot be removed). The
 * patches behave as test_klp_livepatch, test_klp_atomic_replace,
 * test_klp_callbacks_demo(2) do in Linux, plus klp_test_block (patches
 * workload_block_here, where `workload block` threads sleep).
 */
#include "../core.h"
#include "klp_test.h"
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/shell.h>
#include <kelp/string.h>
#include <kelp/completion.h>
#include <kelp/panic.h>

#undef pr_fmt
#define pr_fmt(fmt) fmt

struct klp_test_mod {
	struct module *mod;
	struct klp_patch *patch;
	int (*init)(void);
	int (*set_param)(const char *name, const char *val);
	bool loaded;
};

/* ---- test_klp_livepatch ---- */

static struct module test_klp_livepatch_mod = { .name = "test_klp_livepatch", .livepatch = true };

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s: %s\n", "test_klp_livepatch", "this has been live patched");
	return 0;
}

static struct klp_func tkl_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = livepatch_cmdline_proc_show }, {}
};
static struct klp_object tkl_objs[] = { { .funcs = tkl_funcs }, {} };
static struct klp_patch tkl_patch = { .mod = &test_klp_livepatch_mod, .objs = tkl_objs };

static int test_klp_livepatch_init(void)
{
	return klp_enable_patch(&tkl_patch);
}

/* ---- test_klp_atomic_replace ---- */

static struct module test_klp_atomic_replace_mod = { .name = "test_klp_atomic_replace",
						     .livepatch = true };
static int tkar_replace;

static int livepatch_meminfo_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s: %s\n", "test_klp_atomic_replace", "this has been live patched");
	return 0;
}

static struct klp_func tkar_funcs[] = {
	{ .old_name = "meminfo_proc_show", .new_func = livepatch_meminfo_proc_show }, {}
};
static struct klp_object tkar_objs[] = { { .funcs = tkar_funcs }, {} };
static struct klp_patch tkar_patch = { .mod = &test_klp_atomic_replace_mod, .objs = tkar_objs };

static int test_klp_atomic_replace_init(void)
{
	tkar_patch.replace = tkar_replace;
	return klp_enable_patch(&tkar_patch);
}

static int tkar_set_param(const char *name, const char *val)
{
	if (strcmp(name, "replace"))
		return -EINVAL;
	return kstrtoint(val, 10, &tkar_replace);
}

/* ---- test_klp_callbacks_demo / demo2 ---- */

static struct module test_klp_callbacks_demo_mod = { .name = "test_klp_callbacks_demo",
						     .livepatch = true };
static struct module test_klp_callbacks_demo2_mod = { .name = "test_klp_callbacks_demo2",
						      .livepatch = true };
static int tkcd_pre_patch_ret;


/* the callbacks print "<module>: <callback>: vmlinux" like Linux's helper */
#define TKCD_CALLBACKS(pfx, modname, ret)                                         \
	static int pfx##_pre_patch(struct klp_object *obj)                       \
	{                                                                         \
		pr_info("%s: %s: %s\n", modname, "pre_patch_callback", klp_obj_name(obj)); \
		return ret;                                                       \
	}                                                                         \
	static void pfx##_post_patch(struct klp_object *obj)                     \
	{                                                                         \
		pr_info("%s: %s: %s\n", modname, "post_patch_callback", klp_obj_name(obj)); \
	}                                                                         \
	static void pfx##_pre_unpatch(struct klp_object *obj)                    \
	{                                                                         \
		pr_info("%s: %s: %s\n", modname, "pre_unpatch_callback", klp_obj_name(obj)); \
	}                                                                         \
	static void pfx##_post_unpatch(struct klp_object *obj)                   \
	{                                                                         \
		pr_info("%s: %s: %s\n", modname, "post_unpatch_callback", klp_obj_name(obj)); \
	}

TKCD_CALLBACKS(tkcd, "test_klp_callbacks_demo", tkcd_pre_patch_ret)
TKCD_CALLBACKS(tkcd2, "test_klp_callbacks_demo2", 0)

#define TKCD_CB(pfx) { .pre_patch = pfx##_pre_patch, .post_patch = pfx##_post_patch, \
		       .pre_unpatch = pfx##_pre_unpatch, .post_unpatch = pfx##_post_unpatch }

static struct klp_func tkcd_no_funcs[] = { {} };
static struct klp_func tkcd2_no_funcs[] = { {} };
static struct klp_object tkcd_objs[] = {
	{ .funcs = tkcd_no_funcs, .callbacks = TKCD_CB(tkcd) },
	{ .name = "test_klp_callbacks_mod", .funcs = tkcd_no_funcs, .callbacks = TKCD_CB(tkcd) },
	{}
};
static struct klp_object tkcd2_objs[] = { { .funcs = tkcd2_no_funcs, .callbacks = TKCD_CB(tkcd2) },
					  {} };
static struct klp_patch tkcd_patch = { .mod = &test_klp_callbacks_demo_mod, .objs = tkcd_objs };
static struct klp_patch tkcd2_patch = { .mod = &test_klp_callbacks_demo2_mod, .objs = tkcd2_objs };

static int test_klp_callbacks_demo_init(void)
{
	return klp_enable_patch(&tkcd_patch);
}

static int test_klp_callbacks_demo2_init(void)
{
	return klp_enable_patch(&tkcd2_patch);
}

static int tkcd_set_param(const char *name, const char *val)
{
	if (strcmp(name, "pre_patch_ret"))
		return -EINVAL;
	return kstrtoint(val, 10, &tkcd_pre_patch_ret);
}

/* ---- klp_test_block: the function `workload block` threads sleep in ---- */

static struct module klp_test_block_mod = { .name = "klp_test_block", .livepatch = true };
void workload_block_here(struct completion *go);

static noinline void livepatch_workload_block_here(struct completion *go)
{
	wait_for_completion(go);
}

static struct klp_func ktb_funcs[] = {
	{ .old_name = "workload_block_here", .new_func = livepatch_workload_block_here }, {}
};
static struct klp_object ktb_objs[] = { { .funcs = ktb_funcs }, {} };
static struct klp_patch ktb_patch = { .mod = &klp_test_block_mod, .objs = ktb_objs };

static int klp_test_block_init(void)
{
	return klp_enable_patch(&ktb_patch);
}

/* ---- the registry and the shell commands ---- */

static struct klp_test_mod klp_test_mods[] = {
	{ .mod = &test_klp_livepatch_mod, .patch = &tkl_patch,
	  .init = test_klp_livepatch_init, .set_param = NULL },
	{ .mod = &test_klp_atomic_replace_mod, .patch = &tkar_patch,
	  .init = test_klp_atomic_replace_init, .set_param = tkar_set_param },
	{ .mod = &test_klp_callbacks_demo_mod, .patch = &tkcd_patch,
	  .init = test_klp_callbacks_demo_init, .set_param = tkcd_set_param },
	{ .mod = &test_klp_callbacks_demo2_mod, .patch = &tkcd2_patch,
	  .init = test_klp_callbacks_demo2_init, .set_param = NULL },
	{ .mod = &klp_test_block_mod, .patch = &ktb_patch,
	  .init = klp_test_block_init, .set_param = NULL },
};

static struct klp_test_mod *klp_test_find(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(klp_test_mods); i++)
		if (!strcmp(klp_test_mods[i].mod->name, name))
			return &klp_test_mods[i];
	return NULL;
}

/*
 * What unloading a module gives for free: the next load starts from a
 * fresh copy of its data (kobjects never initialised, lists empty).
 */
void klp_test_reset(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;

	memset(&patch->kobj, 0, sizeof(patch->kobj));
	klp_for_each_object_static(patch, obj) {
		memset(&obj->kobj, 0, sizeof(obj->kobj));
		klp_for_each_func_static(obj, func)
			memset(&func->kobj, 0, sizeof(func->kobj));
	}
}

/* Loads a built-in test patch; 0 or the init's -errno (-EEXIST loaded, -ENOENT unknown). */
int klp_test_load(const char *name, int argc, char **argv)
{
	struct klp_test_mod *m = klp_test_find(name);
	int ret;

	if (!m)
		return -ENOENT;
	if (m->loaded)
		return -EEXIST;
	tkar_replace = 0;		/* a fresh module: parameters at their defaults */
	tkcd_pre_patch_ret = 0;
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || !m->set_param)
			return -EINVAL;
		*eq = 0;
		ret = m->set_param(argv[i], eq + 1);
		*eq = '=';
		if (ret)
			return -EINVAL;
	}
	/* what the module loader does for modinfo livepatch=Y */
	if (!(tainted_mask & (1UL << TAINT_LIVEPATCH)))
		pr_notice("%s: tainting kernel with TAINT_LIVEPATCH\n", name);
	add_taint(TAINT_LIVEPATCH);
	ret = m->init();
	if (!ret)
		m->loaded = true;
	else
		klp_test_reset(m->patch);
	return ret;
}

/* Unloads it: -ENOENT not loaded, -EAGAIN in use (an enabled or forced patch). */
int klp_test_unload(const char *name)
{
	struct klp_test_mod *m = klp_test_find(name);

	if (!m || !m->loaded)
		return -ENOENT;
	if (READ_ONCE(m->mod->refcnt))
		return -EAGAIN;
	m->loaded = false;
	klp_test_reset(m->patch);
	return 0;
}

static int cmd_klp_load(int argc, char **argv)
{
	int ret;

	if (argc < 2) {
		sh_eprintf("usage: klp-load NAME [PARAM=VALUE...]\n");
		return 1;
	}
	ret = klp_test_load(argv[1], argc - 2, argv + 2);
	if (ret == -ENOENT && !klp_test_find(argv[1]))
		sh_eprintf("klp-load: ERROR: could not load module %s: No such file or directory\n",
			   argv[1]);
	else if (ret)
		sh_eprintf("klp-load: ERROR: could not insert module %s: %s\n", argv[1],
			   ret == -EINVAL ? "Invalid parameters" : strerror(ret));
	return ret ? 1 : 0;
}
SHELL_COMMAND("klp-load", "NAME [P=V...]  load a built-in test patch (insmod stand-in)",
	      cmd_klp_load);

static int cmd_klp_unload(int argc, char **argv)
{
	int ret;

	if (argc != 2) {
		sh_eprintf("usage: klp-unload NAME\n");
		return 1;
	}
	ret = klp_test_unload(argv[1]);
	if (ret == -ENOENT)
		sh_eprintf("klp-unload: ERROR: Module %s is not currently loaded\n", argv[1]);
	else if (ret)
		sh_eprintf("klp-unload: ERROR: Module %s is in use\n", argv[1]);
	return ret ? 1 : 0;
}
SHELL_COMMAND("klp-unload", "NAME  remove a built-in test patch (rmmod stand-in)",
	      cmd_klp_unload);
