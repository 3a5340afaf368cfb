/*
 * lm_params: a module written as for Linux that declares one parameter of
 * every standard module_param type, a string, two arrays and a
 * module_param_cb, and prints them all at load. The linuxmod_params
 * scenario sets them on the insmod line and through
 * /sys/module/lm_params/parameters/, and checks Linux's text forms.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/stat.h>

static unsigned char p_byte = 1;
static short p_short = -2;
static unsigned short p_ushort = 3;
static int p_int = -4;
static unsigned int p_uint = 5;
static long p_long = -6;
static unsigned long p_ulong = 7;
static unsigned long long p_ullong = 8;
static unsigned int p_hexint = 0x9;
static char *p_charp = "ten";
static bool p_bool = true;
static bool p_invbool;
static char p_string[8] = "str";
static int p_ints[4] = { 1, 2 };
static unsigned int n_ints = 2;
static char *p_names[3];
static unsigned int n_names;
static int p_even;

module_param(p_byte, byte, 0644);
module_param(p_short, short, 0644);
module_param(p_ushort, ushort, 0644);
module_param(p_int, int, 0644);
module_param(p_uint, uint, 0644);
module_param(p_long, long, 0644);
module_param(p_ulong, ulong, 0644);
module_param(p_ullong, ullong, 0644);
module_param(p_hexint, hexint, 0644);
module_param(p_charp, charp, 0644);
module_param(p_bool, bool, 0644);
module_param(p_invbool, invbool, 0644);
module_param_string(p_string, p_string, sizeof(p_string), 0644);
module_param_array(p_ints, int, &n_ints, 0644);
module_param_array(p_names, charp, &n_names, S_IRUGO | S_IWUSR);
MODULE_PARM_DESC(p_ints, "up to four ints");

/* A _cb parameter: only even ints, stored with the exported int setter. */
static int even_set(const char *val, const struct kernel_param *kp)
{
	int v, err = kstrtoint(val, 0, &v);

	if (err)
		return err;
	if (v % 2)
		return -EINVAL;
	return param_set_int(val, kp);
}

static const struct kernel_param_ops even_ops = {
	.set = even_set,
	.get = param_get_int,
};
module_param_cb(p_even, &even_ops, &p_even, 0644);

static int __init lm_params_init(void)
{
	pr_info("byte=%u short=%d ushort=%u int=%d uint=%u long=%ld ulong=%lu ullong=%llu hexint=%#x\n",
		p_byte, p_short, p_ushort, p_int, p_uint, p_long, p_ulong, p_ullong, p_hexint);
	pr_info("charp=%s bool=%d invbool=%d string=%s even=%d\n", p_charp, p_bool, p_invbool,
		p_string, p_even);
	pr_info("ints: %u given, [%d,%d,%d,%d]; names: %u given, first %s\n", n_ints, p_ints[0],
		p_ints[1], p_ints[2], p_ints[3], n_names, n_names ? p_names[0] : "-");
	return 0;
}

static void __exit lm_params_exit(void)
{
	pr_info("unloaded\n");
}

module_init(lm_params_init);
module_exit(lm_params_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: every module_param type");
