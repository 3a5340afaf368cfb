/*
 * Host tests of shadow variables (livepatch/shadow.c): Linux's semantics
 * (zeroed data, ctor once, duplicate refused with a warning, ctor failure,
 * free with dtor, free_all by id), the table growing to 100k shadows, and
 * garbage collection through registered types, with allocations checked.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"
#undef pr_fmt	/* the kernel file defines its own */
#include "../../livepatch/shadow.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

static int ctor_calls, dtor_calls;
static int objs[200000];

static int ctor(void *obj, void *data, void *arg)
{
	ctor_calls++;
	*(int *)data = *(int *)arg;
	return 0;
}

static int failing_ctor(void *obj, void *data, void *arg)
{
	return -ENOMEM;
}

static void dtor(void *obj, void *data)
{
	dtor_calls++;
}

static int setup(void **state)
{
	ctor_calls = dtor_calls = host_warnings = 0;
	return 0;
}

static void test_basic(void **state)
{
	int v = 7, *p;

	assert_null(klp_shadow_get(&objs[0], 1));
	p = klp_shadow_alloc(&objs[0], 1, 64, GFP_KERNEL, ctor, &v);
	assert_non_null(p);
	assert_int_equal(*p, 7);
	assert_int_equal(p[1], 0);		/* zeroed */
	assert_ptr_equal(klp_shadow_get(&objs[0], 1), p);
	assert_null(klp_shadow_get(&objs[0], 2));
	assert_null(klp_shadow_get(&objs[1], 1));
	assert_null(klp_shadow_alloc(&objs[0], 1, 64, GFP_KERNEL, ctor, &v));
	assert_int_equal(host_warnings, 1);	/* Duplicate shadow variable */
	assert_ptr_equal(klp_shadow_get_or_alloc(&objs[0], 1, 64, GFP_KERNEL, ctor, &v), p);
	assert_int_equal(ctor_calls, 1);	/* not run again */
	klp_shadow_free(&objs[0], 1, dtor);
	assert_int_equal(dtor_calls, 1);
	assert_null(klp_shadow_get(&objs[0], 1));
	klp_shadow_free(&objs[0], 1, dtor);	/* nothing left: no dtor */
	assert_int_equal(dtor_calls, 1);
	assert_int_equal(klp_shadow_count(), 0);
}

static void test_ctor_failure(void **state)
{
	assert_null(klp_shadow_alloc(&objs[3], 5, 8, GFP_KERNEL, failing_ctor, NULL));
	assert_null(klp_shadow_get(&objs[3], 5));
	assert_int_equal(klp_shadow_count(), 0);
}

static void test_free_all_by_id(void **state)
{
	int v = 1;

	for (int i = 0; i < 3; i++) {
		assert_non_null(klp_shadow_alloc(&objs[i], 0x10, 8, GFP_KERNEL, ctor, &v));
		assert_non_null(klp_shadow_alloc(&objs[i], 0x20, 8, GFP_KERNEL, ctor, &v));
	}
	klp_shadow_free_all(0x10, dtor);
	assert_int_equal(dtor_calls, 3);
	assert_null(klp_shadow_get(&objs[1], 0x10));
	assert_non_null(klp_shadow_get(&objs[1], 0x20));
	klp_shadow_free_all(0x20, NULL);
	assert_int_equal(klp_shadow_count(), 0);
}

static void test_100k(void **state)
{
	int v = 3;

	for (int i = 0; i < 100000; i++)
		assert_non_null(klp_shadow_alloc(&objs[i], 0x99, 16, GFP_KERNEL, NULL, &v));
	assert_int_equal(klp_shadow_count(), 100000);
	assert_true(table_bits >= 17);		/* grew with the load */
	for (int i = 0; i < 100000; i++)
		assert_non_null(klp_shadow_get(&objs[i], 0x99));
	klp_shadow_free_all(0x99, dtor);
	assert_int_equal(dtor_calls, 100000);
	assert_int_equal(klp_shadow_count(), 0);
}

static void test_type_gc(void **state)
{
	struct klp_shadow_type a = { .id = 0x1, .ctor = ctor, .dtor = dtor };
	struct klp_shadow_type b = { .id = 0x1, .ctor = ctor, .dtor = dtor };
	int v = 0;

	assert_int_equal(klp_shadow_register(&a), 0);
	for (int i = 0; i < 100; i++)
		assert_non_null(klp_shadow_get_or_alloc_typed(&objs[i], &a, 8, GFP_KERNEL, &v));
	assert_int_equal(klp_shadow_register(&b), 0);		/* a second user */
	klp_shadow_unregister(&a);
	assert_int_equal(dtor_calls, 0);			/* b still uses it */
	assert_int_equal(klp_shadow_type_users(0x1), 1);
	klp_shadow_unregister(&b);
	assert_int_equal(dtor_calls, 100);			/* the last user went */
	assert_int_equal(klp_shadow_count(), 0);
	assert_int_equal(klp_shadow_type_users(0x1), 0);
}

/*
 * Regression (shadow GC refused cumulative patches): every patch module has
 * its own dtor for a shared id; the registry used to refuse the second
 * registration (-EINVAL, "registered with another destructor"), so a
 * replace patch using the type could never take over. The dtor of the
 * last user is the one that runs.
 */
static int dtor_b_calls;

static void dtor_b(void *obj, void *data)
{
	dtor_b_calls++;
}

static void test_gc_cumulative_patches_own_dtors(void **state)
{
	struct klp_shadow_type a = { .id = 0x1, .ctor = ctor, .dtor = dtor };
	struct klp_shadow_type b = { .id = 0x1, .ctor = ctor, .dtor = dtor_b };
	int v = 0;

	dtor_b_calls = 0;
	assert_int_equal(klp_shadow_register(&a), 0);
	for (int i = 0; i < 100; i++)
		assert_non_null(klp_shadow_get_or_alloc_typed(&objs[i], &a, 8, GFP_KERNEL, &v));
	assert_int_equal(klp_shadow_register(&b), 0);		/* the replace patch */
	klp_shadow_unregister(&a);				/* the replaced one goes */
	assert_int_equal(dtor_calls + dtor_b_calls, 0);
	assert_int_equal(klp_shadow_count(), 100);
	klp_shadow_unregister(&b);				/* a patch without it replaced b */
	assert_int_equal(dtor_calls, 0);
	assert_int_equal(dtor_b_calls, 100);
	assert_int_equal(klp_shadow_count(), 0);
	assert_null(table);		/* the emptied table was given back */
	assert_int_equal(klp_shadow_type_users(0x1), 0);
}

static void test_no_leak(void **state)
{
	kfree(table);
	table = NULL;
	table_bits = 0;
	assert_int_equal(host_live_allocs(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_basic, setup),
		cmocka_unit_test_setup(test_ctor_failure, setup),
		cmocka_unit_test_setup(test_gc_cumulative_patches_own_dtors, setup),
		cmocka_unit_test_setup(test_free_all_by_id, setup),
		cmocka_unit_test_setup(test_100k, setup),
		cmocka_unit_test_setup(test_type_gc, setup),
		cmocka_unit_test(test_no_leak),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
