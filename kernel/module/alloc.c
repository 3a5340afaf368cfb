/*
 * The module area: MODULES_VADDR..MODULES_END, 64 MiB right above the
 * kernel image's 1 GiB window and within rel32 reach of kernel text, so
 * calls between kernel, modules and patches always reach. An allocation is
 * a run of virtual pages (first fit in a bitmap), each backed by a page
 * from page_alloc and mapped with map_kernel_page(); permissions change per
 * page (text RX, rodata R+NX, data RW+NX). Freed runs are unmapped, so a
 * stale call into an unloaded module faults at once.
 * W^X holds for the direct-map alias too: a page made read-only here is
 * read-only in the direct map (set_direct_map_ro, which splits the huge
 * pages there), and writable again before it goes back to page_alloc.
 * Locking: module_area_lock (irqsave) guards the bitmap; a leaf lock.
 */
#include <kelp/export.h>
#include <kelp/module.h>
#include <kelp/lockdep.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/smp.h>
#include <kelp/panic.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define MODULES_VADDR 0xffffffffc0000000UL
#define MODULES_SIZE (64UL << 20)
#define MODULES_END (MODULES_VADDR + MODULES_SIZE)
#define MODULE_AREA_PAGES (MODULES_SIZE / PAGE_SIZE)

static unsigned long module_area_map[MODULE_AREA_PAGES / 64];
static size_t module_area_pages_used;
static DEFINE_SPINLOCK(module_area_lock);

static bool page_used(size_t i)
{
	return module_area_map[i / 64] & (1UL << (i % 64));
}

static void mark_pages(size_t first, size_t n, bool used)
{
	for (size_t i = first; i < first + n; i++) {
		if (used)
			module_area_map[i / 64] |= 1UL << (i % 64);
		else
			module_area_map[i / 64] &= ~(1UL << (i % 64));
	}
	module_area_pages_used += used ? n : -n;
}

/* First run of n free pages, or MODULE_AREA_PAGES. Caller holds module_area_lock. */
static size_t find_run(size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < MODULE_AREA_PAGES; i++) {
		if (!(i % 64) && module_area_map[i / 64] == ~0UL) {
			run = 0;
			i += 63;
			continue;
		}
		run = page_used(i) ? 0 : run + 1;
		if (run == n)
			return i + 1 - n;
	}
	return MODULE_AREA_PAGES;
}

static void release_run(size_t first, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&module_area_lock, flags);
	mark_pages(first, n, false);
	spin_unlock_irqrestore(&module_area_lock, flags);
}

/*
 * Unmaps and frees the pages of [va, va + n pages) that are mapped, a
 * chunk at a time: unmap, make the direct-map aliases writable, flush
 * every CPU's TLB once, and only then free (a CPU with a stale entry
 * could otherwise reach a page already given to someone else).
 */
#define UNMAP_CHUNK 32

static void unmap_pages(unsigned long va, size_t n)
{
	phys_addr_t pa[UNMAP_CHUNK];

	for (size_t done = 0; done < n; done += UNMAP_CHUNK) {
		size_t k = min(n - done, (size_t)UNMAP_CHUNK);

		for (size_t i = 0; i < k; i++) {
			pa[i] = unmap_kernel_page(va + (done + i) * PAGE_SIZE);
			if (pa[i])
				set_direct_map_ro(pa[i], false);	/* cannot fail: merging needs no memory */
		}
		flush_tlb_all();
		for (size_t i = 0; i < k; i++)
			if (pa[i])
				page_free(phys_to_virt(pa[i]), 1);
	}
}

/* See module.h. Task context. */
void *module_alloc(size_t size)
{
	size_t n = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE, first;
	unsigned long flags, va;

	if (!n || n > MODULE_AREA_PAGES)
		return NULL;
	spin_lock_irqsave(&module_area_lock, flags);
	first = find_run(n);
	if (first < MODULE_AREA_PAGES)
		mark_pages(first, n, true);
	spin_unlock_irqrestore(&module_area_lock, flags);
	if (first == MODULE_AREA_PAGES)
		return NULL;
	va = MODULES_VADDR + first * PAGE_SIZE;
	for (size_t i = 0; i < n; i++) {
		void *page = page_alloc_zeroed(1);

		if (!page || map_kernel_page(va + i * PAGE_SIZE, virt_to_phys(page),
					     PTE_WRITE | PTE_GLOBAL | (cpu_has_nx ? PTE_NX : 0))) {
			if (page)
				page_free(page, 1);
			unmap_pages(va, i);
			release_run(first, n);
			return NULL;
		}
	}
	return (void *)va;
}

/* See module.h. Task context. */
void module_memfree(void *base, size_t size)
{
	size_t n = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	unsigned long va = (unsigned long)base;

	if (!base)
		return;
	if (WARN_ON(!is_module_address(va) || va + n * PAGE_SIZE > MODULES_END))
		return;
	lockdep_free_key_range(base, n * PAGE_SIZE);	/* its lock classes die with it */
	unmap_pages(va, n);
	release_run((va - MODULES_VADDR) / PAGE_SIZE, n);
}

/* See module.h. Pages outside the area are refused with a warning. Task context. */
int module_set_perms(void *addr, size_t size, bool write, bool exec)
{
	unsigned long va = (unsigned long)addr;
	int err = 0;

	if (WARN_ON(!is_module_address(va) || (write && exec)))
		return -EINVAL;
	for (; va < (unsigned long)addr + size; va += PAGE_SIZE) {
		int level;
		u64 *pte = paging_lookup(va, &level);

		if (WARN_ON(!pte || level != 1))
			return -EINVAL;
		/* the alias first: a failure leaves this page as it was */
		err = set_direct_map_ro(*pte & PTE_ADDR_MASK, !write);
		if (err)
			break;
		*pte &= ~(PTE_WRITE | PTE_NX);
		if (write)
			*pte |= PTE_WRITE;
		if (!exec && cpu_has_nx)
			*pte |= PTE_NX;
		invlpg(va);
	}
	flush_tlb_all();	/* the other CPUs: the module's pages and their direct-map aliases */
	return err;
}

/* See module.h. Lockless; notrace (oopses). */
notrace bool is_module_address(unsigned long addr)
{
	return addr >= MODULES_VADDR && addr < MODULES_END;
}
EXPORT_SYMBOL_FOR_KTEST(is_module_address);

/* See module.h. */
size_t module_area_used(void)
{
	return module_area_pages_used * PAGE_SIZE;
}
EXPORT_SYMBOL_FOR_KTEST(module_area_used);
