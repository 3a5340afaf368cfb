/*
 * Bitmap bookkeeping of physical pages (private to kernel/mm/). One bit per
 * page frame, set = in use. Pure logic with no locking and no knowledge of
 * the machine, so tests/unit/test_page_bitmap.c checks it on the host.
 */
#ifndef KELP_MM_PAGE_BITMAP_H
#define KELP_MM_PAGE_BITMAP_H

#include <kelp/types.h>

struct page_bitmap {
	u64 *bits;		/* npages bits, rounded up to whole words */
	u64 npages;
	u64 nfree;
	u64 hint;		/* word index where the next search starts */
};

/* Number of u64 words a bitmap of npages needs. */
static inline u64 page_bitmap_words(u64 npages)
{
	return (npages + 63) / 64;
}

/* Starts with every page in use. */
void page_bitmap_init(struct page_bitmap *pb, u64 *bits, u64 npages);
/* Marks [pfn, pfn+n) free or used regardless of state (boot setup); clamps to npages. */
void page_bitmap_set_free(struct page_bitmap *pb, u64 pfn, u64 n);
void page_bitmap_set_used(struct page_bitmap *pb, u64 pfn, u64 n);
/* Finds and takes n contiguous free pages; returns the first pfn or -1. */
s64 page_bitmap_alloc(struct page_bitmap *pb, u64 n);
/* Releases [pfn, pfn+n); -EINVAL (nothing changed) if any page was not in use or out of range. */
int page_bitmap_free(struct page_bitmap *pb, u64 pfn, u64 n);
bool page_bitmap_test(const struct page_bitmap *pb, u64 pfn);

#endif
