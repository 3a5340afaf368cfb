/*
 * test_klp_shadow_vars: Kelp's version of Linux's selftest module of the
 * same name (lib/livepatch/). Its init exercises the shadow variable API
 * on three objects with two ids and logs every call and its result, with
 * pointers replaced by small numbers (PTR0 is NULL, the others are given
 * in order of first appearance) so the log is the same on every run and
 * matches tools/testing/selftests/livepatch/test-shadow-vars.sh line for
 * line. It patches nothing. Used by tests/qemu/livepatch_shadow_vars.t.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/slab.h>

#define NUM_OBJS 3
#define SV_ID1 0x1234	/* a "char" field added to each object */
#define SV_ID2 0x1235	/* an "int" field */

/* pointer -> its number, in order of first appearance */
struct ptr_name {
	struct list_head node;
	void *ptr;
	int nr;
};

static LIST_HEAD(ptr_names);
static int ptr_next;

static int ptr_id(void *ptr)
{
	struct ptr_name *pn;

	list_for_each_entry(pn, &ptr_names, node)
		if (pn->ptr == ptr)
			return pn->nr;
	pn = kmalloc(sizeof(*pn), GFP_ATOMIC);	/* also called from the ctor, under a lock */
	if (!pn)
		return -ENOMEM;
	pn->ptr = ptr;
	pn->nr = ptr_next++;
	list_add(&pn->node, &ptr_names);
	return pn->nr;
}

static void ptr_names_free(void)
{
	struct ptr_name *pn, *tmp;

	list_for_each_entry_safe(pn, tmp, &ptr_names, node) {
		list_del(&pn->node);
		kfree(pn);
	}
}

/* The data is a pointer: the ctor stores *ctor_data in it. */
static int shadow_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	void **sv = shadow_data, **src = ctor_data;
	int sv_nr;

	if (!src)
		return -EINVAL;
	*sv = *src;
	sv_nr = ptr_id(sv);
	pr_info("%s: PTR%d -> PTR%d\n", "shadow_ctor", sv_nr, ptr_id(*src));
	return 0;
}

static void shadow_dtor(void *obj, void *shadow_data)
{
	int obj_nr = ptr_id(obj);

	pr_info("%s(obj=PTR%d, shadow_data=PTR%d)\n", "shadow_dtor", obj_nr, ptr_id(shadow_data));
}

/* ---- the API calls, each logged with its arguments and result ---- */

static void *log_get(void *obj, unsigned long id)
{
	void *sv = klp_shadow_get(obj, id);
	int obj_nr = ptr_id(obj);

	pr_info("klp_shadow_get(obj=PTR%d, id=0x%lx) = PTR%d\n", obj_nr, id, ptr_id(sv));
	return sv;
}

static void log_alloc_line(const char *call, void *obj, unsigned long id, size_t size,
			   gfp_t gfp, void **src, void *sv)
{
	int obj_nr = ptr_id(obj), ctor_nr = ptr_id(shadow_ctor), data_nr = ptr_id(*src);

	pr_info("%s(obj=PTR%d, id=0x%lx, size=%zx, gfp_flags=%pGg), ctor=PTR%d, ctor_data=PTR%d = PTR%d\n",
		call, obj_nr, id, size, &gfp, ctor_nr, data_nr, ptr_id(sv));
}

static void *log_alloc(void *obj, unsigned long id, void **src)
{
	void *sv = klp_shadow_alloc(obj, id, sizeof(*src), GFP_KERNEL, shadow_ctor, src);

	log_alloc_line("klp_shadow_alloc", obj, id, sizeof(*src), GFP_KERNEL, src, sv);
	return sv;
}

static void *log_get_or_alloc(void *obj, unsigned long id, void **src)
{
	void *sv = klp_shadow_get_or_alloc(obj, id, sizeof(*src), GFP_KERNEL, shadow_ctor, src);

	log_alloc_line("klp_shadow_get_or_alloc", obj, id, sizeof(*src), GFP_KERNEL, src, sv);
	return sv;
}

static void log_free(void *obj, unsigned long id)
{
	int obj_nr;

	klp_shadow_free(obj, id, shadow_dtor);
	obj_nr = ptr_id(obj);
	pr_info("klp_shadow_free(obj=PTR%d, id=0x%lx, dtor=PTR%d)\n", obj_nr, id,
		ptr_id(shadow_dtor));
}

static void log_free_all(unsigned long id, klp_shadow_dtor_t dtor)
{
	klp_shadow_free_all(id, dtor);
	pr_info("klp_shadow_free_all(id=0x%lx, dtor=PTR%d)\n", id, ptr_id(dtor));
}

/* "got expected" when sv is the variable allocated and still holds want. */
static void check_points_to(void *sv, void **expected_sv, void *want)
{
	if (sv == expected_sv && *expected_sv == want) {
		int sv_nr = ptr_id(expected_sv);

		pr_info("  got expected PTR%d -> PTR%d result\n", sv_nr, ptr_id(*expected_sv));
	}
}

/* Stands for a structure a patch wants to add fields to (not empty). */
struct test_object {
	long payload;
};

static int run_sequence(struct test_object *objs)
{
	char field1[NUM_OBJS];
	int field2[NUM_OBJS];
	void *p1[NUM_OBJS], *p2[NUM_OBJS], *dup[NUM_OBJS], **sv1[NUM_OBJS], **sv2[NUM_OBJS];
	void *sv;
	int i;

	/* an empty table finds nothing */
	if (!log_get(&objs[0], SV_ID1))
		pr_info("  got expected NULL result\n");

	/* 1: a char and an int field for every object (alloc and get_or_alloc alternate) */
	for (i = 0; i < NUM_OBJS; i++) {
		p1[i] = &field1[i];
		ptr_id(p1[i]);
		sv1[i] = i % 2 ? log_alloc(&objs[i], SV_ID1, &p1[i]) :
				 log_get_or_alloc(&objs[i], SV_ID1, &p1[i]);
		if (!sv1[i])
			return -ENOMEM;
		p2[i] = &field2[i];
		ptr_id(p2[i]);
		sv2[i] = log_alloc(&objs[i], SV_ID2, &p2[i]);
		if (!sv2[i])
			return -ENOMEM;
	}
	/* 2: each is found and points where its ctor said */
	for (i = 0; i < NUM_OBJS; i++) {
		if (!(sv = log_get(&objs[i], SV_ID1)))
			return -EINVAL;
		check_points_to(sv, sv1[i], p1[i]);
		if (!(sv = log_get(&objs[i], SV_ID2)))
			return -EINVAL;
		check_points_to(sv, sv2[i], p2[i]);
	}
	/* 3: get_or_alloc returns the existing ones (no ctor run) */
	for (i = 0; i < NUM_OBJS; i++) {
		dup[i] = &field1[i];
		ptr_id(dup[i]);
		if (!(sv = log_get_or_alloc(&objs[i], SV_ID1, &dup[i])))
			return -EINVAL;
		check_points_to(sv, sv1[i], p1[i]);
	}
	/* 4: free the char fields one by one, with the dtor */
	for (i = 0; i < NUM_OBJS; i++) {
		log_free(&objs[i], SV_ID1);
		if (!log_get(&objs[i], SV_ID1))
			pr_info("  got expected NULL result\n");
	}
	/* 5: the int fields are still there */
	for (i = 0; i < NUM_OBJS; i++) {
		if (!(sv = log_get(&objs[i], SV_ID2)))
			return -EINVAL;
		check_points_to(sv, sv2[i], p2[i]);
	}
	/* 6: free_all of the int fields, without a dtor (its order is not defined) */
	log_free_all(SV_ID2, NULL);
	for (i = 0; i < NUM_OBJS; i++)
		if (!log_get(&objs[i], SV_ID2))
			pr_info("  got expected NULL result\n");
	return 0;
}

static int test_klp_shadow_vars_init(void)
{
	struct test_object objs[NUM_OBJS];
	int ret;

	ptr_id(NULL);		/* PTR0 */
	ret = run_sequence(objs);
	if (ret) {
		klp_shadow_free_all(SV_ID1, NULL);
		klp_shadow_free_all(SV_ID2, NULL);
	}
	ptr_names_free();
	return ret;
}

static void test_klp_shadow_vars_exit(void)
{
}

module_init(test_klp_shadow_vars_init);
module_exit(test_klp_shadow_vars_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Livepatch test: shadow variables");
