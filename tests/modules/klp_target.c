/*
 * klp_target: a module made to be patched by tools/klp-build's end-to-end
 * fixes (tests/klp-build/). /sys/kernel/klp_target/ has
 *   counter  (ro) "reads: N", N a static local of counter_show (a fix must
 *            keep counting in it, not in a copy);
 *   percent  (rw) a value shown through the static clamp_percent(), which
 *            has a bug on purpose: it clamps at 99 instead of 100;
 *   sleep    (wo) starts the kernel thread "klp-target" blocked in
 *            klp_target_block_here() until 1 is written to release
 *            (a transition patching that function waits for it).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sysfs.h>

static struct kobject *klp_target_kobj;
static int percent_value = 50;
static DECLARE_COMPLETION(klp_target_go);
static DECLARE_COMPLETION(klp_target_done);
static bool klp_target_running;

static ssize_t counter_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	static int reads;

	return sysfs_emit(buf, "reads: %d\n", ++reads);
}

static noinline int clamp_percent(int v)
{
	if (v < 0)
		return 0;
	if (v > 99)		/* the bug: 100 is a valid percentage */
		return 99;
	return v;
}

static ssize_t percent_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", clamp_percent(percent_value));
}

static ssize_t percent_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			     size_t count)
{
	int v = 0, neg = 0;
	size_t i = 0;

	if (i < count && buf[i] == '-')
		neg = 1, i++;
	for (; i < count && buf[i] >= '0' && buf[i] <= '9'; i++)
		v = v * 10 + buf[i] - '0';
	percent_value = neg ? -v : v;
	return count;
}

/* Where the thread sleeps: a patch of this function must wait for it. */
static noinline void klp_target_block_here(void)
{
	wait_for_completion(&klp_target_go);
}

static int klp_target_thread(void *unused)
{
	klp_target_block_here();
	pr_info("thread released\n");
	complete(&klp_target_done);
	return 0;
}

static ssize_t sleep_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	struct task *t;

	if (klp_target_running)
		return -EBUSY;
	t = kthread_run(klp_target_thread, NULL, "klp-target");
	if (IS_ERR(t))
		return PTR_ERR(t);
	klp_target_running = true;
	return count;
}

static ssize_t release_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			     size_t count)
{
	if (!klp_target_running)
		return -EINVAL;
	complete(&klp_target_go);
	wait_for_completion(&klp_target_done);
	klp_target_running = false;
	return count;
}

static struct kobj_attribute counter_attr = __ATTR_RO(counter);
static struct kobj_attribute percent_attr = __ATTR_RW(percent);
static struct kobj_attribute sleep_attr = __ATTR_WO(sleep);
static struct kobj_attribute release_attr = __ATTR_WO(release);

static struct attribute *klp_target_attrs[] = {
	&counter_attr.attr, &percent_attr.attr, &sleep_attr.attr, &release_attr.attr, NULL,
};

static const struct attribute_group klp_target_group = { .attrs = klp_target_attrs };

static int klp_target_init(void)
{
	int err;

	klp_target_kobj = kobject_create_and_add("klp_target", kernel_kobj);
	if (!klp_target_kobj)
		return -ENOMEM;
	err = sysfs_create_group(klp_target_kobj, &klp_target_group);
	if (err)
		kobject_put(klp_target_kobj);
	return err;
}

static void klp_target_exit(void)
{
	if (klp_target_running) {
		complete(&klp_target_go);
		wait_for_completion(&klp_target_done);
	}
	kobject_put(klp_target_kobj);
}

module_init(klp_target_init);
module_exit(klp_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A module for tools/klp-build's end-to-end fixes");
