/*
 * lkdtm: deliberate faults, in the style of Linux's Kernel Dump Test Module
 * (drivers/misc/lkdtm): writing a crash type's name to
 * /sys/kernel/debug/provoke-crash/DIRECT performs it in the writer's
 * context; reading the file lists the types. Linux's names where Linux has
 * the type (ACCESS_NULL, WRITE_RO, EXEC_DATA, EXHAUST_STACK, BUG, WARNING,
 * PANIC), Kelp's for the other exceptions, the mutex debug checks and the
 * lock validator's deliberate bad orders (docs/smp.md). Each
 * type is its own noinline function so the oops and backtrace name it.
 * Test code: the `crash` program (userland/bin/crash.c) loads it.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/string.h>
#include <linux/kthread.h>
#include <linux/cpumask.h>

static volatile unsigned long lkdtm_zero;	/* opaque zero: the compiler cannot fold it */
static const int lkdtm_rodata = 1;
static u8 lkdtm_data_code[16] = { 0xc3 };	/* ret, in writable NX data */

/* A read of address 0 (Linux's ACCESS_NULL). */
static noinline void lkdtm_ACCESS_NULL(void)
{
	int v = *(volatile int *)lkdtm_zero;

	(void)v;
}

static noinline void lkdtm_WRITE_RO(void)
{
	*(volatile int *)&lkdtm_rodata = 2;
}

static noinline void lkdtm_EXEC_DATA(void)
{
	((void (*)(void))(lkdtm_data_code + lkdtm_zero))();
}

static noinline void lkdtm_UD2(void)
{
	__asm__ __volatile__("ud2");
}

/* A non-canonical address: #GP, not #PF. */
static noinline void lkdtm_NONCANONICAL(void)
{
	(void)*(volatile unsigned long *)(0x8000000000000000UL + lkdtm_zero);
}

static noinline void lkdtm_DIVIDE_ERROR(void)
{
	volatile unsigned long n = 1;

	n = n / lkdtm_zero;
}

static noinline void lkdtm_INT3(void)
{
	__asm__ __volatile__("int3");
}

/* Each call eats 1 KiB of stack until the guard page stops it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static noinline unsigned long lkdtm_recurse(unsigned long depth)
{
	volatile char pad[1024];

	pad[0] = depth;
	return lkdtm_recurse(depth + 1) + pad[0];
}
#pragma GCC diagnostic pop

static noinline void lkdtm_EXHAUST_STACK(void)
{
	lkdtm_recurse(0);
}

static noinline void lkdtm_BUG(void)
{
	BUG();
}

static noinline void lkdtm_WARNING(void)
{
	WARN(1, "lkdtm: deliberate warning\n");
}

static noinline void lkdtm_PANIC(void)
{
	panic("lkdtm: deliberate panic");
}

static DEFINE_MUTEX(lkdtm_mutex);

/* Unlocking a mutex nobody holds: a warning, and the mutex stays as it was. */
static noinline void lkdtm_MUTEX_UNLOCK_UNOWNED(void)
{
	mutex_unlock(&lkdtm_mutex);
}

/* Taking a mutex twice: a deadlock, caught and reported by a panic. */
static noinline void lkdtm_MUTEX_RECURSIVE(void)
{
	mutex_lock(&lkdtm_mutex);
	mutex_lock(&lkdtm_mutex);
}

/* ---- the lock validator's deliberate bad orders (one per boot: the first report turns it off) ---- */

static DEFINE_MUTEX(lkdtm_lock_a);
static DEFINE_MUTEX(lkdtm_lock_b);

static noinline void lkdtm_lock_b_then_a(void)
{
	mutex_lock(&lkdtm_lock_b);
	mutex_lock(&lkdtm_lock_a);
	mutex_unlock(&lkdtm_lock_a);
	mutex_unlock(&lkdtm_lock_b);
}

/* A then B, later B then A: an AB-BA pair, reported when the second order appears. */
static noinline void lkdtm_LOCKDEP_ABBA(void)
{
	mutex_lock(&lkdtm_lock_a);
	mutex_lock(&lkdtm_lock_b);
	mutex_unlock(&lkdtm_lock_b);
	mutex_unlock(&lkdtm_lock_a);
	lkdtm_lock_b_then_a();
}

/*
 * The same AB-BA pair while a thread on every other CPU takes a validated
 * spinlock in a loop, so that they are entering the validator when the
 * report turns it off: the report is printed once, by the CPU that made it
 * (the regression lockdep_report_printed_twice: a CPU that was spinning on
 * the validator's lock printed the buffer again after it).
 */
static DEFINE_SPINLOCK(lkdtm_busy_lock);

static int lkdtm_busy_locker(void *unused)
{
	while (!kthread_should_stop()) {
		spin_lock(&lkdtm_busy_lock);
		spin_unlock(&lkdtm_busy_lock);
	}
	return 0;
}

static noinline void lkdtm_LOCKDEP_ABBA_CONTENDED(void)
{
	struct task_struct *busy[NR_CPUS];
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu) {
		struct task_struct *t;

		if (cpu == raw_smp_processor_id())
			continue;
		t = kthread_create(lkdtm_busy_locker, NULL, "lkdtm_busy/%u", cpu);
		if (IS_ERR(t))
			continue;
		kthread_bind(t, cpu);
		wake_up_process(t);
		busy[n++] = t;
	}
	msleep(20);	/* every locker is looping */
	lkdtm_LOCKDEP_ABBA();
	msleep(20);
	while (n)
		kthread_stop(busy[--n]);
}

static DEFINE_SPINLOCK(lkdtm_irq_lock);
static struct timer_list lkdtm_timer;

static void lkdtm_timer_fn(struct timer_list *t)
{
	spin_lock(&lkdtm_irq_lock);	/* hard-IRQ context: timers run from the tick */
	spin_unlock(&lkdtm_irq_lock);
}

/* A lock taken in IRQ context, then with IRQs on: the interrupt could deadlock on it. */
static noinline void lkdtm_LOCKDEP_IRQ_UNSAFE(void)
{
	timer_setup(&lkdtm_timer, lkdtm_timer_fn, 0);
	mod_timer(&lkdtm_timer, jiffies + 1);
	msleep(50);
	del_timer_sync(&lkdtm_timer);
	spin_lock(&lkdtm_irq_lock);
	spin_unlock(&lkdtm_irq_lock);
}

static DEFINE_SPINLOCK(lkdtm_atomic_lock);

/* A call that may sleep (a free mutex: it does not) under a spinlock. */
static noinline void lkdtm_SLEEP_IN_ATOMIC(void)
{
	spin_lock(&lkdtm_atomic_lock);
	mutex_lock(&lkdtm_lock_a);
	mutex_unlock(&lkdtm_lock_a);
	spin_unlock(&lkdtm_atomic_lock);
}

/*
 * Seeds 000/003 in miniature: /sys/kernel/lkdtm/poke's store takes
 * lkdtm_kn_mutex; KERNFS_REMOVE_LOCKED removes the file while holding that
 * mutex, so its drain would wait for a store that waits for the mutex.
 * After one write to poke, the validator reports the order at the removal,
 * though no store is in flight.
 */
static DEFINE_MUTEX(lkdtm_kn_mutex);
static struct kobject *lkdtm_kn_kobj;

static ssize_t poke_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			  size_t count)
{
	mutex_lock(&lkdtm_kn_mutex);
	mutex_unlock(&lkdtm_kn_mutex);
	return count;
}

static struct kobj_attribute poke_attr = __ATTR_WO(poke);

static noinline void lkdtm_KERNFS_ADD(void)
{
	if (lkdtm_kn_kobj)
		return;
	lkdtm_kn_kobj = kobject_create_and_add("lkdtm", kernel_kobj);
	if (lkdtm_kn_kobj && sysfs_create_file(lkdtm_kn_kobj, &poke_attr.attr)) {
		kobject_put(lkdtm_kn_kobj);
		lkdtm_kn_kobj = NULL;
	}
}

static noinline void lkdtm_KERNFS_REMOVE_LOCKED(void)
{
	mutex_lock(&lkdtm_kn_mutex);
	kobject_put(lkdtm_kn_kobj);
	lkdtm_kn_kobj = NULL;
	mutex_unlock(&lkdtm_kn_mutex);
}

#define CRASHTYPE(name) { #name, lkdtm_##name }

static const struct {
	const char *name;
	void (*fn)(void);
} crashtypes[] = {
	CRASHTYPE(PANIC),
	CRASHTYPE(BUG),
	CRASHTYPE(WARNING),
	CRASHTYPE(EXHAUST_STACK),
	CRASHTYPE(ACCESS_NULL),
	CRASHTYPE(WRITE_RO),
	CRASHTYPE(EXEC_DATA),
	CRASHTYPE(UD2),
	CRASHTYPE(NONCANONICAL),
	CRASHTYPE(DIVIDE_ERROR),
	CRASHTYPE(INT3),
	CRASHTYPE(MUTEX_UNLOCK_UNOWNED),
	CRASHTYPE(MUTEX_RECURSIVE),
	CRASHTYPE(LOCKDEP_ABBA),
	CRASHTYPE(LOCKDEP_ABBA_CONTENDED),
	CRASHTYPE(LOCKDEP_IRQ_UNSAFE),
	CRASHTYPE(SLEEP_IN_ATOMIC),
	CRASHTYPE(KERNFS_ADD),
	CRASHTYPE(KERNFS_REMOVE_LOCKED),
};

static ssize_t DIRECT_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int n = sysfs_emit(buf, "Available crash types:\n");

	for (unsigned int i = 0; i < ARRAY_SIZE(crashtypes); i++)
		n += scnprintf(buf + n, 4096 - n, "%s\n", crashtypes[i].name);
	return n;
}

/* Performs the named type (a trailing newline is allowed); -EINVAL if unknown. */
static ssize_t DIRECT_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			    size_t count)
{
	size_t n = strnlen(buf, count);

	if (n && buf[n - 1] == '\n')
		n--;
	for (unsigned int i = 0; i < ARRAY_SIZE(crashtypes); i++) {
		if (strlen(crashtypes[i].name) != n || memcmp(crashtypes[i].name, buf, n))
			continue;
		pr_info("lkdtm: Performing direct entry %s\n", crashtypes[i].name);
		crashtypes[i].fn();
		return count;
	}
	return -EINVAL;
}

static struct kobj_attribute direct_attr = __ATTR_RW(DIRECT);
static struct kobject *lkdtm_kobj;

static int __init lkdtm_init(void)
{
	int err;

	lkdtm_kobj = kobject_create_and_add("provoke-crash", debug_kobj);
	if (!lkdtm_kobj)
		return -ENOMEM;
	err = sysfs_create_file(lkdtm_kobj, &direct_attr.attr);
	if (err)
		kobject_put(lkdtm_kobj);
	return err;
}

static void __exit lkdtm_exit(void)
{
	kobject_put(lkdtm_kn_kobj);
	kobject_put(lkdtm_kobj);
}

module_init(lkdtm_init);
module_exit(lkdtm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("deliberate faults through /sys/kernel/debug/provoke-crash/DIRECT");
