/*
 * test_klp_nanosleep: live-patches the nanosleep system call handler,
 * __x64_sys_nanosleep. A process asleep in the old handler when the patch
 * is enabled stalls the transition (the handler is on its stack) until
 * livepatch's fake signal wakes it; the interrupted call must then be
 * restarted, not fail with EINTR: it leaves the kernel (switching patch
 * state on the way), comes back through restart_syscall and sleeps on to
 * its deadline in the old code. New calls run the new handler, which
 * sleeps the same way (uninterruptibly, in 10 ms steps: a kill acts when
 * it returns) and counts its calls in /sys/kernel/test_klp_nanosleep/ncalls.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>

struct lp_timespec {
	s64 tv_sec, tv_nsec;
};

static int ncalls;		/* written by the new handler, read by ncalls_show */
static struct kobject *klp_kobj;

static long lp_x64_sys_nanosleep(const struct pt_regs *regs)
{
	struct lp_timespec ts;
	u64 end;

	if (copy_from_user(&ts, (const void __user *)regs->di, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec > 100000)
		ts.tv_sec = 100000;
	__atomic_fetch_add(&ncalls, 1, __ATOMIC_SEQ_CST);
	end = ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	while (ktime_get_ns() < end)
		msleep(10);
	return 0;
}

static ssize_t ncalls_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", __atomic_load_n(&ncalls, __ATOMIC_SEQ_CST));
}

static struct kobj_attribute ncalls_attr = __ATTR_RO(ncalls);

static struct klp_func funcs[] = {
	{ .old_name = "__x64_sys_nanosleep", .new_func = lp_x64_sys_nanosleep },
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

static int test_klp_nanosleep_init(void)
{
	int ret;

	klp_kobj = kobject_create_and_add("test_klp_nanosleep", kernel_kobj);
	if (!klp_kobj)
		return -ENOMEM;
	ret = sysfs_create_file(klp_kobj, &ncalls_attr.attr);
	if (!ret)
		ret = klp_enable_patch(&patch);
	if (ret)
		kobject_put(klp_kobj);
	return ret;
}

static void test_klp_nanosleep_exit(void)
{
	kobject_put(klp_kobj);
}

module_init(test_klp_nanosleep_init);
module_exit(test_klp_nanosleep_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("Livepatch test: nanosleep restarted after the fake signal");
