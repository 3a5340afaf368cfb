/*
 * Host tests of the page frame bitmap (kernel/mm/page_bitmap.c): single
 * pages, contiguous runs, refusal of double and out-of-range frees, and a
 * random workload checked against a shadow array.
 */
#include "unit.h"
#include "../../kernel/mm/page_bitmap.c"

#define NPAGES 1000	/* not a multiple of 64: the last word is partial */

static u64 bits[(NPAGES + 63) / 64];
static struct page_bitmap pb;

static int setup(void **state)
{
	page_bitmap_init(&pb, bits, NPAGES);
	page_bitmap_set_free(&pb, 0, NPAGES);
	return 0;
}

static void test_init_all_used(void **state)
{
	page_bitmap_init(&pb, bits, NPAGES);
	assert_int_equal(pb.nfree, 0);
	assert_int_equal(page_bitmap_alloc(&pb, 1), -1);
	page_bitmap_set_free(&pb, 10, 5);
	assert_int_equal(pb.nfree, 5);
	page_bitmap_set_free(&pb, 998, 100);	/* clamped at npages */
	assert_int_equal(pb.nfree, 7);
}

static void test_single_pages_all_distinct(void **state)
{
	static bool seen[NPAGES];

	for (int i = 0; i < NPAGES; i++) {
		s64 pfn = page_bitmap_alloc(&pb, 1);

		assert_true(pfn >= 0 && pfn < NPAGES);
		assert_false(seen[pfn]);
		seen[pfn] = true;
	}
	assert_int_equal(page_bitmap_alloc(&pb, 1), -1);
	assert_int_equal(pb.nfree, 0);
}

static void test_runs(void **state)
{
	s64 a = page_bitmap_alloc(&pb, 100), b;

	assert_true(a >= 0);
	for (s64 i = a; i < a + 100; i++)
		assert_true(page_bitmap_test(&pb, i));
	b = page_bitmap_alloc(&pb, NPAGES - 100);
	assert_true(b >= 0);
	assert_int_equal(page_bitmap_alloc(&pb, 1), -1);
	assert_int_equal(page_bitmap_free(&pb, a, 100), 0);
	assert_int_equal(page_bitmap_alloc(&pb, 101), -1);	/* only 100 free */
	assert_int_equal(page_bitmap_alloc(&pb, 100), a);
}

static void test_fragmented_run(void **state)
{
	/* Free every other page: no run of 2 exists although half is free. */
	page_bitmap_set_used(&pb, 0, NPAGES);
	for (int i = 0; i < NPAGES; i += 2)
		page_bitmap_set_free(&pb, i, 1);
	assert_int_equal(page_bitmap_alloc(&pb, 2), -1);
	assert_true(page_bitmap_alloc(&pb, 1) >= 0);
}

static void test_bad_frees(void **state)
{
	s64 a = page_bitmap_alloc(&pb, 4);
	u64 nfree = pb.nfree;

	assert_int_equal(page_bitmap_free(&pb, a, 4), 0);
	assert_int_equal(page_bitmap_free(&pb, a, 4), -EINVAL);	/* double free */
	assert_int_equal(page_bitmap_free(&pb, NPAGES, 1), -EINVAL);
	assert_int_equal(page_bitmap_free(&pb, NPAGES - 1, 2), -EINVAL);
	assert_int_equal(page_bitmap_free(&pb, 0, 0), -EINVAL);
	assert_int_equal(pb.nfree, nfree + 4);
}

static void test_random_against_shadow(void **state)
{
	static u8 owner[NPAGES];
	static struct { s64 pfn; u64 n; } live[64];
	u64 seed = 12345;

	for (int op = 0; op < 20000; op++) {
		int slot;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		slot = (seed >> 33) % 64;
		if (live[slot].n) {
			assert_int_equal(page_bitmap_free(&pb, live[slot].pfn, live[slot].n), 0);
			for (u64 i = 0; i < live[slot].n; i++)
				owner[live[slot].pfn + i] = 0;
			live[slot].n = 0;
			continue;
		}
		live[slot].n = 1 + (seed >> 20) % 24;
		live[slot].pfn = page_bitmap_alloc(&pb, live[slot].n);
		if (live[slot].pfn < 0) {
			live[slot].n = 0;
			continue;
		}
		for (u64 i = 0; i < live[slot].n; i++) {
			assert_int_equal(owner[live[slot].pfn + i], 0);	/* no overlap */
			owner[live[slot].pfn + i] = slot + 1;
		}
	}
}

/* Range marking, word-at-a-time in the middle, against a bit-by-bit model. */
static void test_set_ranges_against_model(void **state)
{
	static bool model[NPAGES];
	u64 nfree = 0;

	(void)state;
	srand(7);
	page_bitmap_init(&pb, bits, NPAGES);
	for (u64 i = 0; i < NPAGES; i++)
		model[i] = false;
	for (int round = 0; round < 2000; round++) {
		u64 pfn = rand() % (NPAGES + 10), n = rand() % 300;
		bool free = rand() % 2;

		if (round % 50 == 0)
			n = ~0ULL - pfn + 5;	/* pfn + n wraps: clamped to the end */
		if (free)
			page_bitmap_set_free(&pb, pfn, n);
		else
			page_bitmap_set_used(&pb, pfn, n);
		for (u64 i = pfn; i < NPAGES && i - pfn < n; i++)
			model[i] = free;
		nfree = 0;
		for (u64 i = 0; i < NPAGES; i++) {
			nfree += model[i];
			assert_int_equal(page_bitmap_test(&pb, i), !model[i]);
		}
		assert_int_equal(pb.nfree, nfree);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_all_used),
		cmocka_unit_test_setup(test_single_pages_all_distinct, setup),
		cmocka_unit_test_setup(test_runs, setup),
		cmocka_unit_test_setup(test_fragmented_run, setup),
		cmocka_unit_test_setup(test_bad_frees, setup),
		cmocka_unit_test_setup(test_random_against_shadow, setup),
		cmocka_unit_test(test_set_ranges_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
