/*
 * Kernel page tables. paging_init() replaces the boot tables with:
 *  - the direct map of RAM at PAGE_OFFSET: RW+NX, 1 GiB pages where the CPU
 *    has them (2 MiB otherwise); the pages holding the kernel image are
 *    read-only there, so the image has no writable alias of its code;
 *  - the kernel image at KERNEL_VMA in 4 KiB pages, W^X by section: text
 *    RX, rodata R+NX, data/bss RW+NX; the stack guard pages stay unmapped.
 * The identity map of the boot code is dropped. Boot-time table pages come
 * from a static pool (the page allocator needs the direct map first); after
 * boot, map_kernel_page() takes them from page_alloc and unmap_kernel_page()
 * gives them back once empty, so mapping and unmapping leaks nothing.
 * set_direct_map_ro() makes the direct-map alias of a page read-only
 * (module code: no writable alias, as Linux's set_memory_ro does for the
 * alias), splitting huge pages for it and putting them back together
 * when the region is uniform again, so that too leaks no table.
 * paging_lock (irqsave, a leaf apart from pmm_lock) guards every change.
 */
#include <kelp/export.h>
#include <kelp/mm.h>
#include <kelp/smp.h>
#include <kelp/boot_info.h>
#include <kelp/printk.h>
#include <kelp/panic.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include <kelp/errno.h>
#include <kelp/x86.h>
#include <kelp/list.h>

#define PT_POOL_PAGES 80
#define GIB (1UL << 30)
#define MIB2 (1UL << 21)
#define DIRECT_MAP_MAX (64 * GIB)	/* 2 MiB pages: 64 PDs from the pool */

phys_addr_t direct_map_end;
EXPORT_SYMBOL_FOR_KTEST(direct_map_end);
bool cpu_has_nx;
EXPORT_SYMBOL_FOR_KTEST(cpu_has_nx);
static bool cpu_has_1g;

static u64 pt_pool[PT_POOL_PAGES][512] __aligned(PAGE_SIZE);
static unsigned int pt_pool_used;
static u64 *kernel_pml4;
static DEFINE_SPINLOCK(paging_lock);	/* page tables changed after boot */
static u64 pt_pages_dynamic;		/* table pages from page_alloc, in use */
static u64 kernel_pml4_seen[512];	/* kernel-half entries the user PML4s have */

extern char boot_stack_guard[], stacks_guard_pages[];

/*
 * The image bounds of linker.ld and the boot stack's guard page
 * (boot/entry.asm), which this file maps, for the W^X and guard tests:
 * neither a linker script nor assembly can carry an export.
 */
EXPORT_SYMBOL_FOR_KTEST(_text);
EXPORT_SYMBOL_FOR_KTEST(_stext);
EXPORT_SYMBOL_FOR_KTEST(__rodata_start);
EXPORT_SYMBOL_FOR_KTEST(__data_start);
EXPORT_SYMBOL_FOR_KTEST(boot_stack_guard);
extern char ist_df_stack_top[], ist_nmi_stack_top[], ist_mc_stack_top[];

static u64 *pt_alloc(void)
{
	if (pt_pool_used == PT_POOL_PAGES)
		panic("paging: page table pool exhausted");
	return pt_pool[pt_pool_used++];	/* .bss: already zero */
}

/* Page tables live in the image: their physical address is virt - KERNEL_VMA. */
static u64 pt_phys(u64 *table)
{
	return (u64)table - KERNEL_VMA;
}

/* Virtual address of a table: pool tables live in the image (read-only in the direct map). */
static u64 *pt_virt(u64 phys)
{
	if (phys >= virt_to_phys(_text) && phys < virt_to_phys(_end))
		return (u64 *)(phys + KERNEL_VMA);
	return phys_to_virt(phys);
}

/* Returns the next-level table under entry e, creating it when absent. */
static u64 *pt_next(u64 *e)
{
	if (!(*e & PTE_PRESENT)) {
		u64 *t = pt_alloc();

		*e = pt_phys(t) | PTE_PRESENT | PTE_WRITE;
	}
	return (u64 *)((*e & PTE_ADDR_MASK) + KERNEL_VMA);
}

static unsigned int idx(unsigned long va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/* Maps one page of size 4K/2M/1G (level 1/2/3) at va. */
static void map_page(unsigned long va, u64 pa, u64 flags, int level)
{
	u64 *t = kernel_pml4;

	for (int l = 4; l > level; l--)
		t = pt_next(&t[idx(va, l)]);
	t[idx(va, level)] = pa | flags | (level > 1 ? PTE_HUGE : 0);
}

static u64 nx(void)
{
	return cpu_has_nx ? PTE_NX : 0;
}

static bool in_image(u64 pa)
{
	return pa >= virt_to_phys(_text) && pa < virt_to_phys(_end);
}

/* Direct map; the 2 MiB blocks around the image are split to 4 KiB. */
static void map_direct(void)
{
	u64 img_lo = ALIGN_DOWN(virt_to_phys(_text), MIB2);
	u64 img_hi = ALIGN_UP(virt_to_phys(_end), MIB2);

	for (u64 pa = 0; pa < direct_map_end;) {
		u64 va = PAGE_OFFSET + pa;

		if (pa >= img_lo && pa < img_hi) {
			u64 f = PTE_PRESENT | nx() | (in_image(pa) ? 0 : PTE_WRITE);

			map_page(va, pa, f, 1);
			pa += PAGE_SIZE;
		} else if (cpu_has_1g && IS_ALIGNED(pa, GIB) && (pa + GIB <= img_lo || pa >= img_hi)) {
			map_page(va, pa, PTE_PRESENT | PTE_WRITE | nx(), 3);
			pa += GIB;
		} else {
			map_page(va, pa, PTE_PRESENT | PTE_WRITE | nx(), 2);
			pa += MIB2;
		}
	}
}

static bool is_guard_page(unsigned long va)
{
	const unsigned long guards[] = {
		(unsigned long)boot_stack_guard,
		(unsigned long)ist_df_stack_top - 8192 - PAGE_SIZE,
		(unsigned long)ist_nmi_stack_top - 8192 - PAGE_SIZE,
		(unsigned long)ist_mc_stack_top - 8192 - PAGE_SIZE,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(guards); i++)
		if (va == guards[i])
			return true;
	return false;
}

/* The kernel image, section by section. */
static void map_image(void)
{
	for (unsigned long va = (unsigned long)_text; va < (unsigned long)_end; va += PAGE_SIZE) {
		u64 f = PTE_PRESENT | PTE_GLOBAL;

		if (is_guard_page(va))
			continue;
		if (va >= (unsigned long)_etext)
			f |= nx();
		if (va >= (unsigned long)__rodata_end)
			f |= PTE_WRITE;
		map_page(va, virt_to_phys((void *)va), f, 1);
	}
}

static void detect_cpu_paging(void)
{
	u32 a, b, c, d;

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_has_1g = d & (1u << 26);
	cpu_has_nx = (rdmsr(MSR_EFER) & EFER_NXE) != 0;
}

static phys_addr_t highest_ram_address(void)
{
	phys_addr_t top = 0;

	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];

		if (r->type == BOOT_MEM_AVAILABLE && r->base + r->length > top)
			top = r->base + r->length;
	}
	return top;
}

/* See mm.h. */
void paging_init(void)
{
	detect_cpu_paging();
	direct_map_end = ALIGN_UP(highest_ram_address(), MIB2);
	if (direct_map_end > DIRECT_MAP_MAX && !cpu_has_1g) {
		pr_warn("paging: direct map limited to %lu GiB\n", DIRECT_MAP_MAX / GIB);
		direct_map_end = DIRECT_MAP_MAX;
	}
	kernel_pml4 = pt_alloc();
	map_direct();
	map_image();
	write_cr3(pt_phys(kernel_pml4));
	memcpy(kernel_pml4_seen, kernel_pml4, sizeof(kernel_pml4_seen));
	pr_info("paging: direct map of %llu MiB (%s pages), kernel W^X, NX %s, %u table pages\n",
		(unsigned long long)(direct_map_end >> 20), cpu_has_1g ? "1G" : "2M",
		cpu_has_nx ? "on" : "unavailable", pt_pool_used);
}

/* See mm.h. */
u64 *paging_lookup(unsigned long addr, int *level)
{
	u64 *t = kernel_pml4;

	for (int l = 4; l >= 1; l--) {
		u64 *e = &t[idx(addr, l)];

		if (!(*e & PTE_PRESENT))
			return NULL;
		if (l == 1 || (*e & PTE_HUGE)) {
			*level = l;
			return e;
		}
		t = pt_virt(*e & PTE_ADDR_MASK);
	}
	return NULL;
}
EXPORT_SYMBOL_FOR_KTEST(paging_lookup);

/* ---- Mappings after boot: table pages from the page allocator ---- */

/* Returns the table under *e, allocating a zeroed page for it; NULL on ENOMEM or a huge page. */
static u64 *pt_next_dynamic(u64 *e)
{
	if (!(*e & PTE_PRESENT)) {
		u64 *t = page_alloc_zeroed(1);

		if (!t)
			return NULL;
		pt_pages_dynamic++;
		*e = virt_to_phys(t) | PTE_PRESENT | PTE_WRITE;
	}
	if (*e & PTE_HUGE)
		return NULL;
	return pt_virt(*e & PTE_ADDR_MASK);
}

/* ---- User address spaces: a PML4 per process sharing the kernel half ---- */

static LIST_HEAD(user_pml4_list);	/* struct mm, under paging_lock */

/* A kernel-half PML4 entry appeared: copy it into every user PML4. paging_lock held. */
static void user_pml4s_sync(unsigned int i)
{
	struct mm *mm;

	kernel_pml4_seen[i] = kernel_pml4[i];
	list_for_each_entry(mm, &user_pml4_list, node)
		mm->pml4[i] = kernel_pml4[i];
}

/* See mm.h. Task context. */
int paging_mm_init(struct mm *mm)
{
	unsigned long irqf;

	mm->pml4 = page_alloc_zeroed(1);
	if (!mm->pml4)
		return -ENOMEM;
	spin_lock_irqsave(&paging_lock, irqf);
	pt_pages_dynamic++;
	for (int i = 256; i < 512; i++)
		kernel_pml4_seen[i] = mm->pml4[i] = kernel_pml4[i];
	list_add(&mm->node, &user_pml4_list);
	spin_unlock_irqrestore(&paging_lock, irqf);
	return 0;
}

/* See mm.h. The lower half is the process's own: every level carries PTE_USER. */
int paging_map_user(struct mm *mm, unsigned long va, phys_addr_t pa, u64 flags)
{
	u64 *t = mm->pml4;

	if (va >= USER_SPACE_END || !IS_ALIGNED(va, PAGE_SIZE))
		return -EINVAL;
	for (int l = 4; l > 1; l--) {
		u64 *e = &t[idx(va, l)];

		if (!(*e & PTE_PRESENT)) {
			u64 *n = page_alloc_zeroed(1);

			if (!n)
				return -ENOMEM;
			__atomic_fetch_add(&pt_pages_dynamic, 1, __ATOMIC_RELAXED);
			*e = virt_to_phys(n) | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		t = phys_to_virt(*e & PTE_ADDR_MASK);
	}
	if (t[idx(va, 1)] & PTE_PRESENT)
		return -EEXIST;
	t[idx(va, 1)] = pa | flags | PTE_PRESENT | PTE_USER;
	return 0;
}

/* See mm.h. */
u64 *paging_user_pte(struct mm *mm, unsigned long va)
{
	u64 *t = mm->pml4;

	if (va >= USER_SPACE_END)
		return NULL;
	for (int l = 4; l > 1; l--) {
		u64 e = t[idx(va, l)];

		if (!(e & PTE_PRESENT))
			return NULL;
		t = phys_to_virt(e & PTE_ADDR_MASK);
	}
	return (t[idx(va, 1)] & PTE_PRESENT) ? &t[idx(va, 1)] : NULL;
}

/* See mm.h. */
u64 *paging_user_slot(struct mm *mm, unsigned long va, bool alloc)
{
	u64 *t = mm->pml4;

	if (va >= USER_SPACE_END)
		return NULL;
	for (int l = 4; l > 1; l--) {
		u64 *e = &t[idx(va, l)];

		if (!(*e & PTE_PRESENT)) {
			u64 *n = alloc ? page_alloc_zeroed(1) : NULL;

			if (!n)
				return NULL;
			__atomic_fetch_add(&pt_pages_dynamic, 1, __ATOMIC_RELAXED);
			*e = virt_to_phys(n) | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		t = phys_to_virt(*e & PTE_ADDR_MASK);
	}
	return &t[idx(va, 1)];
}

/* Frees a user table of the given level and everything under it. */
static void free_user_table(u64 *t, int level)
{
	for (int i = 0; i < 512; i++) {
		if (level == 1 && (t[i] & PTE_PROTNONE) && (t[i] & PTE_ADDR_MASK)) {
			page_free(phys_to_virt(t[i] & PTE_ADDR_MASK), 1);	/* mprotect(PROT_NONE)'d */
			continue;
		}
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 1)
			page_free(phys_to_virt(t[i] & PTE_ADDR_MASK), 1);
		else
			free_user_table(phys_to_virt(t[i] & PTE_ADDR_MASK), level - 1);
	}
	page_free(t, 1);
	__atomic_fetch_sub(&pt_pages_dynamic, 1, __ATOMIC_RELAXED);
}

/* See mm.h. The PML4 must not be loaded in CR3. */
void paging_mm_destroy(struct mm *mm)
{
	unsigned long irqf;

	if (!mm->pml4)
		return;
	spin_lock_irqsave(&paging_lock, irqf);
	list_del(&mm->node);
	spin_unlock_irqrestore(&paging_lock, irqf);
	for (int i = 0; i < 256; i++)
		if (mm->pml4[i] & PTE_PRESENT)
			free_user_table(phys_to_virt(mm->pml4[i] & PTE_ADDR_MASK), 3);
	memset(&mm->pml4[256], 0, 256 * sizeof(u64));
	page_free(mm->pml4, 1);
	__atomic_fetch_sub(&pt_pages_dynamic, 1, __ATOMIC_RELAXED);
	mm->pml4 = NULL;
}

/* See mm.h. IRQs off (the scheduler's switch). */
notrace void paging_switch_mm(struct mm *mm)
{
	u64 want = mm ? virt_to_phys(mm->pml4) : pt_phys(kernel_pml4);

	if (read_cr3() != want)
		write_cr3(want);
}

/* See mm.h. Task or IRQ context; takes paging_lock. */
int map_kernel_page(unsigned long va, phys_addr_t pa, u64 flags)
{
	unsigned long irqf;
	u64 *t = kernel_pml4;
	int err = 0;

	if (!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE) || va < PAGE_OFFSET)
		return -EINVAL;
	spin_lock_irqsave(&paging_lock, irqf);
	for (int l = 4; l > 1 && t; l--)
		t = pt_next_dynamic(&t[idx(va, l)]);
	if (kernel_pml4[idx(va, 4)] != kernel_pml4_seen[idx(va, 4)])
		user_pml4s_sync(idx(va, 4));	/* a new top-level entry */
	if (!t)
		err = -ENOMEM;
	else if (t[idx(va, 1)] & PTE_PRESENT)
		err = -EEXIST;
	else
		t[idx(va, 1)] = pa | flags | PTE_PRESENT;
	spin_unlock_irqrestore(&paging_lock, irqf);
	return err;
}
EXPORT_SYMBOL_FOR_KTEST(map_kernel_page);

static bool pt_empty(const u64 *t)
{
	for (int i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

/*
 * Unlinks the tables on va's path that became empty (never the PML4, the
 * level-3 tables of the kernel half, which every user PML4 shares, or pool
 * tables) and puts them in dead[] (at most 2): they are freed only once no
 * CPU's paging-structure cache can still point at them (pt_free_dead).
 */
static int pt_unlink_empty(unsigned long va, u64 **path, u64 **dead)
{
	int n = 0;

	for (int l = 1; l < 3; l++) {
		u64 *t = path[l];

		if (!pt_empty(t) || (unsigned long)t >= KERNEL_VMA)
			break;
		path[l + 1][idx(va, l + 1)] = 0;
		dead[n++] = t;
	}
	return n;
}

/*
 * Frees unlinked tables after every CPU dropped its cached translations
 * (flush_tlb_all: the paging-structure caches go with the TLB). No lock held.
 */
static void pt_free_dead(u64 **dead, int n)
{
	if (!n)
		return;
	flush_tlb_all();
	for (int i = 0; i < n; i++) {
		page_free(dead[i], 1);
		__atomic_fetch_sub(&pt_pages_dynamic, 1, __ATOMIC_RELAXED);
	}
}

/* See mm.h. Task or IRQ context; takes paging_lock. */
phys_addr_t unmap_kernel_page(unsigned long va)
{
	u64 *path[5] = { [4] = kernel_pml4 }, *dead[2];
	unsigned long irqf;
	phys_addr_t pa = 0;
	int ndead = 0;

	spin_lock_irqsave(&paging_lock, irqf);
	for (int l = 4; l > 1; l--) {
		u64 e = path[l][idx(va, l)];

		if (!(e & PTE_PRESENT) || (e & PTE_HUGE))
			goto out;
		path[l - 1] = pt_virt(e & PTE_ADDR_MASK);
	}
	if (path[1][idx(va, 1)] & PTE_PRESENT) {
		pa = path[1][idx(va, 1)] & PTE_ADDR_MASK;
		path[1][idx(va, 1)] = 0;
		invlpg(va);
		ndead = pt_unlink_empty(va, path, dead);
	}
out:
	spin_unlock_irqrestore(&paging_lock, irqf);
	pt_free_dead(dead, ndead);
	return pa;
}
EXPORT_SYMBOL_FOR_KTEST(unmap_kernel_page);

/* ---- The direct map's permissions, page by page ---- */

/* Replaces huge entry *e (level 2 or 3) by a table of 512 entries one level down: same pages, same flags. */
static int pt_split(u64 *e, int level)
{
	u64 *t = page_alloc_zeroed(1);
	u64 base = *e & PTE_ADDR_MASK, flags = *e & ~PTE_ADDR_MASK;
	u64 step = level == 3 ? MIB2 : PAGE_SIZE;

	if (!t)
		return -ENOMEM;
	if (level == 2)
		flags &= ~PTE_HUGE;	/* bit 7 of a 4 KiB entry is PAT, not "huge" */
	for (int i = 0; i < 512; i++)
		t[i] = (base + i * step) | flags;
	pt_pages_dynamic++;
	*e = virt_to_phys(t) | PTE_PRESENT | PTE_WRITE;
	return 0;
}

/*
 * If the table under *e (level 2 or 3) maps 512 contiguous pages with one
 * set of flags (a split undone), puts the huge entry back and frees the
 * table. Boot tables (in the image) stay: they were never huge pages.
 */
static bool pt_merge(u64 *e, int level, u64 **dead)
{
	u64 *t = pt_virt(*e & PTE_ADDR_MASK);
	u64 step = level == 3 ? MIB2 : PAGE_SIZE;
	u64 base = t[0] & PTE_ADDR_MASK, flags = t[0] & ~PTE_ADDR_MASK;

	if ((unsigned long)t >= KERNEL_VMA || !(flags & PTE_PRESENT) ||
	    !IS_ALIGNED(base, 512 * step))
		return false;
	if (level == 3 && (!cpu_has_1g || !(flags & PTE_HUGE)))
		return false;
	for (int i = 1; i < 512; i++)
		if (t[i] != ((base + i * step) | flags))
			return false;
	*e = base | flags | (level == 2 ? PTE_HUGE : 0);
	/* The translations did not change, but paging-structure caches may still point at t. */
	*dead = t;
	return true;
}

/* See mm.h. Task or IRQ context; takes paging_lock. */
int set_direct_map_ro(phys_addr_t pa, bool ro)
{
	unsigned long va = (unsigned long)phys_to_virt(pa), irqf;
	u64 *path[5] = { [4] = kernel_pml4 }, *dead[2];
	int err = 0, ndead = 0;

	if (!IS_ALIGNED(pa, PAGE_SIZE) || pa >= direct_map_end || in_image(pa))
		return -EINVAL;
	spin_lock_irqsave(&paging_lock, irqf);
	for (int l = 4; l > 1; l--) {
		u64 *e = &path[l][idx(va, l)];

		if (WARN_ON(!(*e & PTE_PRESENT))) {
			err = -EINVAL;
			goto out;
		}
		if ((*e & PTE_HUGE) && !ro)
			goto out;	/* huge pages of the direct map are writable */
		if ((*e & PTE_HUGE) && (err = pt_split(e, l)))
			goto out;
		path[l - 1] = pt_virt(*e & PTE_ADDR_MASK);
	}
	if (ro)
		path[1][idx(va, 1)] &= ~PTE_WRITE;
	else
		path[1][idx(va, 1)] |= PTE_WRITE;
	invlpg(va);
	if (!ro && pt_merge(&path[2][idx(va, 2)], 2, &dead[0])) {
		ndead = 1;
		if (pt_merge(&path[3][idx(va, 3)], 3, &dead[1]))
			ndead = 2;
	}
out:
	spin_unlock_irqrestore(&paging_lock, irqf);
	pt_free_dead(dead, ndead);
	return err;
}
EXPORT_SYMBOL_FOR_KTEST(set_direct_map_ro);

/* See mm.h. */
u64 paging_dynamic_table_pages(void)
{
	return READ_ONCE(pt_pages_dynamic);
}
EXPORT_SYMBOL_FOR_KTEST(paging_dynamic_table_pages);
