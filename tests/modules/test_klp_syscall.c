/*
 * test_klp_syscall: Kelp's version of Linux's selftest module of the same
 * name (tools/testing/selftests/livepatch/test_modules). It live-patches
 * the getpid system call handler, __x64_sys_getpid; the new handler takes
 * each calling process listed in the klp_pids parameter off the list the
 * first time it runs, so /sys/kernel/test_klp_syscall/npids counts the
 * processes that have not yet run the patched code. Kelp has no array
 * parameters: klp_pids is a comma-separated string, parsed at load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#define MAX_PIDS 128

static char *klp_pids;
module_param(klp_pids, charp, 0400);
MODULE_PARM_DESC(klp_pids, "comma-separated pids of the processes to wait for");

static int pids[MAX_PIDS];
static int npids;		/* written by the patched getpid, read by npids_show */
static struct kobject *klp_kobj;

/* The new getpid: first call of a listed process takes it off the list. */
static long lp_x64_sys_getpid(const void *regs)
{
	int me = current->pid;

	for (int i = 0; i < MAX_PIDS; i++) {
		if (pids[i] == me &&
		    __atomic_compare_exchange_n(&pids[i], &me, 0, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			__atomic_fetch_sub(&npids, 1, __ATOMIC_SEQ_CST);
			break;
		}
	}
	return current->pid;
}

static ssize_t npids_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", __atomic_load_n(&npids, __ATOMIC_SEQ_CST));
}

static struct kobj_attribute npids_attr = __ATTR_RO(npids);

static struct klp_func funcs[] = {
	{ .old_name = "__x64_sys_getpid", .new_func = lp_x64_sys_getpid },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs },	/* NULL name: vmlinux */
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

/* Parses "1,2,3" into pids[]; returns 0 or -EINVAL. */
static int parse_pids(const char *s)
{
	char word[16];

	while (s && *s) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		int pid;

		if (len == 0 || len >= sizeof(word) || npids == MAX_PIDS)
			return -EINVAL;
		memcpy(word, s, len);
		word[len] = '\0';
		if (kstrtoint(word, 10, &pid) || pid <= 0)
			return -EINVAL;
		pids[npids++] = pid;
		s = end ? end + 1 : NULL;
	}
	return 0;
}

static int test_klp_syscall_init(void)
{
	int ret = parse_pids(klp_pids);

	if (ret)
		return ret;
	klp_kobj = kobject_create_and_add("test_klp_syscall", kernel_kobj);
	if (!klp_kobj)
		return -ENOMEM;
	ret = sysfs_create_file(klp_kobj, &npids_attr.attr);
	if (!ret)
		ret = klp_enable_patch(&patch);
	if (ret)
		kobject_put(klp_kobj);
	return ret;
}

static void test_klp_syscall_exit(void)
{
	kobject_put(klp_kobj);
}

module_init(test_klp_syscall_init);
module_exit(test_klp_syscall_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("Livepatch test: getpid system call");
