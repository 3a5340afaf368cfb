/*
 * Physical page allocator. At boot it sizes a bitmap for all RAM below the
 * highest available address, places the bitmap in free RAM, frees every
 * available region of the Multiboot2 memory map and reserves what is in
 * use: the first MiB (BIOS data, trampolines), the kernel image, the boot
 * info, the boot modules and the bitmap itself. pmm_lock (irqsave, a leaf
 * lock) guards the bitmap.
 */
#include <kelp/export.h>
#include <kelp/mm.h>
#include <kelp/boot_info.h>
#include <kelp/spinlock.h>
#include <kelp/printk.h>
#include <kelp/panic.h>
#include <kelp/string.h>
#include <kelp/errno.h>
#include "page_bitmap.h"

static struct page_bitmap pmm;
static DEFINE_SPINLOCK(pmm_lock);
static u64 pmm_reserved;	/* pages reserved at boot */
static u64 pmm_total;		/* available RAM pages in the bitmap */

static u64 pfn_down(u64 a) { return a >> PAGE_SHIFT; }
static u64 pfn_up(u64 a) { return (a + PAGE_SIZE - 1) >> PAGE_SHIFT; }

static u64 highest_available_pfn(void)
{
	u64 top = 0;

	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];

		if (r->type == BOOT_MEM_AVAILABLE && pfn_down(r->base + r->length) > top)
			top = pfn_down(r->base + r->length);
	}
	return min(top, pfn_down(direct_map_end));
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/* Whether [base, base+len) avoids the kernel, boot info and modules. */
static bool range_is_unused(u64 base, u64 len)
{
	if (base < 0x100000 ||
	    overlaps(base, len, virt_to_phys(_text), (u64)(_end - _text)) ||
	    overlaps(base, len, boot_info.mbi_phys, boot_info.mbi_size))
		return false;
	for (u32 i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (overlaps(base, len, m->start, m->end - m->start))
			return false;
	}
	return true;
}

/* A page-aligned home for the bitmap inside available RAM. */
static u64 find_bitmap_home(u64 bytes)
{
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];
		u64 end = r->base + r->length;

		if (r->type != BOOT_MEM_AVAILABLE)
			continue;
		for (u64 a = ALIGN_UP(r->base, PAGE_SIZE); a + bytes <= end && a + bytes <= direct_map_end;
		     a += PAGE_SIZE)
			if (range_is_unused(a, bytes))
				return a;
	}
	panic("pmm: no room for the page bitmap (%llu bytes)", (unsigned long long)bytes);
}

static void reserve(u64 base, u64 len)
{
	u64 before = pmm.nfree;

	page_bitmap_set_used(&pmm, pfn_down(base), pfn_up(base + len) - pfn_down(base));
	pmm_reserved += before - pmm.nfree;
}

/* See mm.h. */
void pmm_init(void)
{
	u64 npages = highest_available_pfn();
	u64 bytes = ALIGN_UP(page_bitmap_words(npages) * 8, PAGE_SIZE);
	u64 home = find_bitmap_home(bytes);

	page_bitmap_init(&pmm, phys_to_virt(home), npages);
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];

		if (r->type == BOOT_MEM_AVAILABLE)
			page_bitmap_set_free(&pmm, pfn_up(r->base),
					     pfn_down(r->base + r->length) - pfn_up(r->base));
	}
	pmm_total = pmm.nfree;
	reserve(0, 0x100000);
	reserve(virt_to_phys(_text), _end - _text);
	reserve(boot_info.mbi_phys, boot_info.mbi_size);
	for (u32 i = 0; i < boot_info.module_count; i++)
		reserve(boot_info.modules[i].start, boot_info.modules[i].end - boot_info.modules[i].start);
	reserve(home, bytes);
	pr_info("pmm: %llu MiB usable, %llu pages free, %llu reserved\n",
		(unsigned long long)(pmm_total >> (20 - PAGE_SHIFT)),
		(unsigned long long)pmm.nfree, (unsigned long long)pmm_reserved);
}

/* See mm.h. */
void *page_alloc(size_t npages)
{
	unsigned long flags;
	s64 pfn;

	spin_lock_irqsave(&pmm_lock, flags);
	pfn = page_bitmap_alloc(&pmm, npages);
	spin_unlock_irqrestore(&pmm_lock, flags);
	return pfn < 0 ? NULL : phys_to_virt((u64)pfn << PAGE_SHIFT);
}
EXPORT_SYMBOL_FOR_KTEST(page_alloc);

/* See mm.h. */
void *page_alloc_zeroed(size_t npages)
{
	void *p = page_alloc(npages);

	if (p)
		memset(p, 0, npages * PAGE_SIZE);
	return p;
}
EXPORT_SYMBOL_FOR_KTEST(page_alloc_zeroed);

/* See mm.h. */
void page_free(void *addr, size_t npages)
{
	unsigned long a = (unsigned long)addr, flags;
	int err = -EINVAL;

	if (a >= PAGE_OFFSET && a < PAGE_OFFSET + direct_map_end && IS_ALIGNED(a, PAGE_SIZE)) {
		spin_lock_irqsave(&pmm_lock, flags);
		err = page_bitmap_free(&pmm, virt_to_phys(addr) >> PAGE_SHIFT, npages);
		spin_unlock_irqrestore(&pmm_lock, flags);
	}
	WARN(err, "page_free: bad free of %zu pages at %p\n", npages, addr);
}
EXPORT_SYMBOL_FOR_KTEST(page_free);

/* See mm.h. */
void pmm_get_stats(struct pmm_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&pmm_lock, flags);
	st->free_pages = pmm.nfree;
	spin_unlock_irqrestore(&pmm_lock, flags);
	st->reserved_pages = pmm_reserved;
	st->total_pages = pmm_total;
}
EXPORT_SYMBOL_FOR_KTEST(pmm_get_stats);
