/*
 * In-kernel tests of the module loader against the modules in
 * /lib/modules: load/unload cycles with accounting back to its start, init
 * failure and unknown symbols unwinding cleanly, export dependencies with
 * references and removal order, W^X of a loaded module, and the zram rule
 * (a store holds the module: rmmod meanwhile fails with -EAGAIN, a store
 * after rmmod began fails with -ENODEV), with real tasks against
 * tests/modules/mod_attr.c; a refusing COMING notifier unregistered
 * meanwhile (module_notifier_refusal_vs_unregister). The load benchmarks
 * are in tests/bench/module/.
 */
#include <kelp/ktest.h>
#include <kelp/completion.h>
#include <kelp/fs.h>
#include <kelp/kallsyms.h>
#include <kelp/kthread.h>
#include <kelp/sched.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/x86.h>

#define MOD(name) MODULE_DIR "/" name ".ko"

struct acct {
	struct kmalloc_stats km;
	size_t area;
	unsigned int count;
};

static void acct_take(struct acct *a)
{
	kmalloc_get_stats(&a->km);
	a->area = module_area_used();
	a->count = module_count();
}

static void acct_expect_same(struct ktest *t, const struct acct *a)
{
	struct acct b;

	acct_take(&b);
	KT_EXPECT_EQ(t, b.km.bytes_in_use, a->km.bytes_in_use);
	KT_EXPECT_EQ(t, b.km.allocations, a->km.allocations);
	KT_EXPECT_EQ(t, b.area, a->area);
	KT_EXPECT_EQ(t, b.count, a->count);
}

/* Quiet the loader's expected complaints while a test provokes them. */
static int quiet(void)
{
	int old = console_loglevel;

	console_loglevel = 0;
	return old;
}

KTEST(module_load_unload_100_cycles)
{
	struct acct a;
	int err = 0;

	acct_take(&a);
	for (int i = 0; i < 100 && !err; i++) {
		err = load_module_file(MOD("hello"), "count=5 who=cycle flag");
		if (!err)
			err = delete_module("hello");
	}
	KT_EXPECT_EQ(t, err, 0);
	acct_expect_same(t, &a);
}

KTEST(module_failures_unwind)
{
	struct acct a;
	int lvl = quiet();

	acct_take(&a);
	KT_EXPECT_EQ(t, load_module_file(MOD("mod_initfail"), NULL), -ENODEV);
	KT_EXPECT_EQ(t, load_module_file(MOD("mod_unknown"), NULL), -ENOENT);
	KT_EXPECT_EQ(t, load_module_file(MOD("hello"), "count=x"), -EINVAL);
	KT_EXPECT_EQ(t, load_module_file(MOD("hello"), "who=\"a b\" nosuch=1"), 0);
	KT_EXPECT_EQ(t, load_module_file(MOD("hello"), NULL), -EEXIST);
	KT_EXPECT_EQ(t, delete_module("hello"), 0);
	KT_EXPECT_EQ(t, delete_module("hello"), -ENOENT);
	KT_EXPECT_EQ(t, load_module_file(MOD("mod_import"), NULL), -ENOENT);
	console_loglevel = lvl;
	acct_expect_same(t, &a);
}

/* Every allocation of a load failing in turn: -ENOMEM and nothing left each time. */
KTEST(module_load_fail_nth_unwinds)
{
	int lvl = quiet(), err = -ENOMEM, failures = 0;
	bool done = false;
	struct acct a;

	for (unsigned int n = 1; n < 2000 && !done; n++) {
		acct_take(&a);
		kmalloc_fail_nth(n);
		err = load_module_file(MOD("hello"), "count=5 who=cycle flag");
		done = kmalloc_fail_pending() != 0;
		kmalloc_fail_nth(0);
		if (!err) {
			KT_EXPECT_EQ(t, delete_module("hello"), 0);
			break;
		}
		failures++;
		KT_EXPECT_EQ(t, err, -ENOMEM);
		acct_expect_same(t, &a);
		if (t->failures)
			break;
	}
	console_loglevel = lvl;
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT(t, done);
	KT_EXPECT(t, failures > 10);
}

KTEST(module_export_dependency)
{
	struct module *exp;
	struct acct a;

	acct_take(&a);
	KT_ASSERT(t, load_module_file(MOD("mod_export"), NULL) == 0);
	KT_EXPECT_EQ(t, load_module_file(MOD("mod_import"), NULL), 0);
	exp = find_module("mod_export");
	KT_ASSERT(t, exp != NULL);
	KT_EXPECT_EQ(t, module_refcount(exp), 1);
	KT_EXPECT(t, !list_empty(&exp->source_list));
	KT_EXPECT_EQ(t, delete_module("mod_export"), -EAGAIN);
	KT_EXPECT_EQ(t, delete_module("mod_import"), 0);
	KT_EXPECT_EQ(t, module_refcount(exp), 0);
	KT_EXPECT_EQ(t, delete_module("mod_export"), 0);
	acct_expect_same(t, &a);
}

static bool pte_is(unsigned long va, bool write, bool nx)
{
	int level;
	u64 *pte = paging_lookup(va, &level);

	return pte && !!(*pte & PTE_WRITE) == write && (!cpu_has_nx || !!(*pte & PTE_NX) == nx);
}

KTEST(module_wx_permissions)
{
	struct module *mod;

	KT_ASSERT(t, load_module_file(MOD("hello"), NULL) == 0);
	mod = find_module("hello");
	KT_ASSERT(t, mod != NULL);
	KT_EXPECT(t, is_module_address((unsigned long)mod->init));
	KT_EXPECT(t, pte_is((unsigned long)mod->init, false, false));	/* text RX */
	KT_EXPECT(t, pte_is((unsigned long)mod->kp, false, true));	/* __param R */
	KT_EXPECT(t, pte_is((unsigned long)mod, true, true));		/* data RW NX */
	KT_EXPECT(t, (unsigned long)mod->init - (unsigned long)_text < (1UL << 31));
	KT_EXPECT_EQ(t, delete_module("hello"), 0);
}

/*
 * The zram rule without a second task: a "store in flight" is a reference
 * taken as param_attr_store takes it. rmmod then fails instead of waiting;
 * once rmmod has begun (GOING), try_module_get refuses, so a store would
 * fail with -ENODEV before touching the module's lock or code.
 */
KTEST(module_store_holds_module)
{
	struct module *mod;

	KT_ASSERT(t, load_module_file(MOD("hello"), NULL) == 0);
	mod = find_module("hello");
	KT_ASSERT(t, try_module_get(mod));
	KT_EXPECT_EQ(t, delete_module("hello"), -EAGAIN);
	module_put(mod);
	mod->state = MODULE_STATE_GOING;	/* as module_try_stop leaves it */
	KT_EXPECT(t, !try_module_get(mod));
	mod->state = MODULE_STATE_LIVE;
	KT_EXPECT_EQ(t, delete_module("hello"), 0);
}

KTEST(module_noexit_is_permanent)
{
	int err = load_module_file(MOD("mod_noexit"), NULL);

	KT_EXPECT(t, err == 0 || err == -EEXIST);
	KT_EXPECT_EQ(t, delete_module("mod_noexit"), -EBUSY);
}

/* ---- the zram rule with real tasks (tests/modules/mod_attr.c) ---- */

struct store_job {
	struct completion done;
	struct task *task;
	ssize_t result;
	u64 ns;
};

static ssize_t write_attr(const char *path, const char *text)
{
	struct file *f;
	ssize_t n;
	int err = vfs_open(path, O_WRONLY, 0, &f);

	if (err)
		return err;
	n = vfs_write(f, text, strlen(text));
	vfs_close(f);
	return n;
}

static int store_thread(void *arg)
{
	struct store_job *job = arg;
	u64 t0 = ktime_get_ns();

	job->result = write_attr("/sys/kernel/mod_attr/reset", "1\n");
	job->ns = ktime_get_ns() - t0;
	complete(&job->done);
	return 0;
}

static int rmmod_thread(void *arg)
{
	struct store_job *job = arg;

	job->result = delete_module("mod_attr");
	complete(&job->done);
	return 0;
}

static void run_job(struct store_job *job, int (*fn)(void *))
{
	init_completion(&job->done);
	job->task = kthread_run(fn, job, "ktest-zram");
	if (IS_ERR(job->task)) {
		job->result = PTR_ERR(job->task);
		job->task = NULL;
		complete(&job->done);
	}
}

/* Waits for the job and reaps its thread (so the accounting is exact). */
static void finish_job(struct store_job *job)
{
	wait_for_completion(&job->done);
	if (job->task)
		kthread_stop(job->task);
}

KTEST(module_sysfs_store_vs_rmmod)
{
	struct store_job store, rm;
	struct acct a;

	msleep(1);	/* the first timed sleep since boot allocates once: not ours */
	acct_take(&a);
	KT_ASSERT(t, load_module_file(MOD("mod_attr"), "store_ms=200 exit_ms=200") == 0);
	/* a store in flight holds the module: rmmod fails instead of deadlocking */
	run_job(&store, store_thread);
	msleep(50);
	KT_EXPECT_EQ(t, delete_module("mod_attr"), -EAGAIN);
	finish_job(&store);
	KT_EXPECT_EQ(t, store.result, 2);
	/* rmmod under way (exit holds the lock): a store fails at once, exit finishes */
	run_job(&rm, rmmod_thread);
	msleep(50);
	run_job(&store, store_thread);
	finish_job(&store);
	KT_EXPECT_EQ(t, store.result, -ENODEV);
	KT_EXPECT(t, store.ns < 100 * 1000 * 1000ULL);
	finish_job(&rm);
	KT_EXPECT_EQ(t, rm.result, 0);
	KT_EXPECT(t, find_module("mod_attr") == NULL);
	acct_expect_same(t, &a);
}

KTEST(module_symbols)
{
	struct module *mod;
	unsigned long size, off, count, init;
	const char *name, *modname;

	KT_ASSERT(t, load_module_file(MOD("hello"), NULL) == 0);
	mod = find_module("hello");
	KT_ASSERT(t, mod != NULL);
	KT_EXPECT_EQ(t, module_kallsyms_lookup_name(mod, "hello_init", 0, &count),
		     (unsigned long)mod->init);
	KT_EXPECT_EQ(t, count, 1);
	name = module_address_lookup((unsigned long)mod->exit + 1, &size, &off, &modname);
	KT_EXPECT(t, name && (!strcmp(name, "hello_exit") || !strcmp(name, "cleanup_module")));
	KT_EXPECT_EQ(t, off, 1);
	KT_EXPECT(t, modname && !strcmp(modname, "hello"));
	KT_EXPECT(t, module_address_lookup((unsigned long)_text, NULL, NULL, NULL) == NULL);
	init = (unsigned long)mod->init;	/* mod is unmapped after the unload */
	KT_EXPECT_EQ(t, delete_module("hello"), 0);
	KT_EXPECT(t, module_address_lookup(init, NULL, NULL, NULL) == NULL);
}

KTEST(module_livepatch_keeps_elf)
{
	struct module *mod;
	struct acct a;

	acct_take(&a);
	KT_ASSERT(t, load_module_file(MOD("mod_klp_mark"), NULL) == 0);
	mod = find_module("mod_klp_mark");
	KT_ASSERT(t, mod != NULL);
	KT_EXPECT(t, mod->livepatch);
	KT_EXPECT(t, mod->taints & (1UL << TAINT_LIVEPATCH));
	KT_EXPECT(t, tainted_mask & (1UL << TAINT_LIVEPATCH));
	KT_ASSERT(t, mod->klp_info && mod->klp_info->elf);
	KT_EXPECT(t, elf_find_section(mod->klp_info->elf, ".gnu.linkonce.this_module") != 0);
	KT_EXPECT_EQ(t, elf_section_addr(mod->klp_info->elf,
					 elf_find_section(mod->klp_info->elf,
							  ".gnu.linkonce.this_module")),
		     (unsigned long)mod);
	KT_EXPECT_EQ(t, delete_module("mod_klp_mark"), 0);
	acct_expect_same(t, &a);
}

/*
 * Regression: a COMING notifier refuses a module while another task
 * waits to unregister that notifier. The refusal's GOING walk (to the
 * notifiers before the refusing one) must use the chain as the COMING
 * walk saw it: the loader released the chain's lock in between, the
 * waiter (the mutex hands over in FIFO order) unregistered the refusing
 * notifier, and the GOING walk, missing its stop, told GOING to the
 * notifier after it, which never saw COMING.
 */
static struct completion rn_started;
static unsigned int rn_after_calls;
static struct task *rn_thread;

static int rn_unregister_thread(void *data)
{
	complete(&rn_started);
	unregister_module_notifier(data);
	return 0;
}

static int rn_refuse(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;
	struct task *k;

	if (action != MODULE_STATE_COMING || strcmp(mod->name, "hello"))
		return NOTIFY_DONE;
	init_completion(&rn_started);
	k = kthread_run(rn_unregister_thread, nb, "rn_unreg");
	if (IS_ERR(k))
		return notifier_from_errno(-ENOMEM);
	wait_for_completion(&rn_started);
	msleep(10);		/* it waits for the chain's lock now */
	rn_thread = k;
	return notifier_from_errno(-EPERM);
}

static int rn_after(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;

	if (!strcmp(mod->name, "hello"))
		rn_after_calls++;
	return NOTIFY_DONE;
}

static struct notifier_block rn_refuse_nb = { .notifier_call = rn_refuse, .priority = 20 };
static struct notifier_block rn_after_nb = { .notifier_call = rn_after, .priority = 10 };

KTEST(module_notifier_refusal_vs_unregister)
{
	int old;

	rn_after_calls = 0;
	rn_thread = NULL;
	register_module_notifier(&rn_refuse_nb);
	register_module_notifier(&rn_after_nb);		/* called after rn_refuse */
	old = quiet();
	KT_EXPECT_EQ(t, load_module_file(MOD("hello"), NULL), -EPERM);
	console_loglevel = old;
	KT_ASSERT(t, rn_thread != NULL);
	KT_EXPECT_EQ(t, kthread_stop(rn_thread), 0);	/* it unregistered rn_refuse */
	KT_EXPECT_EQ(t, rn_after_calls, 0);		/* neither COMING nor GOING */
	KT_EXPECT(t, find_module("hello") == NULL);
	unregister_module_notifier(&rn_after_nb);
	/* the chain works on: hello loads */
	KT_EXPECT_EQ(t, load_module_file(MOD("hello"), NULL), 0);
	KT_EXPECT_EQ(t, delete_module("hello"), 0);
}
