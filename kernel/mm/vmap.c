/*
 * Kernel stack area: VMAP_NR_SLOTS slots of VMAP_SLOT_SIZE from
 * VMAP_STACK_START, each holding one THREAD_STACK_SIZE stack at its top and
 * an unmapped guard below it, so an overflow faults instead of scribbling on
 * a neighbour. Stack pages come from page_alloc one by one (no contiguous
 * run needed) and go back on free. vmap_lock (irqsave) guards the slot
 * bitmap; it is taken before paging_lock and pmm_lock, never after them.
 */
#include <kelp/export.h>
#include <kelp/mm.h>
#include <kelp/smp.h>
#include <kelp/spinlock.h>
#include <kelp/printk.h>
#include <kelp/panic.h>

#define STACK_PAGES (THREAD_STACK_SIZE / PAGE_SIZE)

static u64 slot_used[VMAP_NR_SLOTS / 64];	/* bit set = slot holds a stack */
static unsigned int slots_in_use;
static DEFINE_SPINLOCK(vmap_lock);

static unsigned long slot_base(unsigned int i)
{
	return VMAP_STACK_START + (unsigned long)i * VMAP_SLOT_SIZE;
}

static unsigned long stack_lo(unsigned int i)
{
	return slot_base(i) + VMAP_SLOT_SIZE - THREAD_STACK_SIZE;
}

static bool slot_test(unsigned int i)
{
	return READ_ONCE(slot_used[i / 64]) & (1UL << (i % 64));
}

/*
 * Claims the lowest free slot; returns its index or -1. Lowest first, not
 * next after the last: the same set of live stacks always occupies the
 * same slots, so the page tables of the area (freed when empty) come back
 * to the same count once transient tasks are gone: a leak check
 * (/proc/memcheck) around a workload of processes and threads then sees
 * no difference that is only where a stack happened to land.
 */
static int slot_get(void)
{
	unsigned long flags;
	int found = -1;

	spin_lock_irqsave(&vmap_lock, flags);
	for (unsigned int w = 0; w < VMAP_NR_SLOTS / 64; w++) {
		if (slot_used[w] == ~0UL)
			continue;
		found = w * 64 + __builtin_ctzl(~slot_used[w]);
		slot_used[w] |= 1UL << (found % 64);
		slots_in_use++;
		break;
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return found;
}

static void slot_put(unsigned int i)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_lock, flags);
	slot_used[i / 64] &= ~(1UL << (i % 64));
	slots_in_use--;
	spin_unlock_irqrestore(&vmap_lock, flags);
}

/*
 * Unmaps and frees the first n pages of the stack in slot i: every CPU
 * forgets the translations before a page goes back to the allocator.
 */
static void unmap_stack_pages(unsigned int i, unsigned int n)
{
	phys_addr_t pa[STACK_PAGES];

	for (unsigned int p = 0; p < n; p++)
		pa[p] = unmap_kernel_page(stack_lo(i) + p * PAGE_SIZE);
	flush_tlb_kernel_range(stack_lo(i), stack_lo(i) + n * PAGE_SIZE);
	for (unsigned int p = 0; p < n; p++)
		if (pa[p])
			page_free(phys_to_virt(pa[p]), 1);
}

/* See mm.h. */
void *vmap_stack_alloc(void)
{
	int i = slot_get();
	unsigned int p;

	if (i < 0)
		return NULL;
	for (p = 0; p < STACK_PAGES; p++) {
		void *page = page_alloc(1);
		u64 flags = PTE_WRITE | PTE_GLOBAL | (cpu_has_nx ? PTE_NX : 0);

		if (!page)
			goto err;
		if (map_kernel_page(stack_lo(i) + p * PAGE_SIZE, virt_to_phys(page), flags)) {
			page_free(page, 1);
			goto err;
		}
	}
	return (void *)stack_lo(i);
err:
	unmap_stack_pages(i, p);
	slot_put(i);
	return NULL;
}
EXPORT_SYMBOL_FOR_KTEST(vmap_stack_alloc);

/* Slot index of a stack base, or -1 if base is not one. */
static int slot_of_base(unsigned long base)
{
	unsigned long off = base - VMAP_STACK_START;

	if (base < VMAP_STACK_START || off >= VMAP_NR_SLOTS * VMAP_SLOT_SIZE ||
	    base != stack_lo(off / VMAP_SLOT_SIZE))
		return -1;
	return off / VMAP_SLOT_SIZE;
}

/* See mm.h. */
void vmap_stack_free(void *base)
{
	int i = slot_of_base((unsigned long)base);

	if (WARN(i < 0 || !slot_test(i), "vmap: bad stack free at %p\n", base))
		return;
	unmap_stack_pages(i, STACK_PAGES);
	slot_put(i);
}
EXPORT_SYMBOL_FOR_KTEST(vmap_stack_free);

/* See mm.h. */
notrace bool vmap_stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi)
{
	unsigned long off = addr - VMAP_STACK_START;
	unsigned int i;

	if (addr < VMAP_STACK_START || off >= VMAP_NR_SLOTS * VMAP_SLOT_SIZE)
		return false;
	i = off / VMAP_SLOT_SIZE;
	if (addr < stack_lo(i) || !slot_test(i))
		return false;
	*lo = stack_lo(i);
	*hi = slot_base(i) + VMAP_SLOT_SIZE;
	return true;
}
EXPORT_SYMBOL_FOR_KTEST(vmap_stack_bounds);

/* See mm.h. */
unsigned int vmap_stacks_in_use(void)
{
	return READ_ONCE(slots_in_use);
}
EXPORT_SYMBOL_FOR_KTEST(vmap_stacks_in_use);
