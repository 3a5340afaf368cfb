/*
 * Page frame bitmap: allocation of contiguous runs of page frames.
 * Single pages (the common case) skip whole words that are full, starting
 * at a rotating hint; runs are found with a linear scan that jumps past
 * used bits. The caller (pmm.c) holds the lock.
 */
#include "page_bitmap.h"
#include <kelp/errno.h>

#define FULL_WORD (~0ULL)

static inline bool bit_test(const u64 *b, u64 i)
{
	return (b[i / 64] >> (i % 64)) & 1;
}

static inline void bit_set(u64 *b, u64 i)
{
	b[i / 64] |= 1ULL << (i % 64);
}

static inline void bit_clear(u64 *b, u64 i)
{
	b[i / 64] &= ~(1ULL << (i % 64));
}

/* See page_bitmap.h. */
void page_bitmap_init(struct page_bitmap *pb, u64 *bits, u64 npages)
{
	pb->bits = bits;
	pb->npages = npages;
	pb->nfree = 0;
	pb->hint = 0;
	for (u64 w = 0; w < page_bitmap_words(npages); w++)
		bits[w] = FULL_WORD;
}

/*
 * Marks [pfn, pfn + n) free (used if !free), counting the bits that
 * change. Whole words that are entirely the other state flip at once: at
 * boot the memory map frees all of RAM (131072 pages for 512 MiB), which
 * bit by bit cost 2.6 M instructions, a sixth of the boot.
 */
static void set_range(struct page_bitmap *pb, u64 pfn, u64 n, bool free)
{
	u64 end = pfn + n < pfn || pfn + n > pb->npages ? pb->npages : pfn + n;
	u64 from = free ? FULL_WORD : 0;

	for (u64 i = pfn; i < end;) {
		if (i % 64 == 0 && end - i >= 64 && pb->bits[i / 64] == from) {
			pb->bits[i / 64] = ~from;
			if (free)
				pb->nfree += 64;
			else
				pb->nfree -= 64;
			i += 64;
			continue;
		}
		if (bit_test(pb->bits, i) == free) {
			if (free)
				bit_clear(pb->bits, i);
			else
				bit_set(pb->bits, i);
			if (free)
				pb->nfree++;
			else
				pb->nfree--;
		}
		i++;
	}
}

/* See page_bitmap.h. */
void page_bitmap_set_free(struct page_bitmap *pb, u64 pfn, u64 n)
{
	set_range(pb, pfn, n, true);
}

/* See page_bitmap.h. */
void page_bitmap_set_used(struct page_bitmap *pb, u64 pfn, u64 n)
{
	set_range(pb, pfn, n, false);
}

static s64 alloc_one(struct page_bitmap *pb)
{
	u64 words = page_bitmap_words(pb->npages);

	for (u64 k = 0; k < words; k++) {
		u64 w = (pb->hint + k) % words;
		u64 inv = ~pb->bits[w];

		if (!inv)
			continue;
		u64 pfn = w * 64 + __builtin_ctzll(inv);
		if (pfn >= pb->npages)
			continue;
		bit_set(pb->bits, pfn);
		pb->nfree--;
		pb->hint = w;
		return pfn;
	}
	return -1;
}

/* Length of the free run starting at pfn, capped at want. */
static u64 free_run(const struct page_bitmap *pb, u64 pfn, u64 want)
{
	u64 len = 0;

	while (len < want && pfn + len < pb->npages && !bit_test(pb->bits, pfn + len))
		len++;
	return len;
}

/* See page_bitmap.h. */
s64 page_bitmap_alloc(struct page_bitmap *pb, u64 n)
{
	if (n == 0 || n > pb->nfree)
		return -1;
	if (n == 1)
		return alloc_one(pb);
	for (u64 pfn = 0; pfn + n <= pb->npages;) {
		if (pb->bits[pfn / 64] == FULL_WORD && pfn % 64 == 0) {
			pfn += 64;
			continue;
		}
		u64 len = free_run(pb, pfn, n);
		if (len == n) {
			page_bitmap_set_used(pb, pfn, n);
			return pfn;
		}
		pfn += len + 1;
	}
	return -1;
}

/* See page_bitmap.h. */
int page_bitmap_free(struct page_bitmap *pb, u64 pfn, u64 n)
{
	if (n == 0 || pfn >= pb->npages || n > pb->npages - pfn)
		return -EINVAL;
	for (u64 i = pfn; i < pfn + n; i++)
		if (!bit_test(pb->bits, i))
			return -EINVAL;
	for (u64 i = pfn; i < pfn + n; i++)
		bit_clear(pb->bits, i);
	pb->nfree += n;
	return 0;
}

/* See page_bitmap.h. */
bool page_bitmap_test(const struct page_bitmap *pb, u64 pfn)
{
	return pfn >= pb->npages || bit_test(pb->bits, pfn);
}
