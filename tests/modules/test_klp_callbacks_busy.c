/*
 * test_klp_callbacks_busy: Kelp's version of Linux's selftest target
 * module of the same name. Its init starts a work item and waits until
 * it runs; with block_transition=Y the item stays in busymod_work_func
 * (sleeping 20 ms at a time) until the parameter is cleared or the module
 * is removed, so a patch of busymod_work_func stalls its transition.
 * The item runs on the system workqueue, as in Linux; Kelp's has a single
 * worker, which is why livepatch's own work runs on its klp_wq.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/delay.h>

static bool block_transition;
module_param(block_transition, bool, 0644);
MODULE_PARM_DESC(block_transition, "block_transition (default=false)");

static void busymod_work_func(struct work_struct *work);
static DECLARE_WORK(work, busymod_work_func);
static DECLARE_COMPLETION(busymod_work_started);

static void busymod_work_func(struct work_struct *work)
{
	pr_info("%s enter\n", __func__);
	complete(&busymod_work_started);
	while (READ_ONCE(block_transition))
		msleep(20);	/* the transition sees this function on the stack */
	pr_info("%s exit\n", __func__);
}

static int test_klp_callbacks_busy_init(void)
{
	pr_info("%s\n", __func__);
	schedule_work(&work);
	/* the "enter" line comes before insmod returns, as in Linux */
	wait_for_completion(&busymod_work_started);
	return 0;
}

static void test_klp_callbacks_busy_exit(void)
{
	WRITE_ONCE(block_transition, false);
	flush_work(&work);
	pr_info("%s\n", __func__);
}

module_init(test_klp_callbacks_busy_init);
module_exit(test_klp_callbacks_busy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Livepatch test: busy target module");
