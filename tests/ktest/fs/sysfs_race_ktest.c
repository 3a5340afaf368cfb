/*
 * In-kernel tests of sysfs against removal, with threads (the seed threads
 * on freeing klp_patch and on zram's attributes racing module removal):
 *  - removal while a store sleeps inside its callback waits for it; the
 *    kobject is released only after the store returned (the store checks
 *    its object's magic after waking: freed memory is poisoned by kfree);
 *  - the zram pattern: a store that takes a lock the removal path also
 *    takes. Removing while holding that lock hangs (shown under a timeout,
 *    then undone); dropping the lock before the removal is the pattern
 *    that works;
 *  - self-removal deferred to a work item.
 */
#include <kelp/kobject.h>
#include <kelp/completion.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/workqueue.h>

#define RACER_MAGIC 0x5ace5aceu

/* What the test learns; owned by the test, so it outlives the racer. */
struct race_result {
	int released;
	bool released_after_store;	/* release ran after the store returned */
	bool store_ok;			/* the store saw live memory after waking */
	bool store_returned;
};

struct racer {
	u32 magic;
	struct kobject kobj;
	struct completion entered;	/* the store is running */
	struct completion go;		/* let the store return */
	struct mutex lock;		/* the zram-style lock */
	struct work_struct work;
	bool use_lock;
	struct race_result *res;
};

static void racer_release(struct kobject *kobj)
{
	struct racer *r = container_of(kobj, struct racer, kobj);

	r->res->released_after_store = r->res->store_returned;
	r->res->released++;
	kfree(r);
}

static ssize_t slow_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			  size_t count)
{
	struct racer *r = container_of(kobj, struct racer, kobj);

	complete(&r->entered);
	if (r->use_lock)
		mutex_lock(&r->lock);
	wait_for_completion(&r->go);
	r->res->store_ok = READ_ONCE(r->magic) == RACER_MAGIC;
	if (r->use_lock)
		mutex_unlock(&r->lock);
	r->res->store_returned = true;
	return count;
}

static void racer_remove_work(struct work_struct *w)
{
	struct racer *r = container_of(w, struct racer, work);

	kobject_del(&r->kobj);
	kobject_put(&r->kobj);	/* frees r: the work item is not touched after */
}

/* Defers the removal of its own kobject to a work item. */
static ssize_t defer_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	struct racer *r = container_of(kobj, struct racer, kobj);

	schedule_work(&r->work);
	return count;
}

static struct kobj_attribute slow_attr = __ATTR(slow, 0200, NULL, slow_store);
static struct kobj_attribute defer_attr = __ATTR(defer, 0200, NULL, defer_store);
static struct attribute *racer_attrs[] = { &slow_attr.attr, &defer_attr.attr, NULL };
static const struct attribute_group racer_group = { .attrs = racer_attrs };
static const struct attribute_group *racer_groups[] = { &racer_group, NULL };

static const struct kobj_type racer_ktype = {
	.release = racer_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = racer_groups,
};

static struct racer *racer_new(const char *name, struct race_result *res)
{
	struct racer *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	memset(res, 0, sizeof(*res));
	r->magic = RACER_MAGIC;
	r->res = res;
	init_completion(&r->entered);
	init_completion(&r->go);
	mutex_init(&r->lock);
	INIT_WORK(&r->work, racer_remove_work);
	if (kobject_init_and_add(&r->kobj, &racer_ktype, kernel_kobj, "%s", name)) {
		kobject_put(&r->kobj);
		return NULL;
	}
	return r;
}

/* A thread doing `echo 1 > path`; done is completed when the write returned. */
struct writer {
	const char *path;
	ssize_t result;
	struct completion done;
};

static int writer_thread(void *data)
{
	struct writer *w = data;
	struct file *f;
	int err = vfs_open(w->path, O_WRONLY, 0, &f);

	w->result = err;
	if (!err) {
		w->result = vfs_write(f, "1", 1);
		vfs_close(f);
	}
	complete(&w->done);
	return 0;
}

static bool start_writer(struct writer *w, const char *path)
{
	w->path = path;
	init_completion(&w->done);
	return !IS_ERR_OR_NULL(kthread_run(writer_thread, w, "ktest-writer"));
}

/* A thread removing the racer's kobject, as a module's exit would. */
struct remover {
	struct racer *r;
	struct completion done;
};

static int remover_thread(void *data)
{
	struct remover *rm = data;

	kobject_del(&rm->r->kobj);	/* waits for the store in flight */
	kobject_put(&rm->r->kobj);
	complete(&rm->done);
	return 0;
}

static bool start_remover(struct remover *rm, struct racer *r)
{
	rm->r = r;
	init_completion(&rm->done);
	return !IS_ERR_OR_NULL(kthread_run(remover_thread, rm, "ktest-remover"));
}

static bool done_within(struct completion *c, unsigned int ms)
{
	return wait_for_completion_timeout(c, msecs_to_jiffies(ms)) != 0;
}

KTEST(sysfs_removal_waits_for_sleeping_store)
{
	static struct writer w;
	static struct remover rm;
	static struct race_result res;
	struct racer *r = racer_new("ktest_slow", &res);

	KT_ASSERT(t, r != NULL);
	KT_ASSERT(t, start_writer(&w, "/sys/kernel/ktest_slow/slow"));
	wait_for_completion(&r->entered);
	KT_ASSERT(t, start_remover(&rm, r));
	KT_EXPECT(t, !done_within(&rm.done, 100));	/* removal waits for the store */
	KT_EXPECT_EQ(t, res.released, 0);
	complete(&r->go);
	KT_EXPECT(t, done_within(&w.done, 5000));
	KT_EXPECT(t, done_within(&rm.done, 5000));
	KT_EXPECT_EQ(t, w.result, 1);
	KT_EXPECT(t, res.store_ok);
	KT_EXPECT_EQ(t, res.released, 1);
	KT_EXPECT(t, res.released_after_store);
}

/*
 * zram's bug: the module's exit took the same lock as a store, then removed
 * the sysfs files. With a store waiting for that lock, the removal waits for
 * the store and the store for the lock: nothing moves. Here this test holds
 * the lock while the remover runs: the removal is seen stuck (timeout), then
 * the lock is dropped, as the working pattern does before removing, and
 * everything completes. The rule: remove sysfs files (kobject_del) before
 * taking locks that stores take, never while holding one.
 */
KTEST(sysfs_store_lock_vs_removal_zram_pattern)
{
	static struct writer w;
	static struct remover rm;
	static struct race_result res;
	struct racer *r = racer_new("ktest_zram", &res);

	KT_ASSERT(t, r != NULL);
	r->use_lock = true;
	mutex_lock(&r->lock);				/* the exit path's lock */
	KT_ASSERT(t, start_writer(&w, "/sys/kernel/ktest_zram/slow"));
	wait_for_completion(&r->entered);		/* the store now waits for the lock */
	complete(&r->go);
	KT_ASSERT(t, start_remover(&rm, r));
	KT_EXPECT(t, !done_within(&rm.done, 200));	/* stuck while the lock is held */
	mutex_unlock(&r->lock);				/* drop it before removing: works */
	KT_EXPECT(t, done_within(&w.done, 5000));
	KT_EXPECT(t, done_within(&rm.done, 5000));
	KT_EXPECT_EQ(t, res.released, 1);
	KT_EXPECT(t, res.store_ok);
	KT_EXPECT(t, res.released_after_store);
}

KTEST(sysfs_self_removal_via_work_item)
{
	static struct writer w;
	static struct race_result res;
	struct kstat st;
	struct racer *r = racer_new("ktest_defer", &res);
	int waited = 0;

	KT_ASSERT(t, r != NULL);
	KT_ASSERT(t, start_writer(&w, "/sys/kernel/ktest_defer/defer"));
	KT_EXPECT(t, done_within(&w.done, 5000));
	KT_EXPECT_EQ(t, w.result, 1);
	while (READ_ONCE(res.released) == 0 && waited++ < 2000)
		msleep(1);
	KT_EXPECT_EQ(t, res.released, 1);
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_defer", &st), -ENOENT);
}

/* A thread with its own descriptor table opens files and exits without closing. */
struct fd_thread_arg {
	int fd;
	int unshare_err;
	struct completion done;
};

static int fd_thread(void *data)
{
	struct fd_thread_arg *a = data;

	a->unshare_err = unshare_fs();
	if (!a->unshare_err) {
		a->fd = sys_open("/proc/meminfo", O_RDONLY, 0);
		sys_open("/proc/uptime", O_RDONLY, 0);
		vfs_chdir("/proc");
	}
	complete(&a->done);
	return 0;	/* exit closes both descriptors and drops the cwd */
}

/* In a kthread of its own (the test runs in /bin/ktest's task, which has descriptors). */
static int fd_close_thread(void *data)
{
	struct fd_thread_arg *a = data;

	a->unshare_err = sys_close(a->fd);
	complete(&a->done);
	return 0;
}

KTEST(fs_descriptors_are_per_task_and_closed_at_exit)
{
	static struct fd_thread_arg c;
	static struct fd_thread_arg a;
	struct kmalloc_stats before, after;
	struct task *k;
	char cwd[8];

	kmalloc_get_stats(&before);
	init_completion(&a.done);
	k = kthread_create(fd_thread, &a, "ktest-fds");
	KT_ASSERT(t, !IS_ERR_OR_NULL(k));
	get_task_struct(k);
	wake_up_process(k);
	KT_EXPECT(t, done_within(&a.done, 5000));
	kthread_stop(k);
	put_task_struct(k);
	KT_EXPECT_EQ(t, a.unshare_err, 0);
	KT_EXPECT(t, a.fd >= 0);
	/* The thread's descriptor does not exist in another kthread's table. */
	c.fd = a.fd;
	init_completion(&c.done);
	k = kthread_create(fd_close_thread, &c, "ktest-fds2");
	KT_ASSERT(t, !IS_ERR_OR_NULL(k));
	get_task_struct(k);
	wake_up_process(k);
	KT_EXPECT(t, done_within(&c.done, 5000));
	kthread_stop(k);
	put_task_struct(k);
	KT_EXPECT_EQ(t, c.unshare_err, -EBADF);
	vfs_getcwd(cwd, sizeof(cwd));
	KT_EXPECT(t, !strcmp(cwd, "/"));
	ktest_settle();		/* the threads are freed at their last switch-out */
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
}
