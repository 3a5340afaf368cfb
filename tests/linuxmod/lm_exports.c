/*
 * lm_exports: a module written as for Linux that calls the exports Kelp
 * gained after the audit of issue 17 (workqueue: cancel_work,
 * drain_workqueue, work_busy, current_work, execute_in_process_context,
 * workqueue_congested; timers: mod_timer_pending, timer_reduce,
 * try_to_del_timer_sync, timer_shutdown(_sync); ktime_get_real_ts64,
 * ktime_get_with_offset; sscanf, memset16/32/64, kstrtoint_from_user,
 * strnlen_user; printk_ratelimit, oops_in_progress, kernel_param_lock;
 * kobject_get_path, kset_find_obj, kobject_get_unless_zero, sysfs_notify;
 * seq_pad and seq_hex_dump in /proc/lm_exports_pad; symbol_get) and
 * checks each result. It prints one line per failed check and a summary;
 * the linuxmod_apis scenario expects "N checks, 0 failed".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/uaccess.h>
#include <linux/kobject.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/livepatch.h>

static int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		pr_err("check failed: %s\n", what);
	}
}

static struct workqueue_struct *lm_wq;
static atomic_t chain_left = ATOMIC_INIT(0);
static int chain_runs, seen_self, ran_now;

/* Re-queues itself until chain_left runs out: drain_workqueue must wait for all. */
static void chain_fn(struct work_struct *w)
{
	chain_runs++;
	seen_self += current_work() == w;
	msleep(2);
	if (atomic_dec_return(&chain_left) > 0)
		queue_work(lm_wq, w);
}
static DECLARE_WORK(chain_work, chain_fn);

static void idle_fn(struct work_struct *w)
{
}
static DECLARE_WORK(idle_work, idle_fn);

static void now_fn(struct work_struct *w)
{
	ran_now++;
}

static int timer_runs;
static void lm_timer_fn(struct timer_list *t)
{
	timer_runs++;
}

static void check_workqueue(void)
{
	struct execute_work ew;

	lm_wq = alloc_workqueue("lm_exports", 0, 0);
	check(lm_wq != NULL, "alloc_workqueue");
	if (!lm_wq)
		return;
	workqueue_set_max_active(lm_wq, 4);
	atomic_set(&chain_left, 5);
	queue_work(lm_wq, &chain_work);
	check(work_busy(&chain_work) != 0, "work_busy of a queued item");
	drain_workqueue(lm_wq);
	check(chain_runs == 5 && seen_self == 5, "drain_workqueue waits for re-queued items");
	check(!workqueue_congested(WORK_CPU_UNBOUND, lm_wq) && !work_busy(&chain_work),
	      "idle after the drain");
	check(current_work() == NULL, "current_work outside a worker");
	check(execute_in_process_context(now_fn, &ew) == 0 && ran_now == 1,
	      "execute_in_process_context runs now in task context");
	check(!cancel_work(&idle_work), "cancel_work of an idle item");
	destroy_workqueue(lm_wq);
}

static void check_timers(void)
{
	struct timer_list t;

	timer_setup(&t, lm_timer_fn, 0);
	check(mod_timer_pending(&t, jiffies + HZ) == 0 && !timer_pending(&t),
	      "mod_timer_pending leaves an idle timer alone");
	mod_timer(&t, jiffies + 10 * HZ);
	check(timer_reduce(&t, jiffies + 20 * HZ) == 1 && time_after(t.expires, jiffies + 9 * HZ) &&
	      time_before(t.expires, jiffies + 11 * HZ), "timer_reduce keeps the earlier expiry");
	check(timer_reduce(&t, jiffies + 1) == 1 && time_before(t.expires, jiffies + 2),
	      "timer_reduce moves it earlier");
	msleep(30);
	check(timer_runs == 1, "the reduced timer fired");
	mod_timer(&t, jiffies + HZ);
	check(try_to_del_timer_sync(&t) == 1 && !timer_pending(&t), "try_to_del_timer_sync");
	mod_timer(&t, jiffies + HZ);
	check(timer_shutdown_sync(&t) == 1, "timer_shutdown_sync of a pending timer");
	mod_timer(&t, jiffies + 1);
	add_timer(&t);
	check(!timer_pending(&t), "a shut down timer cannot be armed again");
	msleep(20);
	check(timer_runs == 1, "and never fires");
	check(timer_shutdown(&t) == 0, "timer_shutdown of an idle timer");
}

static void check_strings(void)
{
	char name[16], rest[16];
	int a = 0, b = 0, n = 0;
	unsigned int x = 0;
	u16 w16[3];
	u32 w32[3];
	u64 w64[3];
	struct timespec64 ts;

	check(sscanf("lm 12 0x1f", "%15s %d %x", name, &a, &x) == 3 && !strcmp(name, "lm") &&
	      a == 12 && x == 0x1f, "sscanf");
	check(sscanf("key=val,7", "key=%15[^,],%d%n", rest, &b, &n) == 2 && !strcmp(rest, "val") &&
	      b == 7 && n == 9, "sscanf %[ and %n");
	check(sscanf("abc", "%d", &a) == 0, "sscanf mismatch");
	memset16(w16, 0xbeef, 2);
	memset32(w32, 0xdeadbeef, 2);
	memset64(w64, 0x0123456789abcdefULL, 2);
	w16[2] = 0;
	w32[2] = 0;
	w64[2] = 0;
	check(w16[1] == 0xbeef && w32[1] == 0xdeadbeef && w64[1] == 0x0123456789abcdefULL &&
	      !w16[2] && !w32[2] && !w64[2], "memset16/32/64");
	check(kstrtoint_from_user((const char __user *)0x10, 4, 10, &a) == -EFAULT,
	      "kstrtoint_from_user: bad pointer");
	check(strnlen_user((const char __user *)0x10, 8) == 0, "strnlen_user: bad pointer");
	ktime_get_real_ts64(&ts);
	check(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < NSEC_PER_SEC &&
	      ktime_get_with_offset(TK_OFFS_BOOT) > 0, "ktime_get_real_ts64, ktime_get_with_offset");
}

/* kobject_get_path, kset_find_obj, kobject_get_unless_zero, sysfs_notify; seq_pad via procfs. */
static int lm_pad_show(struct seq_file *m, void *v)
{
	seq_setwidth(m, 8);
	seq_puts(m, "ab");
	seq_pad(m, '|');
	seq_puts(m, "\n");
	seq_hex_dump(m, "hex: ", DUMP_PREFIX_OFFSET, 16, 1, "Kelp", 4, true);
	return 0;
}

static void lm_release(struct kobject *kobj)
{
	kfree(kobj);
}

static const struct kobj_type lm_ktype = {
	.release = lm_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

static void check_kobjects(void)
{
	struct kset *set = kset_create_and_add("lm_exports_set", NULL, kernel_kobj);
	struct kobject *a, *m, *found;
	char *path;

	check(set != NULL, "kset_create_and_add");
	if (!set)
		return;
	a = kobject_create_and_add("lm_a", &set->kobj);
	check(a != NULL, "kobject_create_and_add");
	/* a's kset is not set (kobject_create_and_add): kset_find_obj sees only members */
	found = kset_find_obj(set, "lm_a");
	check(found == NULL, "kset_find_obj: not a member");
	kobject_put(found);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (m)
		m->kset = set;		/* a member: kobject_add puts it on the kset's list */
	check(m && !kobject_init_and_add(m, &lm_ktype, NULL, "lm_m"), "a kset member");
	found = kset_find_obj(set, "lm_m");
	check(found && found == m, "kset_find_obj finds a member");
	kobject_put(found);
	kobject_put(m);
	path = a ? kobject_get_path(a, GFP_KERNEL) : NULL;
	check(path && !strcmp(path, "/kernel/lm_exports_set/lm_a"), "kobject_get_path");
	kfree(path);
	check(kobject_get_unless_zero(a) == a, "kobject_get_unless_zero");
	kobject_put(a);
	sysfs_notify(a, NULL, "x");
	kobject_put(a);
	kset_unregister(set);
	check(proc_create_single("lm_exports_pad", 0444, NULL, lm_pad_show) != NULL,
	      "proc_create_single for seq_pad");
}

/* The shared printk_ratelimit() budget is 10 per 5 s: calls 11 and 12 are refused. */
static void check_printk(void)
{
	int ok = 0;

	for (int i = 0; i < 10; i++)
		ok += printk_ratelimit() != 0;
	check(!printk_ratelimit() && !printk_ratelimit() && ok <= 10, "printk_ratelimit");
	kernel_param_lock(THIS_MODULE);
	check(!oops_in_progress, "oops_in_progress");
	kernel_param_unlock(THIS_MODULE);
}

/* symbol_get: GPL-only exports only (Linux 6.6+), the kernel's need no reference. */
static void check_symbol_get(void)
{
	int (*en)(struct klp_patch *) = symbol_get(klp_enable_patch);

	check(en == klp_enable_patch, "symbol_get of a GPL-only export");
	if (en)
		symbol_put(klp_enable_patch);
	check(__symbol_get("kmalloc") == NULL, "symbol_get of a plain export fails");
	check(__symbol_get("no_such_symbol_here") == NULL, "symbol_get of nothing");
	symbol_put_addr((void *)kfree);	/* the kernel's: nothing to drop */
}

static int __init lm_exports_init(void)
{
	check_workqueue();
	check_timers();
	check_strings();
	check_printk();
	check_kobjects();
	check_symbol_get();
	pr_info("%d checks, %d failed\n", checks, failed);
	return 0;
}

static void __exit lm_exports_exit(void)
{
	remove_proc_entry("lm_exports_pad", NULL);
}

module_init(lm_exports_init);
module_exit(lm_exports_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: exports added by the issue 17 audit");
