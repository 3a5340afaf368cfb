/*
 * The module area: memory for module text and data within rel32 reach of
 * kernel text, with per-page permissions (W^X). Until the scheduler
 * branch's map_kernel_page()/vmap area lands, the area is a page-aligned
 * arena in the kernel image's .bss (4 KiB pages, so its PTEs exist and only
 * their permission bits change; its direct-map alias is read-only like the
 * rest of the image). Pages are handed out first-fit from a bitmap.
 * Locking: module_area_lock (irqsave) guards the bitmap; a leaf lock.
 */
#include <kelp/module.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define MODULE_AREA_SIZE (16UL << 20)
#define MODULE_AREA_PAGES (MODULE_AREA_SIZE / PAGE_SIZE)

static u8 module_area[MODULE_AREA_SIZE] __aligned(PAGE_SIZE);
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

/* First run of n free pages, or MODULE_AREA_PAGES. */
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

/* See module.h. Task context. */
void *module_alloc(size_t size)
{
	size_t n = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE, first;
	unsigned long flags;

	if (!n || n > MODULE_AREA_PAGES)
		return NULL;
	spin_lock_irqsave(&module_area_lock, flags);
	first = find_run(n);
	if (first < MODULE_AREA_PAGES)
		mark_pages(first, n, true);
	spin_unlock_irqrestore(&module_area_lock, flags);
	if (first == MODULE_AREA_PAGES)
		return NULL;
	memset(module_area + first * PAGE_SIZE, 0, n * PAGE_SIZE);
	return module_area + first * PAGE_SIZE;
}

/* See module.h. The pages become RW+NX again and are poisoned. Task context. */
void module_memfree(void *base, size_t size)
{
	size_t n = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	size_t first = ((u8 *)base - module_area) / PAGE_SIZE;
	unsigned long flags;

	if (!base)
		return;
	if (WARN_ON(!is_module_address((unsigned long)base) || first + n > MODULE_AREA_PAGES))
		return;
	module_set_perms(base, n * PAGE_SIZE, true, false);
	memset(base, 0xcc, n * PAGE_SIZE);	/* int3: a stale call traps at once */
	spin_lock_irqsave(&module_area_lock, flags);
	mark_pages(first, n, false);
	spin_unlock_irqrestore(&module_area_lock, flags);
}

/*
 * The boot page tables are in the image's .bss, whose direct-map alias
 * (what paging_lookup returns) is read-only: write through the image.
 */
static u64 *image_alias(u64 *pte)
{
	phys_addr_t pa = virt_to_phys(pte);

	if (pa >= virt_to_phys(_text) && pa < virt_to_phys(_end))
		return (u64 *)(pa + KERNEL_VMA);
	return pte;
}

/* See module.h. Pages outside the area are refused with a warning. Task context. */
void module_set_perms(void *addr, size_t size, bool write, bool exec)
{
	unsigned long va = (unsigned long)addr;

	if (WARN_ON(!is_module_address(va) || (write && exec)))
		return;
	for (; va < (unsigned long)addr + size; va += PAGE_SIZE) {
		int level;
		u64 *pte = paging_lookup(va, &level);

		if (WARN_ON(!pte || level != 1))
			return;
		pte = image_alias(pte);
		*pte &= ~(PTE_WRITE | PTE_NX);
		if (write)
			*pte |= PTE_WRITE;
		if (!exec && cpu_has_nx)
			*pte |= PTE_NX;
		invlpg(va);
	}
}

/* See module.h. Lockless. */
bool is_module_address(unsigned long addr)
{
	return addr >= (unsigned long)module_area &&
	       addr < (unsigned long)module_area + MODULE_AREA_SIZE;
}

/* See module.h. */
size_t module_area_used(void)
{
	return module_area_pages_used * PAGE_SIZE;
}
