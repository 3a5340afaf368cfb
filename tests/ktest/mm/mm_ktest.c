/*
 * In-kernel tests of memory management: kmalloc under a long random
 * workload (accounting must come back to where it started), the page
 * allocator's contiguous runs, the W^X layout of the kernel mappings, and
 * the direct map's read-only aliases (split, then merged back: no table
 * leaks), for a page and for a loaded module's code.
 */
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/x86.h>

#define STRESS_OPS 100000
#define STRESS_SLOTS 512

/* xorshift64: a deterministic sequence, so a failure can be replayed. */
static u64 rnd_next(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

struct slot {
	u8 *p;
	size_t size;
	u8 tag;
};

static bool slot_intact(const struct slot *s)
{
	for (size_t i = 0; i < s->size; i++)
		if (s->p[i] != s->tag)
			return false;
	return true;
}

static size_t random_size(u64 *seed)
{
	u64 r = rnd_next(seed);

	/* Mostly small, sometimes a few pages: every cache and the large path. */
	return (r & 7) ? 1 + (r >> 8) % 1024 : 1 + (r >> 8) % (3 * PAGE_SIZE);
}

KTEST(kmalloc_stress_100k)
{
	static struct slot slots[STRESS_SLOTS];
	struct kmalloc_stats before, after;
	u64 seed = 0x6b656c70;
	int corrupt = 0, failed = 0;

	kmalloc_get_stats(&before);
	for (int op = 0; op < STRESS_OPS; op++) {
		struct slot *s = &slots[rnd_next(&seed) % STRESS_SLOTS];

		if (s->p) {
			corrupt += !slot_intact(s);
			kfree(s->p);
			s->p = NULL;
			continue;
		}
		s->size = random_size(&seed);
		s->tag = op & 0xff;
		s->p = kmalloc(s->size, GFP_KERNEL);
		if (!s->p) {
			failed++;
			continue;
		}
		memset(s->p, s->tag, s->size);
	}
	for (int i = 0; i < STRESS_SLOTS; i++) {
		if (slots[i].p) {
			corrupt += !slot_intact(&slots[i]);
			kfree(slots[i].p);
			slots[i].p = NULL;
		}
	}
	kmalloc_get_stats(&after);
	KT_EXPECT_EQ(t, corrupt, 0);
	KT_EXPECT_EQ(t, failed, 0);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, after.allocations, before.allocations);
	KT_EXPECT_EQ(t, after.large_pages, before.large_pages);
}

KTEST(kmalloc_sizes_and_alignment)
{
	static const size_t sizes[] = { 1, 15, 16, 17, 100, 1024, 1025, 4096, 10000 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL);

		KT_ASSERT(t, p != NULL);
		KT_EXPECT(t, ksize(p) >= sizes[i]);
		KT_EXPECT(t, IS_ALIGNED((unsigned long)p, 16));
		kfree(p);
	}
	KT_EXPECT(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
}

KTEST(kzalloc_zeroes_reused_memory)
{
	u8 *p = kmalloc(200, GFP_KERNEL);
	bool zero = true;

	KT_ASSERT(t, p != NULL);
	memset(p, 0xaa, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	KT_ASSERT(t, p != NULL);
	for (int i = 0; i < 200; i++)
		zero &= p[i] == 0;
	KT_EXPECT(t, zero);
	kfree(p);
}

KTEST(page_alloc_runs)
{
	struct pmm_stats a, b;
	u8 *one, *run;

	pmm_get_stats(&a);
	one = page_alloc(1);
	run = page_alloc(16);
	KT_ASSERT(t, one && run);
	KT_EXPECT(t, IS_ALIGNED((unsigned long)run, PAGE_SIZE));
	memset(run, 0x5a, 16 * PAGE_SIZE);	/* all 16 pages are really there */
	pmm_get_stats(&b);
	KT_EXPECT_EQ(t, a.free_pages - b.free_pages, 17);
	page_free(one, 1);
	page_free(run, 16);
	pmm_get_stats(&b);
	KT_EXPECT_EQ(t, a.free_pages, b.free_pages);
}

static u64 pte_of(unsigned long addr)
{
	int level;
	u64 *e = paging_lookup(addr, &level);

	return e ? *e : 0;
}

KTEST(kernel_mappings_are_wx)
{
	extern char boot_stack_guard[];
	unsigned long text = (unsigned long)_stext, ro = (unsigned long)__rodata_start;
	unsigned long data = (unsigned long)__data_start;

	KT_EXPECT(t, (pte_of(text) & PTE_PRESENT) && !(pte_of(text) & PTE_WRITE));
	KT_EXPECT(t, !(pte_of(text) & PTE_NX));
	KT_EXPECT(t, !(pte_of(ro) & PTE_WRITE));
	KT_EXPECT(t, (pte_of(data) & PTE_WRITE) && (pte_of(data) & PTE_NX) == (cpu_has_nx ? PTE_NX : 0));
	KT_EXPECT_EQ(t, pte_of((unsigned long)boot_stack_guard) & PTE_PRESENT, 0);
	/* The direct-map alias of kernel text must not be writable either. */
	KT_EXPECT(t, !(pte_of((unsigned long)phys_to_virt(virt_to_phys(_stext))) & PTE_WRITE));
}

static u64 alias_pte(phys_addr_t pa)
{
	return pte_of((unsigned long)phys_to_virt(pa));
}

KTEST(direct_map_ro_split_and_merge)
{
	u64 tables = paging_dynamic_table_pages();
	/*
	 * Two pages at the start of a 2 MiB region all ours: its alias is a
	 * large page (the loaded test modules' read-only aliases have split
	 * other regions already), so making one page read-only must split it.
	 */
	u8 *block = page_alloc(1024), *page;
	phys_addr_t pa;
	int level;

	KT_ASSERT(t, block != NULL);
	pa = ALIGN_UP(virt_to_phys(block), 512 * PAGE_SIZE);
	page = phys_to_virt(pa);
	/* Written once through the large page: the split copies its accessed
	 * and dirty bits to all 512 entries, so the merge finds them uniform. */
	memset(page, 0, 512 * PAGE_SIZE);
	KT_ASSERT(t, set_direct_map_ro(pa, true) == 0);
	KT_EXPECT(t, !(alias_pte(pa) & PTE_WRITE));
	KT_EXPECT(t, paging_lookup((unsigned long)page, &level) && level == 1);
	KT_EXPECT(t, alias_pte(pa + PAGE_SIZE) & PTE_WRITE);	/* the neighbour keeps RW */
	page[PAGE_SIZE] = 0x5a;
	KT_EXPECT(t, paging_dynamic_table_pages() > tables);
	KT_EXPECT_EQ(t, set_direct_map_ro(pa, false), 0);
	KT_EXPECT(t, alias_pte(pa) & PTE_WRITE);
	page[0] = 0xa5;
	KT_EXPECT_EQ(t, paging_dynamic_table_pages(), tables);	/* merged back */
	page_free(block, 1024);
	/* The image's alias stays read-only; outside RAM is refused. */
	KT_EXPECT_EQ(t, set_direct_map_ro(virt_to_phys(_stext), false), -EINVAL);
	KT_EXPECT_EQ(t, set_direct_map_ro(direct_map_end, true), -EINVAL);
	KT_EXPECT_EQ(t, set_direct_map_ro(pa + 1, true), -EINVAL);
}

KTEST(module_code_has_no_writable_alias)
{
	u64 tables = paging_dynamic_table_pages();
	struct module *mod;
	phys_addr_t text_pa, ro_pa, rw_pa;

	KT_ASSERT(t, load_module_file(MODULE_DIR "/hello.ko", NULL) == 0);
	mod = find_module("hello");
	KT_ASSERT(t, mod != NULL);
	text_pa = pte_of((unsigned long)mod->base) & PTE_ADDR_MASK;
	ro_pa = pte_of((unsigned long)mod->base + ALIGN_UP(mod->text_size, PAGE_SIZE)) & PTE_ADDR_MASK;
	rw_pa = pte_of((unsigned long)mod->base + mod->size - PAGE_SIZE) & PTE_ADDR_MASK;
	KT_EXPECT(t, !(alias_pte(text_pa) & PTE_WRITE));
	KT_EXPECT(t, !(alias_pte(ro_pa) & PTE_WRITE));
	KT_EXPECT(t, alias_pte(rw_pa) & PTE_WRITE);
	KT_EXPECT_EQ(t, delete_module("hello"), 0);
	KT_EXPECT(t, alias_pte(text_pa) & PTE_WRITE);		/* given back writable */
	KT_EXPECT_EQ(t, paging_dynamic_table_pages(), tables);
}

KTEST(vmap_stack_alloc_free)
{
	struct pmm_stats a, b;
	unsigned long lo, hi;
	u8 *s;

	pmm_get_stats(&a);
	s = vmap_stack_alloc();
	KT_ASSERT(t, s != NULL);
	memset(s, 0x5a, THREAD_STACK_SIZE);		/* every page is mapped */
	KT_EXPECT(t, vmap_stack_bounds((unsigned long)s + 100, &lo, &hi));
	KT_EXPECT_EQ(t, lo, (unsigned long)s);
	KT_EXPECT_EQ(t, hi, (unsigned long)s + THREAD_STACK_SIZE);
	KT_EXPECT_EQ(t, pte_of((unsigned long)s - PAGE_SIZE) & PTE_PRESENT, 0);	/* guard */
	KT_EXPECT(t, pte_of((unsigned long)s) & PTE_NX || !cpu_has_nx);
	vmap_stack_free(s);
	KT_EXPECT(t, !vmap_stack_bounds((unsigned long)s + 100, &lo, &hi));
	KT_EXPECT_EQ(t, pte_of((unsigned long)s) & PTE_PRESENT, 0);
	pmm_get_stats(&b);
	KT_EXPECT_EQ(t, a.free_pages, b.free_pages);	/* stack and table pages returned */
}
