/*
 * lm_headers: includes every <linux/...> header Kelp provides, in
 * alphabetical order (so each must bring what it needs), and touches one
 * name from each, the way a module written for Linux would. It is part of
 * the -Werror build test (make linuxmod-check) and loads as a no-op.
 * module_init is written without its ';', as test_klp_kprobe.c does
 * (Linux's macro ends with its own).
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/ftrace.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/kprobes.h>
#include <linux/kref.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/limits.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/livepatch.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/threads.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>

static atomic_t users = ATOMIC_INIT(0);
static DECLARE_COMPLETION(done);
static DEFINE_MUTEX(lock);
static DEFINE_SPINLOCK(spin);
static DECLARE_WAIT_QUEUE_HEAD(wq);
static LIST_HEAD(items);
static struct kobject *kobj;
static struct kref ref;

static void lm_headers_release(struct kref *r)
{
	WARN_ONCE(r != &ref, "lm_headers: wrong kref %p\n", r);
}

/* Every name below must resolve and have Linux's type. */
static int lm_headers_touch(void)
{
	struct task_struct *t = current;
	unsigned long j = jiffies + secs_to_jiffies(1) + usecs_to_jiffies(10);
	umode_t mode = S_IRUGO | S_IWUSR;
	loff_t off = 0;
	pid_t pid = task_pid_nr(t);
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	void *p = kmalloc_array(2, 8, gfp);
	bool later = time_before(jiffies, j);
	struct wait_queue_entry w;
	static struct kprobe kp = { .symbol_name = "cmdline_proc_show" };

	struct lm_flex { int n; u64 v[]; } *fl = kzalloc_flex(*fl, v, 4);
	struct lm_flex *fl2 = kmalloc_obj(struct lm_flex, GFP_ATOMIC);
	u64 *many = kmalloc_objs(*many, SIZE_MAX / 4);	/* overflows: NULL */

	ktime_t t0 = ktime_get(), t1;
	void *v = vzalloc(3 * PAGE_SIZE);
	void *e = ERR_PTR(-ENOENT);

	kfree(p);
	kref_init(&ref);
	kref_get(&ref);
	if (kref_put(&ref, lm_headers_release) || !kref_put(&ref, lm_headers_release))
		return -EINVAL;
	if (!v || ((u8 *)v)[3 * PAGE_SIZE - 1] || PTR_ERR_OR_ZERO(e) != -ENOENT ||
	    PTR_ERR_OR_ZERO(v) || !IS_ERR(ERR_CAST(e)) || WARN_ON(U16_MAX != 65535))
		j = 0;
	vfree(v);
	t1 = ktime_add_ns(t0, 1500000);
	if (ktime_ms_delta(t1, t0) != 1 || ktime_to_us(ms_to_ktime(2)) != 2000 ||
	    ktime_get_ns() < (u64)ktime_to_ns(t0) || !ktime_before(t0, t1) ||
	    ktime_get_seconds() < 0 || LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0))
		j = 0;
	{
		u32 r32;
		u64 r64;

		if (div_u64_rem(10000000007ULL, 10, &r32) != 1000000000ULL || r32 != 7 ||
		    div64_u64_rem(U64_MAX, 1ULL << 32, &r64) != 0xffffffffULL || r64 != 0xffffffffULL ||
		    div_u64(1ULL << 40, 1 << 20) != 1 << 20 || div64_u64(U64_MAX, U64_MAX) != 1 ||
		    div_s64(-9, 2) != -4 || div64_s64(S64_MIN, -S64_MAX) != 1)
			j = 0;
	}
	BUILD_BUG_ON(sizeof(ktime_t) != 8);
	if (!fl || !fl2 || many || fl->v[3] || struct_size(fl, v, 4) != 40 ||
	    size_mul(SIZE_MAX, 2) != SIZE_MAX)
		j = 0;
	kfree(fl);
	kfree(fl2);
	atomic_inc(&users);
	mutex_lock(&lock);
	spin_lock(&spin);
	off += list_empty(&items);
	spin_unlock(&spin);
	mutex_unlock(&lock);
	complete(&done);
	init_wait_entry(&w, 0);
	add_wait_queue(&wq, &w);
	remove_wait_queue(&wq, &w);
	wake_up_all(&wq);
	(void)t->patch_state;
	if (disable_kprobe(&kp) != -EINVAL)	/* not registered */
		return -EINVAL;
	if (!j)
		return -ENOMEM;
	return (int)(mode + off + pid + later + NR_CPUS + jiffies_to_msecs(1) +
		     (kobj != NULL) + min_t(int, 1, 2)) > 0 ? 0 : -EINVAL;
}

static int __init lm_headers_init(void)
{
	return lm_headers_touch();
}

static void __exit lm_headers_exit(void)
{
}

module_init(lm_headers_init)
module_exit(lm_headers_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux-compat test: every <linux/...> header");
