/*
 * insmod, rmmod and lsmod, with kmod's messages: insmod PATH [NAME=VALUE...]
 * ("insmod: ERROR: could not insert module x.ko: Invalid module format"),
 * rmmod NAME|PATH.ko ("rmmod: ERROR: Module x is in use by: y"), lsmod
 * ("Module  Size  Used by"). rmmod checks holders and refcnt first and
 * prints kmod's texts, as kmod reads them from /sys/module before asking
 * the kernel.
 */
#include <kelp/shell.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/string.h>

/* "a b c" from argv[first..]; kmalloc'd, or NULL. */
static char *join_args(int argc, char **argv, int first)
{
	size_t len = 1;
	char *s;

	for (int i = first; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = kzalloc(len, GFP_KERNEL);
	for (int i = first; s && i < argc; i++) {
		if (i > first)
			strlcat(s, " ", len);
		strlcat(s, argv[i], len);
	}
	return s;
}

static int cmd_insmod(int argc, char **argv)
{
	void *image = NULL;
	char *args = NULL;
	size_t len;
	int err;

	if (argc < 2) {
		sh_eprintf("Usage: insmod FILE [NAME[=VAL]...]\n");
		return 1;
	}
	err = module_read_file(argv[1], &image, &len);
	if (!err) {
		args = join_args(argc, argv, 2);
		err = args ? 0 : -ENOMEM;
	}
	if (err) {
		kfree(image);
		sh_eprintf("insmod: ERROR: could not load module %s: %s\n", argv[1], strerror(err));
		return 1;
	}
	err = load_module(image, len, args);
	kfree(args);
	kfree(image);
	if (err) {
		sh_eprintf("insmod: ERROR: could not insert module %s: %s\n", argv[1],
			   module_strerror(err));
		return 1;
	}
	return 0;
}
SHELL_COMMAND("insmod", "FILE [NAME=VALUE...]  load a module", cmd_insmod);

/* "x" from "x", "x.ko" or "/lib/modules/x.ko"; '-' reads as '_'. */
static void module_arg_name(const char *arg, char *name, size_t len)
{
	const char *base = strrchr(arg, '/');
	size_t n;

	base = base ? base + 1 : arg;
	strlcpy(name, base, len);
	n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, ".ko"))
		name[n - 3] = '\0';
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
}

/* kmod's checks before delete_module: loaded, holders, refcnt. 0 or 1. */
static int rmmod_precheck(const char *name)
{
	struct module *mod;
	struct module_use *use;
	int ret = 0;

	module_mutex_lock();
	mod = find_module(name);
	if (!mod) {
		sh_eprintf("rmmod: ERROR: Module %s is not currently loaded\n", name);
		ret = 1;
	} else if (!list_empty(&mod->source_list)) {
		sh_eprintf("rmmod: ERROR: Module %s is in use by:", name);
		list_for_each_entry(use, &mod->source_list, source_list)
			sh_eprintf(" %s", use->source->name);
		sh_eprintf("\n");
		ret = 1;
	} else if (module_refcount(mod) != 0) {
		sh_eprintf("rmmod: ERROR: Module %s is in use\n", name);
		ret = 1;
	}
	module_mutex_unlock();
	return ret;
}

static int cmd_rmmod(int argc, char **argv)
{
	char name[MODULE_NAME_LEN];
	int status = 0;

	if (argc < 2) {
		sh_eprintf("Usage: rmmod MODULE...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int err;

		module_arg_name(argv[i], name, sizeof(name));
		if (rmmod_precheck(name)) {
			status = 1;
			continue;
		}
		err = delete_module(name);
		if (err) {
			sh_eprintf("rmmod: ERROR: could not remove module %s: %s\n", name,
				   strerror(err));
			status = 1;
		}
	}
	return status;
}
SHELL_COMMAND("rmmod", "MODULE...  unload modules", cmd_rmmod);

static int cmd_lsmod(int argc, char **argv)
{
	struct module *mod;
	struct module_use *use;

	sh_printf("Module                  Size  Used by\n");
	module_mutex_lock();
	list_for_each_entry(mod, &modules, list) {
		const char *sep = " ";

		if (mod->state == MODULE_STATE_UNFORMED)
			continue;
		sh_printf("%-19s %8zu  %d", mod->name, mod->size, module_refcount(mod));
		list_for_each_entry(use, &mod->source_list, source_list) {
			sh_printf("%s%s", sep, use->source->name);
			sep = ",";
		}
		sh_printf("\n");
	}
	module_mutex_unlock();
	return 0;
}
SHELL_COMMAND("lsmod", "list loaded modules", cmd_lsmod);
