/*
 * lm_string: a module written as for Linux that calls the string, parsing
 * and allocation helpers Kelp exports under Linux's names (strscpy,
 * strsep, strim, sysfs_streq, match_string, simple_strtoul, kstrtou8,
 * kstrdup_const, kmemdup, kasprintf, round_jiffies_up, sprintf) and checks
 * each result. It prints one line per failed check and a summary; the
 * linuxmod_apis scenario expects "12 checks, 0 failed".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/jiffies.h>

static int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		pr_err("check failed: %s\n", what);
	}
}

static int __init lm_string_init(void)
{
	static const char *const modes[] = { "off", "on", "auto" };
	char buf[8], line[] = "  a,b  ", *p = line, *tok;
	const char *c;
	unsigned long j;
	char *d;
	u8 v8;

	check(strscpy(buf, "toolongvalue") == -E2BIG && !strcmp(buf, "toolong"), "strscpy truncates");
	check(strscpy(buf, "ok", sizeof(buf)) == 2, "strscpy copies");
	tok = strsep(&p, ",");
	check(!strcmp(tok, "  a") && !strcmp(p, "b  "), "strsep");
	check(!strcmp(strim(p), "b"), "strim");
	check(sysfs_streq("on\n", "on") && !sysfs_streq("on", "o"), "sysfs_streq");
	check(match_string(modes, ARRAY_SIZE(modes), "auto") == 2 &&
	      __sysfs_match_string(modes, ARRAY_SIZE(modes), "x") == -EINVAL, "match_string");
	check(simple_strtoul("0x1fz", &d, 0) == 0x1f && *d == 'z', "simple_strtoul");
	check(kstrtou8("256", 0, &v8) == -ERANGE && !kstrtou8("255", 0, &v8) && v8 == 255, "kstrtou8");
	c = kstrdup_const("const", GFP_KERNEL);
	check(c && !strcmp(c, "const"), "kstrdup_const");
	kfree_const(c);
	d = kmemdup("abc", 4, GFP_KERNEL);
	check(d && !strcmp(d, "abc"), "kmemdup");
	kfree(d);
	d = kasprintf(GFP_KERNEL, "%s-%d", "x", 7);
	check(d && !strcmp(d, "x-7") && sprintf(buf, "%d", 42) == 2, "kasprintf and sprintf");
	kfree(d);
	j = round_jiffies_up(jiffies + 1);
	check(j % HZ == 0 || time_after(jiffies + 2, j), "round_jiffies_up");
	pr_info("%d checks, %d failed\n", checks, failed);
	return 0;
}

static void __exit lm_string_exit(void)
{
}

module_init(lm_string_init);
module_exit(lm_string_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: string and allocation helpers");
