/*
 * ioremap(): device registers (the local APIC, I/O APICs) mapped
 * uncached in a window of the kernel half reserved for them, IOREMAP_BASE
 * .. IOREMAP_END. Mappings are few and for good (a driver keeps its
 * registers), so the window is a bump allocator and nothing is unmapped.
 * Locking: ioremap_lock guards the bump pointer; a leaf lock.
 */
#include <kelp/mm.h>
#include <kelp/errno.h>
#include <kelp/spinlock.h>

static DEFINE_SPINLOCK(ioremap_lock);
static unsigned long ioremap_next = IOREMAP_BASE;

/* See mm.h. */
void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t first = phys & PAGE_MASK;
	size_t len = ALIGN_UP(phys + size, PAGE_SIZE) - first;
	unsigned long flags, va;

	if (!size || phys + size < phys)
		return NULL;
	spin_lock_irqsave(&ioremap_lock, flags);
	va = ioremap_next;
	if (len > IOREMAP_END - va) {
		spin_unlock_irqrestore(&ioremap_lock, flags);
		return NULL;
	}
	ioremap_next += len;
	spin_unlock_irqrestore(&ioremap_lock, flags);

	for (size_t off = 0; off < len; off += PAGE_SIZE)
		if (map_kernel_page(va + off, first + off, PTE_WRITE | PTE_NX | PTE_PCD | PTE_PWT))
			return NULL;	/* the window's pages stay reserved: a boot-time failure */
	return (void *)(va + (phys - first));
}
