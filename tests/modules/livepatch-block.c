/*
 * livepatch-block: patches workload_block_here() of the workload test
 * module (tests/modules/workload.c), the function `workload block N`
 * threads sleep in; its klp_object names that module, so the patch also
 * applies when workload is loaded after it. With such a thread blocked, the
 * transition stalls (transition reads 1, ps shows the thread at PATCH 0)
 * until the thread is released, the transition is reversed, or the
 * operator forces it (echo 1 > force), after which this module can never
 * be removed.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/completion.h>

static void livepatch_workload_block_here(struct completion *go)
{
	wait_for_completion(go);
}

static struct klp_func funcs[] = {
	{ .old_name = "workload_block_here", .new_func = livepatch_workload_block_here }, { }
};

static struct klp_object objs[] = {
	{ .name = "workload", .funcs = funcs }, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int livepatch_block_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_block_exit(void)
{
}

module_init(livepatch_block_init);
module_exit(livepatch_block_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
