/*
 * Module parameters: the bool/int/uint/charp types of module_param(), the
 * "name=value" words given to insmod, and the values sysfs shows under
 * /sys/module/NAME/parameters/. A charp value the loader set is a kstrdup
 * tracked in mod->kp_alloc[i] and freed when replaced or at unload; the
 * module's own initial string is never freed. Values are parsed strictly
 * (kstrto*): "12abc" is refused with -EINVAL, as Linux.
 */
#include <kelp/module.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>

#define PARAM_CHARP_MAX 1024

static int param_set_bool(const char *val, const struct kernel_param *kp)
{
	if (!val)		/* "flag" alone means flag=1 */
		val = "1";
	return kstrtobool(val, kp->arg);
}

static int param_get_bool(char *buf, const struct kernel_param *kp)
{
	return snprintf(buf, PAGE_SIZE, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}

static int param_set_int(const char *val, const struct kernel_param *kp)
{
	return val ? kstrtoint(val, 0, kp->arg) : -EINVAL;
}

static int param_get_int(char *buf, const struct kernel_param *kp)
{
	return snprintf(buf, PAGE_SIZE, "%d\n", *(int *)kp->arg);
}

static int param_set_uint(const char *val, const struct kernel_param *kp)
{
	return val ? kstrtouint(val, 0, kp->arg) : -EINVAL;
}

static int param_get_uint(char *buf, const struct kernel_param *kp)
{
	return snprintf(buf, PAGE_SIZE, "%u\n", *(unsigned int *)kp->arg);
}

/* The slot remembering the loader's allocation for kp, or NULL (built-in use). */
static char **charp_slot(const struct kernel_param *kp)
{
	struct module *mod = kp->mod;

	if (!mod || !mod->kp_alloc || kp < mod->kp || kp >= mod->kp + mod->num_kp)
		return NULL;
	return &mod->kp_alloc[kp - mod->kp];
}

static int param_set_charp(const char *val, const struct kernel_param *kp)
{
	char **slot = charp_slot(kp);
	char *copy;

	if (!val)
		return -EINVAL;
	if (strnlen(val, PARAM_CHARP_MAX + 1) > PARAM_CHARP_MAX)
		return -ENOSPC;
	copy = kstrdup(val, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	if (slot) {
		kfree(*slot);
		*slot = copy;
	}
	*(char **)kp->arg = copy;
	return 0;
}

static int param_get_charp(char *buf, const struct kernel_param *kp)
{
	const char *s = *(char **)kp->arg;

	return snprintf(buf, PAGE_SIZE, "%s\n", s ? s : "(null)");
}

const struct kernel_param_ops param_ops_bool = { param_set_bool, param_get_bool };
const struct kernel_param_ops param_ops_int = { param_set_int, param_get_int };
const struct kernel_param_ops param_ops_uint = { param_set_uint, param_get_uint };
const struct kernel_param_ops param_ops_charp = { param_set_charp, param_get_charp };
EXPORT_SYMBOL(param_ops_bool);
EXPORT_SYMBOL(param_ops_int);
EXPORT_SYMBOL(param_ops_uint);
EXPORT_SYMBOL(param_ops_charp);

/* Linux's parameq: '-' and '_' are the same in parameter names. */
static bool param_eq(const char *a, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < blen && a[i]; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
	}
	return i == blen && !a[i];
}

/* Applies one "name[=value]" word (NUL-terminated, value unquoted). */
static int module_set_one(struct module *mod, char *word)
{
	char *eq = strchr(word, '=');
	size_t nlen = eq ? (size_t)(eq - word) : strlen(word);
	char *val = eq ? eq + 1 : NULL;
	int err;

	for (unsigned int i = 0; i < mod->num_kp; i++) {
		const struct kernel_param *kp = &mod->kp[i];

		if (!param_eq(kp->name, word, nlen))
			continue;
		err = kp->ops->set(val, kp);
		if (err) {
			if (eq)
				*eq = '\0';
			pr_err("%s: `%s' invalid for parameter `%s'\n", mod->name, val ? val : "",
			       word);
			return err == -ENOMEM ? err : -EINVAL;
		}
		return 0;
	}
	if (eq)
		*eq = '\0';
	pr_warn("%s: unknown parameter '%s' ignored\n", mod->name, word);
	return 0;
}

/* Cuts the next word off *p: blanks separate, "..." quotes (quotes removed). */
static char *next_word(char **p)
{
	char *s = *p, *out, *start;
	bool quoted = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	start = out = s;
	for (; *s && (quoted || (*s != ' ' && *s != '\t')); s++) {
		if (*s == '"')
			quoted = !quoted;
		else
			*out++ = *s;
	}
	*p = *s ? s + 1 : s;
	*out = '\0';
	return start;
}

/* See module.h. Loader context (module_mutex held, module UNFORMED). */
int module_parse_args(struct module *mod, const char *args)
{
	char *copy, *p, *word;
	int err = 0;

	if (!args || !*args)
		return 0;
	copy = kstrdup(args, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	p = copy;
	while (!err && (word = next_word(&p))) {
		if (!strcmp(word, "--")) {
			pr_warn("%s: parameters '%s' after `--' ignored\n", mod->name, p);
			break;
		}
		err = module_set_one(mod, word);
	}
	kfree(copy);
	return err;
}

/* See module.h. After exit (or a failed init): nothing reads the values any more. */
void module_free_params(struct module *mod)
{
	if (!mod->kp_alloc)
		return;
	for (unsigned int i = 0; i < mod->num_kp; i++)
		kfree(mod->kp_alloc[i]);
	kfree(mod->kp_alloc);
	mod->kp_alloc = NULL;
}
