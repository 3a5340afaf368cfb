/*
 * Memory management: the address space layout, the physical page
 * allocator (a bitmap over all RAM, kernel/mm/pmm.c), the kernel page
 * tables (kernel/mm/paging.c), kmalloc (kernel/mm/kmalloc.c) and the
 * kernel stack area (kernel/mm/vmap.c).
 *
 * Layout: 0xffff888000000000 direct map of all RAM (RW, NX; the kernel
 * image's own pages there are read-only), 0xffffc90000000000 task stacks
 * (16 KiB each, unmapped guard below), 0xffffffff80000000 kernel image
 * (W^X by section). User space sits in the lower half (docs/userland.md).
 */
#ifndef KELP_MM_H
#define KELP_MM_H

#include <kelp/types.h>
#include <kelp/compiler.h>
#include <kelp/list.h>
#include <kelp/signal.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_OFFSET 0xffff888000000000UL
#define KERNEL_VMA 0xffffffff80000000UL

/* Page table entry bits. */
#define PTE_PRESENT (1UL << 0)
#define PTE_WRITE (1UL << 1)
#define PTE_USER (1UL << 2)
#define PTE_PWT (1UL << 3)
#define PTE_PCD (1UL << 4)
#define PTE_ACCESSED (1UL << 5)
#define PTE_DIRTY (1UL << 6)
#define PTE_HUGE (1UL << 7)
#define PTE_GLOBAL (1UL << 8)
#define PTE_NX (1UL << 63)
/*
 * Software bit of a non-present user PTE: a page reserved by mmap or
 * mprotect with PROT_NONE (kernel/mm/mmap.c). Its address field holds the
 * page kept for a later mprotect, or 0 if none was allocated yet.
 */
#define PTE_PROTNONE (1UL << 10)
#define PTE_ADDR_MASK 0x000ffffffffff000UL

static inline void *phys_to_virt(phys_addr_t p)
{
	return (void *)(p + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const void *v)
{
	unsigned long a = (unsigned long)v;

	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - PAGE_OFFSET;
}

/* Kernel image bounds (linker.ld). */
extern char _text[], _stext[], _etext[], __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[], _end[];

/* ---- physical pages (pmm.c) ---- */

/* Takes every available region of the memory map, minus what is in use. Boot. */
void pmm_init(void);
/* npages contiguous pages (direct-map address), or NULL. Any context. */
void *page_alloc(size_t npages);
/* Same, zero-filled. */
void *page_alloc_zeroed(size_t npages);
/* Returns pages from page_alloc; a double or foreign free is refused with a warning. */
void page_free(void *addr, size_t npages);
struct pmm_stats {
	u64 total_pages;	/* usable RAM pages the allocator manages */
	u64 free_pages;
	u64 reserved_pages;	/* kernel image, boot info, modules, bitmap */
};
void pmm_get_stats(struct pmm_stats *st);

/* ---- page tables (paging.c) ---- */

/* Builds the final kernel page tables and switches to them. Boot. */
void paging_init(void);
/* Highest physical address covered by the direct map (exclusive). */
extern phys_addr_t direct_map_end;
/* Returns the page table entry mapping addr (4K, 2M or 1G), or NULL; *level = 1/2/3. */
u64 *paging_lookup(unsigned long addr, int *level);
/* True when the CPU supports NX and the kernel set EFER.NXE. */
extern bool cpu_has_nx;
/*
 * Maps the 4 KiB page pa at va (kernel half, outside the direct map and the
 * image) with flags (PTE_WRITE, PTE_NX, PTE_GLOBAL; PRESENT is added).
 * Missing tables come from page_alloc. Returns 0, -EINVAL (unaligned),
 * -ENOMEM or -EEXIST (already mapped). Any context (paging_lock, irqsave).
 */
int map_kernel_page(unsigned long va, phys_addr_t pa, u64 flags);

/* The window of device register mappings (kernel/mm/ioremap.c). */
#define IOREMAP_BASE 0xfffffffffe000000UL
#define IOREMAP_END  0xffffffffff000000UL
/*
 * Maps size bytes of device registers at phys, uncached (PCD, PWT) and
 * NX, for good. Returns the virtual address of phys, or NULL (the window
 * is full, or a table could not be allocated). Any context but IRQ.
 */
void *ioremap(phys_addr_t phys, size_t size);
/*
 * Removes the 4 KiB mapping at va (invlpg on this CPU) and frees tables
 * left empty (after a flush on every CPU). Returns the physical page it
 * mapped, or 0 if none. Other CPUs may still hold the old translation: the
 * caller flushes them (flush_tlb_kernel_range, once for a whole range)
 * before it frees or reuses the page. Any context, no spinlock held.
 */
phys_addr_t unmap_kernel_page(unsigned long va);
/*
 * Makes the direct-map alias of the RAM page pa read-only (ro) or writable
 * again: module code has no writable alias. Splits 1 GiB/2 MiB pages as
 * needed and merges them back once uniform. 0, -ENOMEM (a split needed a
 * table), -EINVAL (not a direct-mapped page, or a page of the kernel image,
 * whose alias is read-only for good). Flushes this CPU's TLB entry only:
 * the caller flushes the others (flush_tlb_all) before relying on the
 * change. Any context, no spinlock held; takes paging_lock.
 */
int set_direct_map_ro(phys_addr_t pa, bool ro);
/* Page-table pages currently taken from page_alloc (meminfo's PageTables). */
u64 paging_dynamic_table_pages(void);

/* ---- user address spaces (paging.c, kernel/mm/uvm.c) ---- */

/* The user half ends here (exclusive); see docs/userland.md for the layout. */
#define USER_SPACE_END 0x0000800000000000UL

/*
 * A process's address space: its own PML4 whose lower half maps the
 * process's pages (PTE_USER at every level) and whose upper half repeats
 * the kernel's entries (the kernel-half level-3 tables are shared and never
 * freed; a new kernel top-level entry is copied into every user PML4).
 * Owned by the process; torn down at exit (uvm.c).
 */
struct mm {
	u64 *pml4;			/* direct-map address */
	struct list_head node;		/* on the PML4 list, under paging_lock */
	unsigned long start_code, end_code;	/* lowest and highest loaded segment ends */
	unsigned long start_brk, brk;	/* the heap: [start_brk, brk) */
	unsigned long heap_end;		/* pages are mapped up to here (page-aligned) */
	unsigned long start_stack;	/* initial user rsp */
	unsigned long pages;		/* user pages mapped */
	char exe[16];			/* program name for fault reports */
	/*
	 * The process's own user state (its one thread: processes are
	 * single-threaded): the FS base (arch_prctl), the FPU/SSE registers
	 * while it is switched out (kernel/x86_64/fpu.c), set_tid_address's
	 * pointer, and its signals (kernel/process/signal.c).
	 */
	unsigned long fsbase;
	void *fpu;			/* FXSAVE area, FPU_STATE_SIZE bytes, 16-byte aligned */
	unsigned long clear_child_tid;
	struct sig_state sig;
};

/* Allocates mm's PML4 and shares the kernel half. 0 or -ENOMEM. Task context. */
int paging_mm_init(struct mm *mm);
/* Frees every user page and table of mm and its PML4. mm must not be loaded in CR3. */
void paging_mm_destroy(struct mm *mm);
/* Maps the page pa at user address va (flags: PTE_WRITE, PTE_NX). 0, -EINVAL, -ENOMEM, -EEXIST. */
int paging_map_user(struct mm *mm, unsigned long va, phys_addr_t pa, u64 flags);
/* The present PTE mapping user address va in mm, or NULL. */
u64 *paging_user_pte(struct mm *mm, unsigned long va);
/*
 * The level-1 slot for user address va of mm, present or not; with alloc,
 * missing tables are created. NULL if there is no table (alloc: no
 * memory) or va is outside the user half. Task context, mm's own.
 */
u64 *paging_user_slot(struct mm *mm, unsigned long va, bool alloc);
/* Loads mm's PML4 (NULL: the kernel's) if it is not loaded already. IRQs off. */
void paging_switch_mm(struct mm *mm);

/* ---- kernel stacks (vmap.c) ---- */

/*
 * Kernel stacks live in their own area, VMAP_STACK_START.., one slot of
 * VMAP_SLOT_SIZE per stack: THREAD_STACK_SIZE mapped at the top of the slot,
 * the rest (at least one page) left unmapped as a guard below it.
 */
#define VMAP_STACK_START 0xffffc90000000000UL
#define VMAP_SLOT_SIZE (32UL * 1024)
#define VMAP_NR_SLOTS 4096
#define THREAD_STACK_SIZE (16UL * 1024)

/* Maps a fresh stack; returns its lowest address (top = +THREAD_STACK_SIZE) or NULL. Task context. */
void *vmap_stack_alloc(void);
/* Unmaps the stack at base and frees its pages. Any context (not on that stack). */
void vmap_stack_free(void *base);
/* Bounds of the allocated stack containing addr; false if none. Any context, lockless. */
bool vmap_stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi);
/* Stacks currently allocated. */
unsigned int vmap_stacks_in_use(void);

/* ---- kmalloc (kmalloc.c) ---- */

typedef unsigned int gfp_t;
#define GFP_KERNEL 0x0u
#define GFP_ATOMIC 0x1u
#define __GFP_ZERO 0x100u

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(p) ((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)

void kmalloc_init(void);
/* size bytes (aligned to min(size class, 16)), or NULL. Any context. */
void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *krealloc(void *p, size_t size, gfp_t flags);
/* Frees p (NULL and ZERO_SIZE_PTR are ignored; invalid pointers warn). */
void kfree(const void *p);
/* Usable size of an allocation. */
size_t ksize(const void *p);
char *kstrdup(const char *s, gfp_t flags);
/* kmemdup: a kmalloc'd copy of len bytes; kstrndup: of at most max chars, NUL added. NULL if out of memory. */
void *kmemdup(const void *src, size_t len, gfp_t flags);
char *kstrndup(const char *s, size_t max, gfp_t flags);
/* kfree after zeroing the whole allocation (secrets). NULL is ignored. */
void kfree_sensitive(const void *p);
/* Linux's names for the same: __kmalloc is kmalloc, kvfree is kfree, *_const always copy/free. */
void *__kmalloc(size_t size, gfp_t flags);
const char *kstrdup_const(const char *s, gfp_t flags);
void kfree_const(const void *p);
void kvfree(const void *p);
void kvfree_sensitive(const void *p, size_t len);
/* A kmalloc'd copy of len bytes of buf plus a NUL (a write() buffer made a string), or NULL. */
char *kmemdup_nul(const char *buf, size_t len, gfp_t flags);
/* A kmalloc'd formatted string (kernel/lib/kasprintf.c), or NULL. */
char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap);
/* The same; free it with kfree_const or kfree. */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap);
/* krealloc under Linux 6.12's kvrealloc name. */
void *kvrealloc(const void *p, size_t size, gfp_t flags);

/* Accounting, used by meminfo and by tests that check for leaks. */
struct kmalloc_stats {
	u64 bytes_in_use;	/* sum of object sizes handed out */
	u64 allocations;	/* live allocations */
	u64 slab_pages;		/* pages held by the size-class caches */
	u64 large_pages;	/* pages held by allocations > 1 KiB */
};
void kmalloc_get_stats(struct kmalloc_stats *st);
/* Creates /proc/memcheck (kernel/mm/memcheck.c), the leak check's mark and compare. Boot. */
void memcheck_proc_init(void);
/*
 * Fault injection for tests, like Linux's /proc/<pid>/fail-nth: the
 * calling task's nth GFP_KERNEL kmalloc from now returns NULL (0 turns
 * it off). Loop n = 1, 2, ... until kmalloc_fail_pending() is still
 * non-zero after the operation: every allocation of its path has failed
 * once. Task context.
 */
void kmalloc_fail_nth(unsigned int n);
/* Allocations left before the injected failure; 0 once it happened (or off). */
unsigned int kmalloc_fail_pending(void);
/* Prints one line per cache into buf (meminfo / slabinfo); returns length. */
size_t kmalloc_format_caches(char *buf, size_t len);

#endif /* KELP_MM_H */
