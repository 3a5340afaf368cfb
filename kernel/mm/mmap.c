/*
 * Anonymous memory for user processes: mmap, munmap, mprotect and
 * madvise with Linux's numbers, flags and errors, for what musl's malloc
 * needs (private anonymous mappings, PROT_NONE reservations made
 * accessible later, MAP_FIXED over its brk guard page). Pages are
 * allocated and zeroed at mmap time (no demand paging: a user page fault
 * kills the process); a PROT_NONE page is a non-present PTE marked
 * PTE_PROTNONE that keeps its page, if it had one, for a later mprotect.
 * Mappings without MAP_FIXED go top-down in [MMAP_LOW, MMAP_TOP), between
 * the program images and the stack. No file mappings (-ENODEV); W+X is
 * refused (-EACCES), as the loader refuses W+X segments.
 */
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/sched.h>
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define MMAP_LOW 0x7f0000000000UL
#define MMAP_TOP 0x7ff000000000UL
#define MMAP_MAX (256UL << 20)	/* one mapping, allocated eagerly */
#define MMAP_MIN_ADDR 0x10000UL	/* NULL pages are never mapped */

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_KNOWN (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | \
		   0x100 /* GROWSDOWN */ | 0x800 /* DENYWRITE */ | 0x1000 /* EXECUTABLE */ | \
		   0x2000 /* LOCKED */ | 0x4000 /* NORESERVE */ | 0x8000 /* POPULATE */ | \
		   0x10000 /* NONBLOCK */ | 0x20000 /* STACK */)

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8

static bool pte_used(u64 e)
{
	return e & (PTE_PRESENT | PTE_PROTNONE);
}

/* The PTE flags for a Linux prot (not PROT_NONE). */
static u64 prot_pte(unsigned long prot)
{
	u64 f = PTE_PRESENT | PTE_USER;

	if (prot & PROT_WRITE)
		f |= PTE_WRITE;
	if (!(prot & PROT_EXEC) && cpu_has_nx)
		f |= PTE_NX;
	return f;
}

/* Checks a range: page-aligned start, length rounded up, inside the user half. 0 or -EINVAL. */
static int range_ok(unsigned long addr, unsigned long *len)
{
	if (addr & (PAGE_SIZE - 1) || !*len)
		return -EINVAL;
	*len = ALIGN_UP(*len, PAGE_SIZE);
	if (!*len || addr < MMAP_MIN_ADDR || addr >= USER_TOP || *len > USER_TOP - addr)
		return -EINVAL;
	return 0;
}

/* Unmaps [addr, addr + len): frees the pages, clears the entries. */
static void unmap_range(struct mm *mm, unsigned long addr, unsigned long len)
{
	for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
		u64 *slot = paging_user_slot(mm, va, false);

		if (!slot || !pte_used(*slot))
			continue;
		if (*slot & PTE_ADDR_MASK) {
			page_free(phys_to_virt(*slot & PTE_ADDR_MASK), 1);
			mm->pages--;
		}
		*slot = 0;
		invlpg(va);
	}
}

/* Maps [addr, addr + len) fresh: zeroed pages, or PROT_NONE reservations. 0 or -ENOMEM. */
static int map_range(struct mm *mm, unsigned long addr, unsigned long len, unsigned long prot)
{
	for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
		u64 *slot = paging_user_slot(mm, va, true);
		void *page;

		if (!slot)
			return -ENOMEM;
		if (!prot) {
			*slot = PTE_PROTNONE;
			continue;
		}
		page = page_alloc_zeroed(1);
		if (!page)
			return -ENOMEM;
		*slot = virt_to_phys(page) | prot_pte(prot);
		mm->pages++;
	}
	return 0;
}

/* True if no page of [addr, addr + len) is mapped or reserved. */
static bool range_free(struct mm *mm, unsigned long addr, unsigned long len)
{
	for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
		u64 *slot = paging_user_slot(mm, va, false);

		if (slot && pte_used(*slot))
			return false;
	}
	return true;
}

/* The highest free range of len bytes in the mmap area, or 0. */
static unsigned long find_free(struct mm *mm, unsigned long len)
{
	unsigned long end = MMAP_TOP, va = MMAP_TOP;

	while (va - MMAP_LOW >= PAGE_SIZE) {
		u64 *slot;

		if (end - va >= len)
			return va;
		va -= PAGE_SIZE;
		slot = paging_user_slot(mm, va, false);
		if (slot && pte_used(*slot))
			end = va;	/* the run restarts below this page */
	}
	return end - va >= len ? va : 0;
}

/*
 * mmap(addr, len, prot, flags, fd, off): anonymous only. Returns the
 * address, or -EINVAL (bad length, flags or alignment), -ENODEV (a file),
 * -EACCES (W+X), -EEXIST (MAP_FIXED_NOREPLACE over a mapping), -ENOMEM.
 */
SYSCALL_DEFINE(mmap)
{
	struct mm *mm = current->mm;
	unsigned long addr = regs->di, len = regs->si, prot = regs->dx, flags = regs->r10;
	unsigned long type = flags & (MAP_SHARED | MAP_PRIVATE);
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	int err;

	if (!len || (flags & ~MAP_KNOWN) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) ||
	    type == 0 || type == (MAP_SHARED | MAP_PRIVATE))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;
	if ((prot & (PROT_WRITE | PROT_EXEC)) == (PROT_WRITE | PROT_EXEC))
		return -EACCES;
	if (len > MMAP_MAX)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (fixed) {
		if (range_ok(addr, &len))
			return addr & (PAGE_SIZE - 1) ? -EINVAL : -ENOMEM;
		if (!range_free(mm, addr, len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			unmap_range(mm, addr, len);
		}
	} else {
		addr = find_free(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	err = map_range(mm, addr, len, prot);
	if (err) {
		unmap_range(mm, addr, len);
		return err;
	}
	return addr;
}

/* munmap(addr, len): 0, or -EINVAL. Unmapped pages in the range are fine, as Linux. */
SYSCALL_DEFINE(munmap)
{
	unsigned long addr = regs->di, len = regs->si;
	int err = range_ok(addr, &len);

	if (err)
		return err;
	unmap_range(current->mm, addr, len);
	return 0;
}

/*
 * mprotect(addr, len, prot): every page of the range must be mapped
 * (-ENOMEM otherwise, nothing changed). PROT_NONE keeps the page behind a
 * non-present entry; a reservation made accessible gets its page now.
 */
SYSCALL_DEFINE(mprotect)
{
	struct mm *mm = current->mm;
	unsigned long addr = regs->di, len = regs->si, prot = regs->dx;
	int err;

	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len && !(addr & (PAGE_SIZE - 1)))
		return 0;
	err = range_ok(addr, &len);
	if (err)
		return err == -EINVAL && !(addr & (PAGE_SIZE - 1)) ? -ENOMEM : err;
	if ((prot & (PROT_WRITE | PROT_EXEC)) == (PROT_WRITE | PROT_EXEC))
		return -EACCES;
	for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
		u64 *slot = paging_user_slot(mm, va, false);

		if (!slot || !pte_used(*slot))
			return -ENOMEM;
	}
	for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
		u64 *slot = paging_user_slot(mm, va, false);
		u64 pa = *slot & PTE_ADDR_MASK;

		if (!prot) {
			*slot = pa | PTE_PROTNONE;
		} else {
			if (!pa) {
				void *page = page_alloc_zeroed(1);

				if (!page)
					return -ENOMEM;
				pa = virt_to_phys(page);
				mm->pages++;
			}
			*slot = pa | prot_pte(prot);
		}
		invlpg(va);
	}
	return 0;
}

/*
 * madvise(addr, len, advice): hints are accepted and ignored (malloc's
 * MADV_FREE); MADV_DONTNEED zeroes the range's pages, which is what a
 * private anonymous mapping reads afterwards on Linux. Others -EINVAL.
 */
SYSCALL_DEFINE(madvise)
{
	struct mm *mm = current->mm;
	unsigned long addr = regs->di, len = regs->si;
	int err;

	if (!len && !(addr & (PAGE_SIZE - 1)))
		return 0;
	err = range_ok(addr, &len);
	if (err)
		return err;
	switch (regs->dx) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_FREE:
		return 0;
	case MADV_DONTNEED:
		for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
			u64 *slot = paging_user_slot(mm, va, false);

			if (slot && (*slot & PTE_ADDR_MASK) && pte_used(*slot))
				memset(phys_to_virt(*slot & PTE_ADDR_MASK), 0, PAGE_SIZE);
		}
		return 0;
	default:
		return -EINVAL;
	}
}
