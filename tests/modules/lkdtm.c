/*
 * lkdtm: deliberate faults, in the style of Linux's Kernel Dump Test Module
 * (drivers/misc/lkdtm): writing a crash type's name to
 * /sys/kernel/debug/provoke-crash/DIRECT performs it in the writer's
 * context; reading the file lists the types. Linux's names where Linux has
 * the type (ACCESS_NULL, WRITE_RO, EXEC_DATA, EXHAUST_STACK, BUG, WARNING,
 * PANIC), Kelp's for the other exceptions and the mutex debug checks. Each
 * type is its own noinline function so the oops and backtrace name it.
 * Test code: the `crash` program (userland/bin/crash.c) loads it.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/mutex.h>
#include <linux/string.h>

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
	kobject_put(lkdtm_kobj);
}

module_init(lkdtm_init);
module_exit(lkdtm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("deliberate faults through /sys/kernel/debug/provoke-crash/DIRECT");
