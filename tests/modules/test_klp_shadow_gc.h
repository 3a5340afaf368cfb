/*
 * Shared by test_klp_shadow_gc_a/b/c.c (included once by each, as
 * test_klp_state3.c includes test_klp_state2.c): three cumulative patches
 * and shadow variables of type 0x1 on target-ktest.ko's klp_test_objects[]
 * (kernel data that outlives the modules). A module that defines
 * GC_USES_TYPE lists the type on its vmlinux object (klp_object.
 * shadow_types), so the core registers it while the object is patched;
 * GC_ALLOCATES makes init allocate a shadow on nr_objs objects. Each
 * module shows its counters in /sys/kernel/<module>/: ctor_calls and
 * dtor_calls (its own ctor and dtor), shadows (objects with a valid 0x1
 * shadow right now) and users (klp_shadow_type_users(0x1)).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#define GC_ID 0x1
#define GC_MAGIC 0x5ad0c0deUL
#define GC_MAX_OBJS 128

extern long klp_test_objects[GC_MAX_OBJS];	/* exported by target-ktest.ko */

struct gc_shadow {
	unsigned long stamp;	/* the object's address ^ GC_MAGIC, set by the ctor */
};

static int ctor_calls, dtor_calls;	/* atomics: ctor under the shadow lock, dtor outside */
static struct kobject *gc_kobj;

static int gc_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct gc_shadow *s = shadow_data;

	s->stamp = (unsigned long)obj ^ GC_MAGIC;
	__atomic_fetch_add(&ctor_calls, 1, __ATOMIC_RELAXED);
	return 0;
}

/* Counts, and checks it is given the data its ctor made (a mismatch counts 1000). */
static void gc_dtor(void *obj, void *shadow_data)
{
	struct gc_shadow *s = shadow_data;

	__atomic_fetch_add(&dtor_calls, s->stamp == ((unsigned long)obj ^ GC_MAGIC) ? 1 : 1000,
			   __ATOMIC_RELAXED);
}

static struct klp_shadow_type gc_type __maybe_unused = { .id = GC_ID, .ctor = gc_ctor, .dtor = gc_dtor };

/* Objects with a valid shadow: typed (warns if unregistered) when this module uses it. */
static int gc_count_shadows(void)
{
	int n = 0;

	for (int i = 0; i < GC_MAX_OBJS; i++) {
		void *obj = &klp_test_objects[i];
#ifdef GC_USES_TYPE
		struct gc_shadow *s = klp_shadow_get_typed(obj, &gc_type);
#else
		struct gc_shadow *s = klp_shadow_get(obj, GC_ID);
#endif
		if (s && s->stamp == ((unsigned long)obj ^ GC_MAGIC))
			n++;
	}
	return n;
}

static ssize_t ctor_calls_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", __atomic_load_n(&ctor_calls, __ATOMIC_RELAXED));
}

static ssize_t dtor_calls_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", __atomic_load_n(&dtor_calls, __ATOMIC_RELAXED));
}

static ssize_t shadows_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", gc_count_shadows());
}

static ssize_t users_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", klp_shadow_type_users(GC_ID));
}

static struct kobj_attribute ctor_calls_attr = __ATTR_RO(ctor_calls);
static struct kobj_attribute dtor_calls_attr = __ATTR_RO(dtor_calls);
static struct kobj_attribute shadows_attr = __ATTR_RO(shadows);
static struct kobj_attribute users_attr = __ATTR_RO(users);
static struct attribute *gc_attrs[] = {
	&ctor_calls_attr.attr, &dtor_calls_attr.attr, &shadows_attr.attr, &users_attr.attr, NULL
};
static const struct attribute_group gc_group = { .attrs = gc_attrs };

#ifdef GC_USES_TYPE
static struct klp_shadow_type *gc_types[] = { &gc_type, NULL };
#define GC_TYPES gc_types
#else
#define GC_TYPES NULL
#endif

static struct klp_func no_funcs[] = { { } };
static struct klp_object objs[] = {
	{ .funcs = no_funcs, .shadow_types = GC_TYPES },	/* NULL name: vmlinux */
	{ }
};
static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

#ifdef GC_ALLOCATES
static int nr_objs = 100;
module_param(nr_objs, int, 0444);
MODULE_PARM_DESC(nr_objs, "objects to attach a shadow to (default 100, at most 128)");

/*
 * A shadow on each of the first nr_objs objects, through the registered
 * type. Runs with the patch enabled, so init must not fail any more (the
 * patch holds the module): a failure is logged, and what was made is
 * freed with the type.
 */
static void gc_allocate(void)
{
	int i;

	for (i = 0; i < nr_objs; i++)
		if (!klp_shadow_get_or_alloc_typed(&klp_test_objects[i], &gc_type,
						   sizeof(struct gc_shadow), GFP_KERNEL, NULL))
			break;
	if (i < nr_objs)
		pr_err("only %d of %d shadow variables allocated\n", i, nr_objs);
	else
		pr_info("%d shadow variables of type 0x%x allocated\n", nr_objs, GC_ID);
}
#endif

static int gc_init(void)
{
	int ret;

#ifdef GC_ALLOCATES
	if (nr_objs < 0 || nr_objs > GC_MAX_OBJS)
		return -EINVAL;
#endif
	gc_kobj = kobject_create_and_add(KBUILD_MODNAME, kernel_kobj);
	if (!gc_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(gc_kobj, &gc_group);
	if (!ret)
		ret = klp_enable_patch(&patch);
#ifdef GC_ALLOCATES
	if (!ret)
		gc_allocate();
#endif
	if (ret)
		kobject_put(gc_kobj);
	return ret;
}

/* Nothing to free: the patch is disabled or replaced by now, and with it went its type use. */
static void gc_exit(void)
{
	kobject_put(gc_kobj);
}

module_init(gc_init);
module_exit(gc_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
