/*
 * Test workloads for the scheduler and, later, live patching scenarios:
 * threads that sleep inside workload_sleep_here(), threads that spin
 * through workload_spin_here(), threads blocked in workload_block_here()
 * on a completion until `workload release`, and a thread that overflows
 * its stack. The functions are global and noinline so that patches and
 * stack traces can name them. workload_mutex guards the thread list.
 */
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/mutex.h>
#include <kelp/shell.h>
#include <kelp/kstrto.h>
#include <kelp/string.h>
#include <kelp/errno.h>
#include <kelp/mm.h>

#define WORKLOAD_MAX 2000	/* threads at once, all kinds */

struct wl_thread {
	struct list_head node;
	struct task *task;
	struct completion go;		/* block threads wait for it */
};

static DEFINE_MUTEX(workload_mutex);
static LIST_HEAD(workload_threads);
static unsigned int workload_count;
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

/* Blocks until `workload release` (or stop) completes go. */
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

static int workload_usage(void)
{
	sh_eprintf("usage: workload sleep|spin|block N | release | stop | overflow\n");
	return 1;
}

/* The N of `workload KIND N`: 1..WORKLOAD_MAX minus what runs. Returns -1 if bad. */
static long workload_parse_n(int argc, char **argv)
{
	long long n = 1;

	if (argc == 3 && (kstrtoll(argv[2], 10, &n) || n < 1 || n > WORKLOAD_MAX)) {
		sh_eprintf("workload: invalid count '%s' (1..%d)\n", argv[2], WORKLOAD_MAX);
		return -1;
	}
	if (argc > 3)
		return -1;
	if (workload_count + n > WORKLOAD_MAX) {
		sh_eprintf("workload: at most %d threads (%u running)\n", WORKLOAD_MAX, workload_count);
		return -1;
	}
	return n;
}

static int workload_kind(int argc, char **argv)
{
	static const struct { const char *kind; int (*fn)(void *); } kinds[] = {
		{ "sleep", workload_sleep_fn }, { "spin", workload_spin_fn },
		{ "block", workload_block_fn }, { "overflow", workload_overflow_fn },
	};
	long n;
	int err;

	for (unsigned int i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (strcmp(argv[1], kinds[i].kind))
			continue;
		n = workload_parse_n(argc, argv);
		if (n < 0)
			return argc > 3 ? workload_usage() : 1;
		err = workload_start(kinds[i].fn, kinds[i].kind, n);
		if (err) {
			sh_eprintf("workload: cannot start threads: %s\n", strerror(err));
			return 1;
		}
		return 0;
	}
	sh_eprintf("workload: unknown kind '%s'\n", argv[1]);
	return workload_usage();
}

static int cmd_workload(int argc, char **argv)
{
	int ret = 0;

	if (argc < 2)
		return workload_usage();
	mutex_lock(&workload_mutex);
	if (!strcmp(argv[1], "stop") && argc == 2)
		workload_stop_all();
	else if (!strcmp(argv[1], "release") && argc == 2)
		workload_release();
	else if (!strcmp(argv[1], "stop") || !strcmp(argv[1], "release"))
		ret = workload_usage();
	else
		ret = workload_kind(argc, argv);
	mutex_unlock(&workload_mutex);
	return ret;
}
SHELL_COMMAND("workload", "sleep|spin|block N, release, stop, overflow: test threads", cmd_workload);
