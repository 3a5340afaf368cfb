/*
 * test_klp_kprobe: Kelp's version of Linux's selftest module of the same
 * name (tools/testing/selftests/livepatch/test_modules/). It puts a kprobe
 * on cmdline_proc_show(), with a post_handler unless has_post_handler=0:
 * with one, the probe is an IPMODIFY user of the function's fentry site,
 * so it and test_klp_livepatch cannot both be there (-EBUSY whichever
 * comes second). symbol= probes another function (Kelp's addition, to
 * probe a module's). Used by tests/qemu/livepatch_kprobe.t (test-kprobe.sh).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/kprobes.h>

static bool has_post_handler = true;
module_param(has_post_handler, bool, 0444);

/* Kelp's addition: the function to probe ("MODULE:SYMBOL" for a module's). */
static char *symbol = "cmdline_proc_show";
module_param(symbol, charp, 0444);

static void __kprobes post_handler(struct kprobe *p, struct pt_regs *regs, unsigned long flags)
{
}

static struct kprobe kp;

static int __init kprobe_init(void)
{
	kp.symbol_name = symbol;
	if (has_post_handler)
		kp.post_handler = post_handler;
	return register_kprobe(&kp);
}

static void __exit kprobe_exit(void)
{
	unregister_kprobe(&kp);
}

module_init(kprobe_init);
module_exit(kprobe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Livepatch test: kprobe function");
