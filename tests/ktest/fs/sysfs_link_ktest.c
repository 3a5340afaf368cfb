/*
 * In-kernel tests of sysfs symbolic links, renames and moves (kernfs link
 * nodes, kernfs_rename), through the VFS as user space sees them:
 *  - a link's text follows its target's rename and move, and lookups and
 *    readlinks racing a thread that renames and moves the target never
 *    see anything but one of the target's real places;
 *  - a link holds no reference on its target kobject: the last put
 *    releases it at once, the link dangles (its old path, ENOENT through
 *    it), and the node memory comes back with the link;
 *  - every allocation of sysfs_create_link and kobject_rename failing in
 *    turn: -ENOMEM, nothing changed and nothing left behind.
 */
#include <kelp/kobject.h>
#include <kelp/kernfs.h>
#include <kelp/completion.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/string.h>

static int released;

static void lk_release(struct kobject *kobj)
{
	released++;
	kfree(kobj);
}

static const struct kobj_type lk_ktype = {
	.release = lk_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

static struct kobject *lk_new(const char *name, struct kobject *parent)
{
	struct kobject *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return NULL;
	if (kobject_init_and_add(k, &lk_ktype, parent, "%s", name)) {
		kobject_put(k);
		return NULL;
	}
	return k;
}

static bool link_reads(const char *path, const char *want)
{
	char buf[64];

	return vfs_readlink(path, buf, sizeof(buf)) == (int)strlen(want) && !strcmp(buf, want);
}

struct mover {
	struct kobject *obj, *p1, *p2;
	int rounds, errors;
	struct completion done;
};

/* Renames obj between t1 and t2 and moves it between p1 and p2, rounds times. */
static int mover_thread(void *arg)
{
	struct mover *m = arg;

	for (int i = 0; i < m->rounds; i++) {
		m->errors += kobject_rename(m->obj, i & 1 ? "t1" : "t2") != 0;
		m->errors += kobject_move(m->obj, i & 2 ? m->p1 : m->p2) != 0;
		yield();	/* one CPU: interleave with the lookups */
	}
	complete(&m->done);
	return 0;
}

KTEST(sysfs_link_follows_rename_and_move_racing_lookups)
{
	static struct mover m;
	struct kobject *top, *p1, *p2, *obj;
	long nodes = kernfs_node_count();
	struct task *k;
	struct kstat st;
	char buf[64];
	int seen = 0, bad = 0;

	released = 0;
	top = lk_new("ktest_links", kernel_kobj);
	KT_ASSERT(t, top != NULL);
	p1 = lk_new("p1", top);
	p2 = lk_new("p2", top);
	obj = lk_new("t1", p1);
	KT_ASSERT(t, p1 && p2 && obj);
	KT_EXPECT_EQ(t, sysfs_create_link(top, obj, "l"), 0);
	KT_EXPECT(t, link_reads("/sys/kernel/ktest_links/l", "p1/t1"));
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_links/l", &st), 0);
	KT_EXPECT(t, S_ISDIR(st.mode));
	KT_EXPECT_EQ(t, vfs_lstat("/sys/kernel/ktest_links/l", &st), 0);
	KT_EXPECT(t, S_ISLNK(st.mode));
	KT_EXPECT_EQ(t, kobject_rename(obj, "t2"), 0);
	KT_EXPECT_EQ(t, kobject_move(obj, p2), 0);
	KT_EXPECT(t, link_reads("/sys/kernel/ktest_links/l", "p2/t2"));
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_links/p2/t2", &st), 0);
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_links/p1/t1", &st), -ENOENT);
	/* ".." of the moved directory is its new parent */
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_links/l/../../p1", &st), 0);
	KT_EXPECT_EQ(t, vfs_readlink("/sys/kernel/ktest_links/p2", buf, sizeof(buf)), -EINVAL);

	m = (struct mover){ .obj = obj, .p1 = p1, .p2 = p2, .rounds = 2000 };
	init_completion(&m.done);
	k = kthread_run(mover_thread, &m, "ktest-mover");
	KT_ASSERT(t, !IS_ERR_OR_NULL(k));
	do {
		int n = vfs_readlink("/sys/kernel/ktest_links/l", buf, sizeof(buf));

		seen++;
		if (n < 0 || (strcmp(buf, "p1/t1") && strcmp(buf, "p1/t2") && strcmp(buf, "p2/t1") &&
			      strcmp(buf, "p2/t2")))
			bad++;
		/* through the link: there, or moved away meanwhile */
		n = vfs_stat("/sys/kernel/ktest_links/l", &st);
		if (n && n != -ENOENT)
			bad++;
		yield();	/* one CPU: let the mover run */
	} while (!completion_done(&m.done));
	wait_for_completion(&m.done);
	kthread_stop(k);
	KT_EXPECT_EQ(t, m.errors, 0);
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT(t, seen > 0);

	kobject_put(obj);
	kobject_put(p1);
	kobject_put(p2);
	kobject_put(top);	/* takes the link with the directory */
	KT_EXPECT_EQ(t, released, 4);
	KT_EXPECT_EQ(t, kernfs_node_count(), nodes);
}

KTEST(sysfs_link_does_not_keep_its_target)
{
	struct kmalloc_stats before, after;
	long nodes = kernfs_node_count();
	struct kobject *dir, *target;
	struct kstat st;

	kmalloc_get_stats(&before);
	released = 0;
	dir = lk_new("ktest_ldir", kernel_kobj);
	target = lk_new("ktest_ltarget", kernel_kobj);
	KT_ASSERT(t, dir && target);
	KT_EXPECT_EQ(t, sysfs_create_link(dir, target, "to"), 0);
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_ldir/to", &st), 0);
	kobject_put(target);	/* the last reference: the link does not hold one */
	KT_EXPECT_EQ(t, released, 1);
	KT_EXPECT(t, link_reads("/sys/kernel/ktest_ldir/to", "../ktest_ltarget"));
	KT_EXPECT_EQ(t, vfs_stat("/sys/kernel/ktest_ldir/to", &st), -ENOENT);
	KT_EXPECT_EQ(t, vfs_lstat("/sys/kernel/ktest_ldir/to", &st), 0);
	sysfs_remove_link(dir, "to");
	KT_EXPECT_EQ(t, vfs_lstat("/sys/kernel/ktest_ldir/to", &st), -ENOENT);
	kobject_put(dir);
	KT_EXPECT_EQ(t, released, 2);
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, kernfs_node_count(), nodes);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
}

KTEST(sysfs_link_and_rename_fail_nth_unwind)
{
	struct kmalloc_stats before, after;
	struct kobject *dir, *target;
	struct kstat st;
	long nodes;
	int err = -ENOMEM;
	bool done = false;

	released = 0;
	dir = lk_new("ktest_fdir", kernel_kobj);
	target = lk_new("ktest_ftarget", kernel_kobj);
	KT_ASSERT(t, dir && target);
	nodes = kernfs_node_count();
	for (unsigned int n = 1; n < 100 && !done; n++) {
		kmalloc_get_stats(&before);
		kmalloc_fail_nth(n);
		err = sysfs_create_link(dir, target, "to");
		done = kmalloc_fail_pending() != 0;
		kmalloc_fail_nth(0);
		if (!err)
			break;
		KT_EXPECT_EQ(t, err, -ENOMEM);
		kmalloc_get_stats(&after);
		KT_EXPECT_EQ(t, after.allocations, before.allocations);
		KT_EXPECT_EQ(t, kernfs_node_count(), nodes);
		KT_EXPECT_EQ(t, vfs_lstat("/sys/kernel/ktest_fdir/to", &st), -ENOENT);
	}
	KT_EXPECT_EQ(t, err, 0);
	done = false;
	for (unsigned int n = 1; n < 100 && !done; n++) {
		kmalloc_get_stats(&before);
		kmalloc_fail_nth(n);
		err = kobject_rename(target, "ktest_frenamed");
		done = kmalloc_fail_pending() != 0;
		kmalloc_fail_nth(0);
		if (!err)
			break;
		KT_EXPECT_EQ(t, err, -ENOMEM);
		kmalloc_get_stats(&after);
		KT_EXPECT_EQ(t, after.allocations, before.allocations);
		KT_EXPECT(t, !strcmp(kobject_name(target), "ktest_ftarget"));
		KT_EXPECT(t, link_reads("/sys/kernel/ktest_fdir/to", "../ktest_ftarget"));
	}
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT(t, link_reads("/sys/kernel/ktest_fdir/to", "../ktest_frenamed"));
	kobject_put(target);
	kobject_put(dir);
	KT_EXPECT_EQ(t, released, 2);
}
