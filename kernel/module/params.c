/*
 * Module parameters: the standard types of module_param() (Linux's byte ..
 * invbool, kernel/params.c), module_param_string and module_param_array,
 * the "name=value" words given to insmod, and the values sysfs shows under
 * /sys/module/NAME/parameters/. A charp value the loader set is a kstrdup
 * tracked in mod->kp_alloc[i] (for a charp array: a table of them there)
 * and freed when replaced or at unload; the module's own initial string is
 * never freed. Values are parsed strictly (kstrto*): "12abc" is -EINVAL.
 */
#include <kelp/module.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>

#define PARAM_CHARP_MAX 1024

/*
 * The integer types: parsed in any base (0x.., 0..), as Linux's
 * STANDARD_PARAM_DEF, and printed in Linux's formats.
 */
#define PARAM_INT_TYPE(name, type, fmt, strto)                                   \
	int param_set_##name(const char *val, const struct kernel_param *kp)    \
	{                                                                       \
		return val ? strto(val, 0, (type *)kp->arg) : -EINVAL;          \
	}                                                                       \
	int param_get_##name(char *buf, const struct kernel_param *kp)          \
	{                                                                       \
		return scnprintf(buf, PAGE_SIZE, fmt "\n", *(type *)kp->arg);   \
	}                                                                       \
	const struct kernel_param_ops param_ops_##name = {                      \
		param_set_##name, param_get_##name                              \
	};                                                                      \
	EXPORT_SYMBOL(param_set_##name);                                        \
	EXPORT_SYMBOL(param_get_##name);                                        \
	EXPORT_SYMBOL(param_ops_##name)

PARAM_INT_TYPE(byte, u8, "%hhu", kstrtou8);
PARAM_INT_TYPE(short, s16, "%hi", kstrtos16);
PARAM_INT_TYPE(ushort, u16, "%hu", kstrtou16);
PARAM_INT_TYPE(int, int, "%i", kstrtoint);
PARAM_INT_TYPE(uint, unsigned int, "%u", kstrtouint);
PARAM_INT_TYPE(long, long, "%li", kstrtol);
PARAM_INT_TYPE(ulong, unsigned long, "%lu", kstrtoul);
PARAM_INT_TYPE(ullong, unsigned long long, "%llu", kstrtoull);
PARAM_INT_TYPE(hexint, unsigned int, "%#08x", kstrtouint);

/* See module.h. "flag" alone means flag=1. */
int param_set_bool(const char *val, const struct kernel_param *kp)
{
	if (!val)
		val = "1";
	return kstrtobool(val, kp->arg);
}
EXPORT_SYMBOL(param_set_bool);

/* See module.h. */
int param_get_bool(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}
EXPORT_SYMBOL(param_get_bool);

/* See module.h. invbool: the variable holds the opposite of what is given. */
int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool v;
	int err;

	if (!val)
		val = "1";
	err = kstrtobool(val, &v);
	if (!err)
		*(bool *)kp->arg = !v;
	return err;
}
EXPORT_SYMBOL(param_set_invbool);

/* See module.h. */
int param_get_invbool(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%c\n", *(bool *)kp->arg ? 'N' : 'Y');
}
EXPORT_SYMBOL(param_get_invbool);

/* The slot remembering the loader's allocation for kp, or NULL (built-in use). */
static void **alloc_slot(const struct kernel_param *kp)
{
	struct module *mod = kp->mod;

	if (!mod || !mod->kp_alloc || kp < mod->kp || kp >= mod->kp + mod->num_kp)
		return NULL;
	return (void **)&mod->kp_alloc[kp - mod->kp];
}

/*
 * The copy of val a charp takes, or an ERR_PTR. Charp elements of an array
 * are remembered in an array of their own (see param_array_set()), plain
 * charps in their kp_alloc slot.
 */
static char *charp_copy(const char *val)
{
	char *copy;

	if (!val)
		return ERR_PTR(-EINVAL);
	if (strnlen(val, PARAM_CHARP_MAX + 1) > PARAM_CHARP_MAX)
		return ERR_PTR(-ENOSPC);
	copy = kstrdup(val, GFP_KERNEL);
	return copy ? copy : ERR_PTR(-ENOMEM);
}

/* See module.h. */
int param_set_charp(const char *val, const struct kernel_param *kp)
{
	char **slot = (char **)alloc_slot(kp);
	char *copy = charp_copy(val);

	if (IS_ERR(copy))
		return PTR_ERR(copy);
	if (slot) {
		kfree(*slot);
		*slot = copy;
	}
	*(char **)kp->arg = copy;
	return 0;
}
EXPORT_SYMBOL(param_set_charp);

/* See module.h. */
int param_get_charp(char *buf, const struct kernel_param *kp)
{
	const char *s = *(char **)kp->arg;

	return scnprintf(buf, PAGE_SIZE, "%s\n", s ? s : "(null)");
}
EXPORT_SYMBOL(param_get_charp);

/* See module.h. Only for values a param_set_charp() of the caller's own stored. */
void param_free_charp(void *arg)
{
	kfree(*(char **)arg);
	*(char **)arg = NULL;
}
EXPORT_SYMBOL(param_free_charp);

const struct kernel_param_ops param_ops_bool = { param_set_bool, param_get_bool };
const struct kernel_param_ops param_ops_invbool = { param_set_invbool, param_get_invbool };
const struct kernel_param_ops param_ops_charp = { param_set_charp, param_get_charp };
EXPORT_SYMBOL(param_ops_bool);
EXPORT_SYMBOL(param_ops_invbool);
EXPORT_SYMBOL(param_ops_charp);

/* See module.h. A uint in [min, max], else -EINVAL (for a module_param_cb's set). */
int param_set_uint_minmax(const char *val, const struct kernel_param *kp, unsigned int min,
			  unsigned int max)
{
	unsigned int v;
	int err;

	if (!val)
		return -EINVAL;
	err = kstrtouint(val, 0, &v);
	if (err)
		return err;
	if (v < min || v > max)
		return -EINVAL;
	*(unsigned int *)kp->arg = v;
	return 0;
}
EXPORT_SYMBOL(param_set_uint_minmax);

/* See module.h. A bool that, once true, can only be set true again (-EINVAL otherwise). */
int param_set_bool_enable_only(const char *val, const struct kernel_param *kp)
{
	bool v;
	int err;

	if (!val)
		val = "1";
	err = kstrtobool(val, &v);
	if (err)
		return err;
	if (!v && *(bool *)kp->arg)
		return -EINVAL;
	*(bool *)kp->arg = v;
	return 0;
}
EXPORT_SYMBOL(param_set_bool_enable_only);

const struct kernel_param_ops param_ops_bool_enable_only = {
	param_set_bool_enable_only, param_get_bool
};
EXPORT_SYMBOL(param_ops_bool_enable_only);

/* See module.h. module_param_string: too long is -ENOSPC, as Linux. */
int param_set_copystring(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	if (!val)
		return -EINVAL;
	if (strnlen(val, kps->maxlen) >= kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	strlcpy(kps->string, val, kps->maxlen);
	return 0;
}
EXPORT_SYMBOL(param_set_copystring);

/* See module.h. */
int param_get_string(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%s\n", kp->str->string);
}
EXPORT_SYMBOL(param_get_string);

const struct kernel_param_ops param_ops_string = { param_set_copystring, param_get_string };
EXPORT_SYMBOL(param_ops_string);

/*
 * An array's element i as a parameter of the element type (Linux passes
 * the same kind of stand-in to the element ops).
 */
static struct kernel_param array_elem(const struct kernel_param *kp, unsigned int i)
{
	const struct kparam_array *arr = kp->arr;
	struct kernel_param e = { kp->name, NULL, arr->ops, kp->perm, { NULL } };

	e.arg = (char *)arr->elem + (size_t)i * arr->elemsize;
	return e;
}

/*
 * The table remembering a charp array's loader-made copies (allocated on
 * first use), or NULL: for other element types, for a built-in use, or
 * out of memory (then the copy is made and not tracked, as a built-in's).
 */
static char **array_charp_slots(const struct kernel_param *kp)
{
	char ***slot = (char ***)alloc_slot(kp);

	if (!slot || kp->arr->ops != &param_ops_charp)
		return NULL;
	if (!*slot)
		*slot = kcalloc(kp->arr->max, sizeof(char *), GFP_KERNEL);
	return *slot;
}

/*
 * "a,b,c": each element set by the element type's ops, at most max of
 * them (Linux's "can only take N arguments"); *num becomes the count. An
 * empty element is refused for every type but charp and string, as Linux
 * (where the element ops see an empty string).
 */
static int param_array_set(const char *val, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	char **slots = array_charp_slots(kp);
	unsigned int n = 0;
	char buf[PARAM_CHARP_MAX + 1];
	int err;

	if (!val)
		return -EINVAL;
	for (const char *p = val;; n++) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		struct kernel_param e;

		if (n >= arr->max) {
			pr_err("%s: can only take %i arguments\n", kp->name, arr->max);
			return -EINVAL;
		}
		if (len > PARAM_CHARP_MAX)
			return -ENOSPC;
		memcpy(buf, p, len);
		buf[len] = '\0';
		e = array_elem(kp, n);
		err = arr->ops->set(buf, &e);
		if (err)
			return err;
		if (slots) {
			kfree(slots[n]);
			slots[n] = *(char **)e.arg;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	if (arr->num)
		*arr->num = n + 1;
	return 0;
}

/* "a,b,c\n": the elements given (all of them if the module keeps no count). */
static int param_array_get(char *buf, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int n = arr->num ? min(*arr->num, arr->max) : arr->max;
	int off = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct kernel_param e = array_elem(kp, i);
		int len;

		if (i)
			buf[off - 1] = ',';	/* replaces the element's newline */
		len = arr->ops->get(buf + off, &e);
		if (len < 0)
			return len;
		off += len;
		if (off >= (int)PAGE_SIZE - 1)
			break;
	}
	if (!n)
		buf[off++] = '\n';
	buf[off] = '\0';
	return off;
}

const struct kernel_param_ops param_array_ops = { param_array_set, param_array_get };
EXPORT_SYMBOL(param_array_ops);

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
	for (unsigned int i = 0; i < mod->num_kp; i++) {
		const struct kernel_param *kp = &mod->kp[i];

		if (kp->ops == &param_array_ops && kp->arr->ops == &param_ops_charp &&
		    mod->kp_alloc[i]) {
			char **slots = (char **)mod->kp_alloc[i];

			for (unsigned int j = 0; j < kp->arr->max; j++)
				kfree(slots[j]);
		}
		kfree(mod->kp_alloc[i]);
	}
	kfree(mod->kp_alloc);
	mod->kp_alloc = NULL;
}
