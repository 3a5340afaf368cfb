/*
 * workload: test threads for the scheduler and live patching scenarios,
 * driven through write-only module parameters (the `workload` program,
 * userland/bin/workload.c, writes them):
 *   /sys/module/workload/parameters/sleep   N threads sleeping in workload_sleep_here()
 *   .../spin     N threads spinning through workload_spin_here()
 *   .../block    N threads blocked in workload_block_here() until release
 *   .../release  lets the blocked threads go
 *   .../stop     releases and stops every thread
 *   .../overflow one thread recursing into its stack's guard page
 *   .../threads  (read) how many run
 * The functions are global and noinline so that patches (livepatch-block.c,
 * whose klp_object names this module) and stack traces can name them.
 * workload_mutex guards the thread list. Unloading stops every thread.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <kelp/kstrto.h>

#define WORKLOAD_MAX 2000	/* threads at once, all kinds */

struct wl_thread {
	struct list_head node;
	struct task *task;
	struct completion go;		/* block threads wait for it */
};

static DEFINE_MUTEX(workload_mutex);
static LIST_HEAD(workload_threads);
static unsigned int workload_count;
static bool workload_ready;		/* init has run: parameters act */
volatile unsigned long workload_spin_count;

/* One sleep of 100 ms; the trace of a sleeping worker goes through here. */
noinline void workload_sleep_here(void)
{
	schedule_timeout_interruptible(msecs_to_jiffies(100));
}

/* A little CPU work; spinning workers call it in a loop. */
noinline void workload_spin_here(void)
{
	for (int i = 0; i < 1000; i++)
		cpu_relax();
	workload_spin_count++;
}

/* Blocks until release (or stop) completes go. */
noinline void workload_block_here(struct completion *go)
{
	wait_for_completion(go);
}

static int workload_sleep_fn(void *unused)
{
	while (!kthread_should_stop())
		workload_sleep_here();
	return 0;
}

static int workload_spin_fn(void *unused)
{
	while (!kthread_should_stop())
		workload_spin_here();
	return 0;
}

static int workload_block_fn(void *data)
{
	struct wl_thread *w = data;

	workload_block_here(&w->go);
	while (!kthread_should_stop())		/* released: wait to be reaped */
		schedule_timeout_interruptible(MAX_SCHEDULE_TIMEOUT);
	return 0;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winfinite-recursion"
/* Each level eats 1 KiB of stack until the guard page stops it. */
noinline unsigned long workload_overflow_recurse(unsigned long depth)
{
	volatile char pad[1024];

	pad[0] = depth;
	return workload_overflow_recurse(depth + 1) + pad[0];
}
#pragma GCC diagnostic pop

static int workload_overflow_fn(void *unused)
{
	return workload_overflow_recurse(0);
}

/* Starts n threads of fn; workload_mutex held. Returns 0 or a negative errno. */
static int workload_start(int (*fn)(void *), const char *kind, unsigned int n)
{
	if (workload_count + n > WORKLOAD_MAX)
		return -ENOSPC;
	for (unsigned int i = 0; i < n; i++) {
		struct wl_thread *w = kzalloc(sizeof(*w), GFP_KERNEL);

		if (!w)
			return -ENOMEM;
		init_completion(&w->go);
		w->task = kthread_create(fn, w, "wl-%s/%u", kind, workload_count);
		if (IS_ERR(w->task)) {
			int err = PTR_ERR(w->task);

			kfree(w);
			return err;
		}
		list_add_tail(&w->node, &workload_threads);
		workload_count++;
		wake_up_process(w->task);
	}
	return 0;
}

/* Lets every blocked thread go; workload_mutex held. */
static void workload_release(void)
{
	struct wl_thread *w;

	list_for_each_entry(w, &workload_threads, node)
		complete_all(&w->go);
}

/* Releases the blocked threads and stops every workload thread; mutex held. */
static void workload_stop_all(void)
{
	struct wl_thread *w, *n;

	workload_release();
	list_for_each_entry_safe(w, n, &workload_threads, node) {
		kthread_stop(w->task);
		list_del(&w->node);
		kfree(w);
	}
	workload_count = 0;
}

enum wl_op { WL_SLEEP, WL_SPIN, WL_BLOCK, WL_OVERFLOW, WL_RELEASE, WL_STOP };

static const struct {
	const char *kind;
	int (*fn)(void *);
} workload_kinds[] = {
	[WL_SLEEP] = { "sleep", workload_sleep_fn },
	[WL_SPIN] = { "spin", workload_spin_fn },
	[WL_BLOCK] = { "block", workload_block_fn },
	[WL_OVERFLOW] = { "overflow", workload_overflow_fn },
};

/*
 * A store to one of the parameters (kp->arg holds its enum wl_op). The
 * thread kinds take a count, 1..WORKLOAD_MAX (overflow: any value, one
 * thread); -EINVAL if bad, -ENOSPC past WORKLOAD_MAX threads in all.
 * Refused while the module is being loaded: threads running module code
 * must not outlive a failed load.
 */
static int workload_param_set(const char *val, const struct kernel_param *kp)
{
	enum wl_op op = (enum wl_op)(unsigned long)kp->arg;
	unsigned int n = 1;
	int err = 0;

	if (!READ_ONCE(workload_ready))
		return -EINVAL;
	if (op <= WL_BLOCK && (!val || kstrtouint(val, 10, &n) || n < 1 || n > WORKLOAD_MAX))
		return -EINVAL;
	mutex_lock(&workload_mutex);
	if (op == WL_RELEASE)
		workload_release();
	else if (op == WL_STOP)
		workload_stop_all();
	else
		err = workload_start(workload_kinds[op].fn, workload_kinds[op].kind, n);
	mutex_unlock(&workload_mutex);
	return err;
}

static int workload_threads_get(char *buf, const struct kernel_param *kp)
{
	return snprintf(buf, 16, "%u\n", READ_ONCE(workload_count));
}

static const struct kernel_param_ops workload_op_ops = { .set = workload_param_set };
static const struct kernel_param_ops workload_count_ops = { .get = workload_threads_get };

module_param_cb(sleep, &workload_op_ops, (void *)WL_SLEEP, 0200);
module_param_cb(spin, &workload_op_ops, (void *)WL_SPIN, 0200);
module_param_cb(block, &workload_op_ops, (void *)WL_BLOCK, 0200);
module_param_cb(overflow, &workload_op_ops, (void *)WL_OVERFLOW, 0200);
module_param_cb(release, &workload_op_ops, (void *)WL_RELEASE, 0200);
module_param_cb(stop, &workload_op_ops, (void *)WL_STOP, 0200);
module_param_cb(threads, &workload_count_ops, NULL, 0444);

static int __init workload_init(void)
{
	WRITE_ONCE(workload_ready, true);
	return 0;
}

static void __exit workload_exit(void)
{
	mutex_lock(&workload_mutex);
	workload_stop_all();
	mutex_unlock(&workload_mutex);
}

module_init(workload_init);
module_exit(workload_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test threads: sleeping, spinning, blocked, overflowing");
