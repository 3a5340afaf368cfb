/*
 * libFuzzer target for module parameters (kernel/module/params.c): the
 * insmod argument string (module_parse_args) and sysfs stores reach the
 * standard types' set functions, the string copier and the array parser
 * with text a user chose. The input is split at the first 0xff byte: the
 * first part is the insmod line, the second is stored into each
 * parameter as /sys/module/NAME/parameters/P would. Checked: no crash,
 * set returns 0 or a negative errno, every get writes a NUL-terminated
 * text shorter than a page ending in a newline, an array's count never
 * exceeds its size, the string parameter stays within its buffer, and
 * module_free_params() gives back every copy the loader made.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/kstrto.c"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"

char *kstrdup(const char *s, gfp_t flags)
{
	size_t n = kelp_strlen(s) + 1;
	char *d = kmalloc(n, flags);

	if (d)
		kelp_memcpy(d, s, n);
	return d;
}

#include "../../kernel/module/params.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static unsigned char v_byte;
static short v_short;
static unsigned short v_ushort;
static int v_int;
static unsigned int v_uint, v_hexint;
static long v_long;
static unsigned long v_ulong;
static unsigned long long v_ullong;
static char *v_charp;
static bool v_bool, v_invbool;
static char v_string[8];
static char guard[8];		/* must stay zero: v_string's copy stops before it */
static int v_ints[4];
static unsigned int n_ints;
static char *v_names[3];
static unsigned int n_names;

static const struct kparam_string s_string = { sizeof(v_string), v_string };
static const struct kparam_array a_ints = { 4, sizeof(int), &n_ints, &param_ops_int, v_ints };
static const struct kparam_array a_names = { 3, sizeof(char *), &n_names, &param_ops_charp, v_names };

static struct module mod;
static struct kernel_param kps[] = {
	{ "byte", &mod, &param_ops_byte, 0644, { &v_byte } },
	{ "short", &mod, &param_ops_short, 0644, { &v_short } },
	{ "ushort", &mod, &param_ops_ushort, 0644, { &v_ushort } },
	{ "int", &mod, &param_ops_int, 0644, { &v_int } },
	{ "uint", &mod, &param_ops_uint, 0644, { &v_uint } },
	{ "long", &mod, &param_ops_long, 0644, { &v_long } },
	{ "ulong", &mod, &param_ops_ulong, 0644, { &v_ulong } },
	{ "ullong", &mod, &param_ops_ullong, 0644, { &v_ullong } },
	{ "hexint", &mod, &param_ops_hexint, 0644, { &v_hexint } },
	{ "charp", &mod, &param_ops_charp, 0644, { &v_charp } },
	{ "bool", &mod, &param_ops_bool, 0644, { &v_bool } },
	{ "invbool", &mod, &param_ops_invbool, 0644, { &v_invbool } },
	{ "string", &mod, &param_ops_string, 0644, { (void *)&s_string } },
	{ "ints", &mod, &param_array_ops, 0644, { (void *)&a_ints } },
	{ "names", &mod, &param_array_ops, 0644, { (void *)&a_names } },
};

static void check_get(const struct kernel_param *kp)
{
	static char page[PAGE_SIZE];
	int n;

	kelp_memset(page, 0x55, sizeof(page));
	n = kp->ops->get(page, kp);
	CHECK(n > 0 && n < (int)PAGE_SIZE);
	CHECK(page[n] == '\0' && page[n - 1] == '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *args, *store;
	size_t cut = 0, rest;
	long base = host_live_allocs();
	int err;

	while (cut < size && data[cut] != 0xff)
		cut++;
	rest = cut < size ? size - cut - 1 : 0;	/* after the 0xff */
	args = malloc(cut + 1);
	store = malloc(rest + 1);
	kelp_memcpy(args, data, cut);
	args[cut] = '\0';
	kelp_memcpy(store, data + size - rest, rest);
	store[rest] = '\0';

	kelp_memset(&mod, 0, sizeof(mod));
	kelp_strlcpy(mod.name, "fuzz", sizeof(mod.name));
	mod.kp = kps;
	mod.num_kp = ARRAY_SIZE(kps);
	mod.kp_alloc = kcalloc(mod.num_kp, sizeof(char *), GFP_KERNEL);
	v_charp = NULL;
	kelp_memset(v_names, 0, sizeof(v_names));
	n_ints = n_names = 0;

	err = module_parse_args(&mod, args);
	CHECK(err <= 0);
	for (size_t i = 0; i < ARRAY_SIZE(kps); i++) {
		err = kps[i].ops->set(store, &kps[i]);
		CHECK(err <= 0 && err >= -4095);
		if (i != 9 || v_charp)		/* a charp never set reads "(null)": fine too */
			check_get(&kps[i]);
	}
	CHECK(n_ints <= 4 && n_names <= 3);
	CHECK(kelp_strnlen(v_string, sizeof(v_string)) < sizeof(v_string));
	for (size_t i = 0; i < sizeof(guard); i++)
		CHECK(guard[i] == 0);
	module_free_params(&mod);
	CHECK(host_live_allocs() == base);
	free(args);
	free(store);
	return 0;
}
