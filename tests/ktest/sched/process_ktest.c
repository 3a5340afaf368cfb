/*
 * In-kernel tests of user processes: the livepatch switch at the
 * kernel/user boundary (a task with TIF_PATCH_PENDING calls the hook on its
 * next return to user space), patch-state inheritance at spawn, user
 * copies that fault (-EFAULT, never an oops), refused executables, and the
 * accounting of spawn/exit cycles. The programs come from the initramfs
 * (/bin/sleeper, /bin/true, /bin/badelf); without them the cases skip.
 */
#include <kelp/ktest.h>
#include <kelp/process.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/stacktrace.h>
#include <kelp/traps.h>
#include <kelp/x86.h>
#include "process_util.h"

KTEST(userland_child_inherits_patch_state)
{
	int saved = current->patch_state;
	struct exec_args a;
	struct task *child;
	int pid;

	if (!have_bin("/bin/true")) {
		KT_EXPECT(t, true);
		return;
	}
	KT_ASSERT(t, !exec_args_init(&a));
	exec_args_add(&a, "true", false);
	current->patch_state = KLP_PATCHED;
	set_tsk_thread_flag(current, TIF_PATCH_PENDING);
	pid = process_spawn("/bin/true", &a, &child);
	clear_tsk_thread_flag(current, TIF_PATCH_PENDING);
	current->patch_state = saved;
	exec_args_free(&a);
	KT_ASSERT(t, pid > 0);
	KT_EXPECT_EQ(t, child->patch_state, KLP_PATCHED);
	KT_EXPECT(t, test_tsk_thread_flag(child, TIF_PATCH_PENDING));
	KT_EXPECT(t, test_tsk_thread_flag(child, TIF_USER));
	clear_tsk_thread_flag(child, TIF_PATCH_PENDING);	/* no hook registered here */
	get_task_struct(child);
	process_start(child);
	KT_EXPECT_EQ(t, wait_exit(child), 0);
}

KTEST(userland_user_copies_fault_with_efault)
{
	char buf[16];

	/* kernel addresses are refused before any access */
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)_text, 8), -EFAULT);
	KT_EXPECT_EQ(t, copy_to_user((void *)buf, "x", 1), -EFAULT);
	KT_EXPECT_EQ(t, strncpy_from_user(buf, (const char *)_text, sizeof(buf)), -EFAULT);
	KT_EXPECT(t, !access_ok((void *)(USER_TOP - 4), 8));
	KT_EXPECT(t, !access_ok((void *)8, ~0UL));
	KT_EXPECT(t, access_ok((void *)0x1000, 16));
	/* user addresses that are not mapped (a kernel thread has none): the fixup path */
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)0x1000, 8), -EFAULT);
	KT_EXPECT_EQ(t, copy_to_user((void *)0x7fff0000, buf, 8), -EFAULT);
	KT_EXPECT_EQ(t, strncpy_from_user(buf, (const char *)0x2000, sizeof(buf)), -EFAULT);
}

/*
 * A process that never makes system calls is switched out only from the
 * return-to-user path of an interrupt: its trace ends at the user-mode
 * interrupt frame and is reliable.
 */
KTEST(userland_preempted_in_user_mode_is_reliable)
{
	unsigned long entries[32];
	struct task *busy;
	int n = -1;
	u64 pinned;

	if (!have_bin("/bin/busy")) {
		KT_EXPECT(t, true);
		return;
	}
	pinned = ktest_pin_cpu();	/* one CPU, inherited by busy: the tick must preempt it */
	busy = spawn_ref("/bin/busy", NULL);
	KT_ASSERT(t, !IS_ERR(busy));
	for (int i = 0; i < 20 && n <= 0; i++) {
		msleep(20);
		n = stack_trace_save_tsk_reliable(busy, entries, ARRAY_SIZE(entries));
	}
	KT_EXPECT(t, n > 0);
	if (n > 0)
		KT_EXPECT(t, (char *)entries[n - 1] == isr_return_to_entry);
	KT_EXPECT_EQ(t, process_kill(busy->pid, SIGKILL), 0);
	KT_EXPECT_EQ(t, wait_exit(busy), SIGKILL);
	ktest_unpin_cpu(pinned);
}

struct acct {
	u64 free_pages, kbytes, kallocs, stacks, tables;
};

static void acct_get(struct acct *a)
{
	struct pmm_stats ps;
	struct kmalloc_stats ks;

	pmm_get_stats(&ps);
	kmalloc_get_stats(&ks);
	*a = (struct acct){ ps.free_pages, ks.bytes_in_use, ks.allocations, vmap_stacks_in_use(),
			    paging_dynamic_table_pages() };
}

static void expect_same(struct ktest *t, const struct acct *a, const struct acct *b)
{
	KT_EXPECT_EQ(t, a->free_pages, b->free_pages);
	KT_EXPECT_EQ(t, a->kbytes, b->kbytes);
	KT_EXPECT_EQ(t, a->kallocs, b->kallocs);
	KT_EXPECT_EQ(t, a->stacks, b->stacks);
	KT_EXPECT_EQ(t, a->tables, b->tables);
}

KTEST(userland_bad_executables_refused)
{
	static const char *const argv0 = "x";
	struct acct before, after;
	struct exec_args a;
	unsigned long entry;

	KT_ASSERT(t, !exec_args_init(&a));
	exec_args_add(&a, argv0, false);
	acct_get(&before);
	KT_EXPECT_EQ(t, PTR_ERR(exec_load("/nonexistent", &a, &entry)), -ENOENT);
	KT_EXPECT_EQ(t, PTR_ERR(exec_load("/proc", &a, &entry)), -EACCES);
	KT_EXPECT_EQ(t, PTR_ERR(exec_load("/proc/cmdline", &a, &entry)), -ENOEXEC);
	if (have_bin("/bin/badelf"))
		KT_EXPECT_EQ(t, PTR_ERR(exec_load("/bin/badelf", &a, &entry)), -ENOEXEC);
	acct_get(&after);
	expect_same(t, &before, &after);
	exec_args_free(&a);
}

KTEST(userland_spawn_exit_cycles_return_memory)
{
	struct acct before, after;

	if (!have_bin("/bin/true")) {
		KT_EXPECT(t, true);
		return;
	}
	KT_EXPECT_EQ(t, wait_exit(spawn_ref("/bin/true", NULL)), 0);	/* warm the caches */
	msleep(5);
	acct_get(&before);
	for (int i = 0; i < 50; i++) {
		struct task *c = spawn_ref("/bin/true", NULL);

		KT_ASSERT(t, !IS_ERR(c));
		KT_EXPECT_EQ(t, wait_exit(c), 0);
	}
	msleep(5);		/* the last child's final switch frees its stack */
	acct_get(&after);
	expect_same(t, &before, &after);
}
