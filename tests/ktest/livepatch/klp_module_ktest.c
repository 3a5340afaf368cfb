/*
 * Livepatch and the module loader, with the real modules of /lib/modules:
 * the order of a COMING and a GOING module's steps (livepatch before the
 * COMING notifiers, after the GOING ones, neither under module_mutex nor
 * under klp_mutex when the chain runs) and the patched site in between;
 * a patched target loaded and removed 20 times while its patch stays,
 * each time with its .klp.rela relocation resolved against the new copy
 * (livepatch-module.ko counts in livepatch-sample-mod.ko's static
 * variable), memory back to its start; a COMING notifier refusing a
 * patched module: the notifiers before it are told GOING, the patch is
 * reverted, and the module loads fine the next time; every allocation of
 * a patch's insmod and of a patched target's load failing in turn
 * (kmalloc_fail_nth): refused with -ENOMEM, nothing left behind.
 */
#include "../../../livepatch/core.h"
#include "klp_test.h"
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>
#include <kelp/workqueue.h>
#include <kelp/x86.h>

#define KT_TARGET "livepatch_sample_mod"
#define KT_PATCH "livepatch_module"
#define KT_GREETING "/sys/kernel/livepatch_sample_mod/greeting"
#define KT_ENABLED "/sys/kernel/livepatch/livepatch_module/enabled"

struct kt_seen {
	bool called, module_mutex, klp_mutex, klp_alive, patched;
};

static struct kt_seen kt_coming, kt_going;

/* True if the fentry site of the target's greeting_show is not the NOP (patched). */
static bool kt_site_patched(struct module *mod)
{
	unsigned long addr = module_kallsyms_lookup_name(mod, "greeting_show", 0, NULL);
	unsigned long site = addr ? ftrace_location(addr) : 0;

	return site && memcmp((void *)site, x86_nop5, 5);
}

static int kt_notifier(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;
	struct kt_seen *s = action == MODULE_STATE_COMING ? &kt_coming :
			    action == MODULE_STATE_GOING ? &kt_going : NULL;

	if (!s || strcmp(mod->name, KT_TARGET))
		return NOTIFY_DONE;
	s->called = true;
	s->module_mutex = module_mutex_is_held();
	s->klp_mutex = mutex_owner(&klp_mutex) == current;
	s->klp_alive = mod->klp_alive;
	s->patched = kt_site_patched(mod);
	return NOTIFY_OK;
}

static struct notifier_block kt_nb = { .notifier_call = kt_notifier };

struct kt_acct {
	struct kmalloc_stats km;
	size_t area;
};

static void kt_acct_take(struct kt_acct *a)
{
	kmalloc_get_stats(&a->km);
	a->area = module_area_used();
}

static bool kt_acct_same(const struct kt_acct *a)
{
	struct kt_acct b;

	kt_acct_take(&b);
	return b.km.bytes_in_use == a->km.bytes_in_use &&
	       b.km.allocations == a->km.allocations && b.area == a->area;
}

/*
 * Loads path with its nth allocation failing. Returns the load's result;
 * *done is set when the injection was not reached (every allocation of
 * the path has failed once by then).
 */
static int kt_load_failing(const char *path, unsigned int n, bool *done)
{
	int err;

	kmalloc_fail_nth(n);
	err = load_module_file(path, NULL);
	*done = kmalloc_fail_pending() != 0;
	kmalloc_fail_nth(0);
	return err;
}

/*
 * Every allocation of insmod of a patch (klp_enable_patch: sysfs, ops,
 * relocations, the transition's check) fails once in turn: either the
 * load fails with -ENOMEM and leaves no directory, or Kelp recovers (the
 * transition's check is rebuilt by a retry) and the patch works; memory
 * and module area are back after each round.
 */
KTEST(klp_enable_fail_nth_unwinds)
{
	int old = console_loglevel, failures = 0;
	struct kt_acct a;
	bool done = false;
	char buf[80];

	console_loglevel = 0;
	KT_ASSERT(t, load_module_file(MODULE_DIR "/livepatch-sample-mod.ko", NULL) == 0);
	for (unsigned int n = 1; n < 2000 && !done && !t->failures; n++) {
		int err;

		kt_acct_take(&a);
		err = kt_load_failing(MODULE_DIR "/livepatch-module.ko", n, &done);
		if (err) {
			failures++;
			KT_EXPECT_EQ(t, err, -ENOMEM);
			KT_EXPECT(t, find_module(KT_PATCH) == NULL);
			KT_EXPECT_EQ(t, ktest_read_file(KT_ENABLED, buf, sizeof(buf)), -ENOENT);
		} else {
			/* this task reads the old function until the transition moved it */
			for (int i = 0; i < 2000 && klp_transition_in_progress(); i++)
				msleep(1);
			KT_EXPECT(t, ktest_read_file(KT_GREETING, buf, sizeof(buf)) > 0 &&
				     !strncmp(buf, "this has been live patched", 26));
			KT_EXPECT_EQ(t, klp_test_remove_module_patch(), 0);
		}
		flush_workqueue(klp_wq);
		if (!kt_acct_same(&a))
			ktest_fail(t, __FILE__, __LINE__, "allocation %u failing leaks", n);
	}
	KT_EXPECT(t, done);
	KT_EXPECT(t, failures > 10);
	KT_EXPECT_EQ(t, delete_module(KT_TARGET), 0);
	console_loglevel = old;
}

/*
 * The same for a patched target module loading (klp_module_coming: the
 * object's symbols, ops and .klp.rela relocations): a refused load leaves
 * the patch as it was; a load that succeeds is patched.
 */
KTEST(klp_module_coming_fail_nth_unwinds)
{
	int old = console_loglevel, failures = 0;
	struct kt_acct a;
	bool done = false;
	char buf[80];

	console_loglevel = 0;
	KT_ASSERT(t, load_module_file(MODULE_DIR "/livepatch-module.ko", NULL) == 0);
	for (unsigned int n = 1; n < 2000 && !done && !t->failures; n++) {
		int err;

		kt_acct_take(&a);
		err = kt_load_failing(MODULE_DIR "/livepatch-sample-mod.ko", n, &done);
		if (err) {
			failures++;
			KT_EXPECT_EQ(t, err, -ENOMEM);
			KT_EXPECT(t, find_module(KT_TARGET) == NULL);
		} else {
			KT_EXPECT(t, ktest_read_file(KT_GREETING, buf, sizeof(buf)) > 0 &&
				     !strcmp(buf, "this has been live patched (call 1)\n"));
			KT_EXPECT_EQ(t, delete_module(KT_TARGET), 0);
		}
		if (!kt_acct_same(&a))
			ktest_fail(t, __FILE__, __LINE__, "allocation %u failing leaks", n);
	}
	KT_EXPECT(t, done);
	KT_EXPECT(t, failures > 10);
	KT_EXPECT_EQ(t, klp_test_remove_module_patch(), 0);
	console_loglevel = old;
}

KTEST(klp_module_coming_going_order)
{
	int old = console_loglevel;

	console_loglevel = 0;
	kt_coming = (struct kt_seen){ 0 };
	kt_going = (struct kt_seen){ 0 };
	register_module_notifier(&kt_nb);
	KT_ASSERT(t, load_module_file(MODULE_DIR "/livepatch-module.ko", NULL) == 0);
	KT_EXPECT_EQ(t, load_module_file(MODULE_DIR "/livepatch-sample-mod.ko", NULL), 0);
	KT_EXPECT_EQ(t, delete_module(KT_TARGET), 0);
	unregister_module_notifier(&kt_nb);
	KT_EXPECT_EQ(t, klp_test_remove_module_patch(), 0);
	console_loglevel = old;
	KT_EXPECT(t, kt_coming.called && kt_going.called);
	/* the chain runs with neither lock held */
	KT_EXPECT(t, !kt_coming.module_mutex && !kt_going.module_mutex);
	KT_EXPECT(t, !kt_coming.klp_mutex && !kt_going.klp_mutex);
	/* COMING: livepatch went first; GOING: it comes after the chain */
	KT_EXPECT(t, kt_coming.klp_alive && kt_coming.patched);
	KT_EXPECT(t, kt_going.klp_alive && kt_going.patched);
}

KTEST(klp_module_target_reloaded_while_patched)
{
	struct kmalloc_stats start, end;
	size_t area = module_area_used();
	int old = console_loglevel, err = 0;
	char buf[80];

	console_loglevel = 0;
	kmalloc_get_stats(&start);
	KT_ASSERT(t, load_module_file(MODULE_DIR "/livepatch-module.ko", NULL) == 0);
	for (int i = 0; i < 20 && !err; i++) {
		err = load_module_file(MODULE_DIR "/livepatch-sample-mod.ko", NULL);
		if (err)
			break;
		/* a fresh copy: its counter starts at 0, the patch counts in it */
		KT_EXPECT(t, ktest_read_file(KT_GREETING, buf, sizeof(buf)) > 0);
		KT_EXPECT(t, !strcmp(buf, "this has been live patched (call 1)\n"));
		KT_EXPECT(t, ktest_read_file(KT_GREETING, buf, sizeof(buf)) > 0);
		KT_EXPECT(t, !strcmp(buf, "this has been live patched (call 2)\n"));
		err = delete_module(KT_TARGET);
	}
	KT_EXPECT_EQ(t, err, 0);
	KT_EXPECT_EQ(t, klp_test_remove_module_patch(), 0);
	console_loglevel = old;
	kmalloc_get_stats(&end);
	KT_EXPECT_EQ(t, end.bytes_in_use, start.bytes_in_use);
	KT_EXPECT_EQ(t, end.allocations, start.allocations);
	KT_EXPECT_EQ(t, module_area_used(), area);
}

static int kt_refuse(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;

	if (action == MODULE_STATE_COMING && !strcmp(mod->name, KT_TARGET))
		return notifier_from_errno(-EPERM);
	return NOTIFY_DONE;
}

static struct notifier_block kt_refuse_nb = { .notifier_call = kt_refuse, .priority = -1 };

/*
 * Regression (test_klp_init_fails_after_enable): a patch module whose init
 * fails after klp_enable_patch() was freed with its patch still enabled;
 * the next call of cmdline_proc_show ran freed code. The loader now keeps
 * a module its failed init left referenced.
 */
KTEST(klp_init_fails_after_enable_keeps_module)
{
	static const char *const dir = "/sys/kernel/livepatch/test_klp_init_fails_after_enable/enabled";
	int old = console_loglevel;
	struct kt_acct a;
	char buf[80];

	console_loglevel = 0;
	kt_acct_take(&a);
	KT_EXPECT_EQ(t, load_module_file(MODULE_DIR "/test_klp_init_fails_after_enable.ko", NULL),
		     -EIO);
	KT_ASSERT(t, find_module("test_klp_init_fails_after_enable") != NULL);
	for (int i = 0; i < 500 && klp_transition_in_progress(); i++)
		msleep(1);
	KT_EXPECT(t, ktest_read_file("/proc/cmdline", buf, sizeof(buf)) > 0 &&
		     !strcmp(buf, "patched by a module whose init failed\n"));
	KT_EXPECT_EQ(t, delete_module("test_klp_init_fails_after_enable"), -EAGAIN);	/* in use */
	KT_EXPECT_EQ(t, ktest_write_file(dir, "0"), 0);
	for (int i = 0; i < 500 && klp_transition_in_progress(); i++)
		msleep(1);
	flush_workqueue(klp_wq);
	KT_EXPECT_EQ(t, delete_module("test_klp_init_fails_after_enable"), 0);
	console_loglevel = old;
	KT_EXPECT(t, kt_acct_same(&a));
}

KTEST(klp_module_notifier_refusal_reverts_patch)
{
	int old = console_loglevel;
	char buf[80];

	console_loglevel = 0;
	kt_coming = (struct kt_seen){ 0 };
	kt_going = (struct kt_seen){ 0 };
	register_module_notifier(&kt_nb);		/* priority 0: before kt_refuse */
	register_module_notifier(&kt_refuse_nb);
	KT_ASSERT(t, load_module_file(MODULE_DIR "/livepatch-module.ko", NULL) == 0);
	KT_EXPECT_EQ(t, load_module_file(MODULE_DIR "/livepatch-sample-mod.ko", NULL), -EPERM);
	unregister_module_notifier(&kt_refuse_nb);
	unregister_module_notifier(&kt_nb);
	KT_EXPECT(t, kt_coming.called && kt_coming.patched);
	KT_EXPECT(t, kt_going.called && kt_going.patched);	/* told GOING, still patched */
	KT_EXPECT(t, find_module(KT_TARGET) == NULL);
	KT_EXPECT(t, ktest_read_file("/sys/kernel/livepatch/livepatch_module/livepatch_sample_mod/patched",
			     buf, sizeof(buf)) > 0 && !strcmp(buf, "0\n"));
	/* the relocation was cleared: the next copy is patched again */
	KT_EXPECT_EQ(t, load_module_file(MODULE_DIR "/livepatch-sample-mod.ko", NULL), 0);
	KT_EXPECT(t, ktest_read_file(KT_GREETING, buf, sizeof(buf)) > 0 &&
		     !strcmp(buf, "this has been live patched (call 1)\n"));
	KT_EXPECT_EQ(t, delete_module(KT_TARGET), 0);
	KT_EXPECT_EQ(t, klp_test_remove_module_patch(), 0);
	console_loglevel = old;
}
