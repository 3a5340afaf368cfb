/*
 * Safe modification of kernel code (include/kelp/text_poke.h).
 * The alias: two page-aligned slots in .bss whose page table entries
 * text_poke_init() takes over and clears; a write maps the target's
 * physical page and the next there, RW+NX, with interrupts off, and
 * unmaps and flushes before they come back on (a batch step keeps the
 * mapping while its sites stay on one page). The real text mappings stay
 * read-only and executable, always.
 * Everything here is notrace: the #BP path and the writers must not hit a
 * site that is being patched.
 */
#include <kelp/export.h>
#include <kelp/text_poke.h>
#include <kelp/smp.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/mutex.h>
#include <kelp/string.h>
#include <kelp/traps.h>
#include <kelp/x86.h>

const u8 x86_nop5[POKE_MAX_OPCODE_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
EXPORT_SYMBOL_FOR_KTEST(x86_nop5);

/* The alias slots; never accessed but through text_poke_map(). */
static u8 text_poke_area[2 * PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.text_poke");
static u64 *text_poke_pte[2];

static notrace bool text_poke_int3_handler(struct pt_regs *regs);

/*
 * Serialises every code update (Linux's text_mutex). Task context only; a
 * holder may be preempted between the steps of an update, and other tasks
 * then meet the int3s (that is what the #BP emulation is for).
 */
static DEFINE_MUTEX(text_mutex);

/*
 * The batch being installed, for the #BP handler: sorted by address, set
 * before the first int3 is written and cleared after the last sync.
 * bp_refs: 1 while the batch is published, plus one per CPU inside the
 * #BP handler using it. The handler takes a reference only if it is not 0
 * (atomic_inc_not_zero), so the writer, after dropping its own, waits for
 * the handlers to drop theirs before the caller may free the vector. The
 * sync IPIs alone already give that (a CPU in the handler has IRQs off
 * and answers only after it), the count makes it explicit and holds for
 * any trap that cannot be held off by an IPI.
 */
static struct text_poke_loc *bp_vec;
static unsigned int bp_nr;
static atomic_t bp_refs;

void (*text_poke_bp_step_hook)(unsigned int step);
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_step_hook);
u64 text_poke_bp_hits;
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_hits);
/* Traps on int3s already gone (see text_poke_int3_handler): an emulator's, never real hardware's. */
u64 text_poke_stale_hits;
EXPORT_SYMBOL_FOR_KTEST(text_poke_stale_hits);

/* Physical address behind a mapped kernel virtual address, or 0. */
static notrace phys_addr_t text_poke_phys(unsigned long va)
{
	static const unsigned long size[] = { 0, 1UL << 12, 1UL << 21, 1UL << 30 };
	int level;
	u64 *pte = paging_lookup(va, &level);

	if (!pte)
		return 0;
	return ((*pte & PTE_ADDR_MASK) & ~(size[level] - 1)) + (va & (size[level] - 1));
}

/*
 * paging_lookup() answers through the direct map, where the image's pages
 * (the boot page-table pool among them) are read-only: use the image's own
 * RW data mapping for those.
 */
static notrace u64 *text_poke_writable_pte(u64 *pte)
{
	phys_addr_t pa = virt_to_phys(pte);

	if (pa >= virt_to_phys(_text) && pa < virt_to_phys(_end))
		return (u64 *)(pa + KERNEL_VMA);
	return pte;
}

/* See text_poke.h. */
notrace void text_poke_init(void)
{
	for (int i = 0; i < 2; i++) {
		unsigned long va = (unsigned long)text_poke_area + i * PAGE_SIZE;
		int level;

		text_poke_pte[i] = paging_lookup(va, &level);
		if (!text_poke_pte[i] || level != 1)
			panic("text_poke: no 4K mapping for the alias slot");
		text_poke_pte[i] = text_poke_writable_pte(text_poke_pte[i]);
		*text_poke_pte[i] = 0;
		invlpg(va);
	}
	trap_set_fixup(X86_TRAP_BP, text_poke_int3_handler);
}

/* Linux's sync_core(): iretq to the next instruction serialises this CPU. */
static notrace void text_poke_sync_core(void)
{
	unsigned long tmp;

	__asm__ __volatile__(
		"mov %%ss, %0\n\t"
		"pushq %0\n\t"
		"pushq %%rsp\n\t"
		"addq $8, (%%rsp)\n\t"
		"pushfq\n\t"
		"mov %%cs, %0\n\t"
		"pushq %0\n\t"
		"pushq $1f\n\t"
		"iretq\n"
		"1:"
		: "=&r"(tmp) : : "cc", "memory");
}

/*
 * What every other CPU runs for a sync, from the IPI (IRQs off): it drops
 * any translation of the alias it might have filled speculatively, and
 * serialises its instruction stream, so it sees the bytes written so far.
 */
static notrace void text_poke_sync_ipi(void *unused)
{
	unsigned long alias = (unsigned long)text_poke_area;

	invlpg(alias);
	invlpg(alias + PAGE_SIZE);
	text_poke_sync_core();
}

/*
 * See text_poke.h. This CPU serialises itself, every other CPU does in an
 * IPI; it returns once all did. A CPU inside the #BP handler has IRQs off,
 * so the sync also waits until no CPU is still emulating from the batch.
 * IRQs on (the wait), or the only CPU.
 */
notrace void text_poke_sync(void)
{
	text_poke_sync_core();
	if (num_online_cpus() > 1)
		smp_call_function(text_poke_sync_ipi, NULL, true);
}

/* Text page whose alias is mapped now (with the next page), or 0. */
static unsigned long text_poke_mapped;

static notrace u64 text_poke_alias_pte(phys_addr_t pa)
{
	return pa ? pa | PTE_PRESENT | PTE_WRITE | (cpu_has_nx ? PTE_NX : 0) : 0;
}

/*
 * Writes len bytes at va through the alias, mapping va's page and the next
 * one unless they are mapped already (a batch writes many sites of one
 * page in a row). Caller holds text_mutex with interrupts off, and calls
 * text_poke_unmap() before turning them on.
 */
static notrace void text_poke_write(unsigned long va, const void *src, size_t len)
{
	unsigned long page = va & PAGE_MASK, alias = (unsigned long)text_poke_area;

	if (page != text_poke_mapped) {
		phys_addr_t p0 = text_poke_phys(page);
		phys_addr_t p1 = text_poke_phys(page + PAGE_SIZE);

		if (!p0)
			panic("text_poke: %lx is not mapped", va);
		*text_poke_pte[0] = text_poke_alias_pte(p0);
		*text_poke_pte[1] = text_poke_alias_pte(p1);
		invlpg(alias);
		invlpg(alias + PAGE_SIZE);
		text_poke_mapped = page;
		if (va - page + len > PAGE_SIZE && !p1)
			panic("text_poke: %lx+%zu runs into an unmapped page", va, len);
	}
	memcpy((void *)(alias + (va - page)), src, len);
}

/*
 * Removes the alias. Only this CPU used it (text_mutex); another CPU may
 * have filled its TLB speculatively: the text_poke_sync() that follows
 * every unmap flushes it there (text_poke_sync_ipi).
 */
static notrace void text_poke_unmap(void)
{
	unsigned long alias = (unsigned long)text_poke_area;

	*text_poke_pte[0] = 0;
	*text_poke_pte[1] = 0;
	invlpg(alias);
	invlpg(alias + PAGE_SIZE);
	text_poke_mapped = 0;
}

/* One write with its own mapping; caller holds text_mutex. */
static notrace void __text_poke(void *addr, const void *opcode, size_t len)
{
	unsigned long flags;

	if (len > PAGE_SIZE)
		panic("text_poke: %zu bytes at once", len);
	flags = local_irq_save();
	text_poke_write((unsigned long)addr, opcode, len);
	text_poke_unmap();
	local_irq_restore(flags);
}

/* See text_poke.h. */
notrace void *text_poke(void *addr, const void *opcode, size_t len)
{
	mutex_lock(&text_mutex);
	__text_poke(addr, opcode, len);
	text_poke_sync();
	if (num_online_cpus() > 1) {	/* see text_poke_rewrite() */
		__text_poke(addr, opcode, len);
		text_poke_sync();
	}
	mutex_unlock(&text_mutex);
	return addr;
}

/* See text_poke.h. */
notrace bool text_gen_insn(u8 *buf, u8 opcode, const void *addr, const void *dest)
{
	long rel = (long)dest - ((long)addr + 5);

	if (rel != (s32)rel)
		return false;
	buf[0] = opcode;
	buf[1] = rel;
	buf[2] = rel >> 8;
	buf[3] = rel >> 16;
	buf[4] = rel >> 24;
	return true;
}
EXPORT_SYMBOL_FOR_KTEST(text_gen_insn);

/* See text_poke.h. */
notrace unsigned long text_insn_dest(const u8 *insn, unsigned long addr)
{
	s32 rel = (s32)((u32)insn[1] | (u32)insn[2] << 8 | (u32)insn[3] << 16 |
			(u32)insn[4] << 24);

	return addr + 5 + rel;
}

/* What the #BP handler can stand in for. */
static notrace bool text_poke_emulable(const u8 *insn, size_t len)
{
	if (len != 5)
		return false;
	return insn[0] == CALL_INSN_OPCODE || insn[0] == JMP32_INSN_OPCODE ||
	       !memcmp(insn, x86_nop5, 5);
}

/* Binary search of the active batch; NULL when ip is not a site being updated. */
static notrace struct text_poke_loc *text_poke_find(unsigned long ip)
{
	struct text_poke_loc *vec = READ_ONCE(bp_vec);
	unsigned int lo = 0, hi = READ_ONCE(bp_nr);

	if (!vec)
		return NULL;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		unsigned long a = (unsigned long)vec[mid].addr;

		if (a == ip)
			return &vec[mid];
		if (a < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Runs insn (one of text_poke_emulable()'s forms) at ip on behalf of the trapped code. */
static notrace void text_poke_emulate(struct pt_regs *regs, unsigned long ip, const u8 *insn)
{
	switch (insn[0]) {
	case CALL_INSN_OPCODE:
		regs->sp -= 8;
		*(unsigned long *)regs->sp = ip + CALL_INSN_SIZE;
		regs->ip = text_insn_dest(insn, ip);
		break;
	case JMP32_INSN_OPCODE:
		regs->ip = text_insn_dest(insn, ip);
		break;
	default:
		regs->ip = ip + POKE_MAX_OPCODE_SIZE;
		break;
	}
}

/*
 * The #BP fixup: a kernel int3 at a site being updated. Emulates the new
 * instruction: call pushes the return address on the interrupted stack
 * (isr.asm leaves a gap under it for this), jmp and NOP move the ip.
 *
 * An int3 may also be fetched from a site whose int3 is gone: its batch
 * completed and synced. Real CPUs never do that after the sync IPIs;
 * QEMU's multi-threaded TCG can, when a vCPU translated the site while the
 * int3 was in and linked that translation after the last write (it then
 * keeps running it). The bytes now at the site are the new instruction,
 * and are run (counted in text_poke_stale_hits). The batch is looked at
 * before the bytes: an int3 in memory with no batch may be the next
 * batch's, published just after the look, so it looks twice before it
 * calls the int3 a real one.
 */
static notrace bool text_poke_int3_handler(struct pt_regs *regs)
{
	unsigned long ip = regs->ip - 1;
	u8 insn[POKE_MAX_OPCODE_SIZE];
	struct text_poke_loc *tp;

	if (regs->cs & 3)
		return false;
	for (int look = 0; look < 2; look++) {
		/* Acquire: pairs with the release that published bp_vec with the count. */
		if (atomic_inc_not_zero(&bp_refs)) {
			tp = text_poke_find(ip);
			if (tp) {
				__atomic_fetch_add(&text_poke_bp_hits, 1, __ATOMIC_RELAXED);
				text_poke_emulate(regs, ip, tp->text);
			}
			atomic_dec(&bp_refs);	/* done with tp */
			if (tp)
				return true;
		}
		memcpy(insn, (const void *)ip, sizeof(insn));
		if (insn[0] == INT3_INSN_OPCODE)
			continue;
		if (!text_poke_emulable(insn, sizeof(insn)))
			return false;	/* not a site text_poke_bp writes */
		__atomic_fetch_add(&text_poke_stale_hits, 1, __ATOMIC_RELAXED);
		text_poke_emulate(regs, ip, insn);
		return true;
	}
	return false;	/* a real int3 */
}

/*
 * With several CPUs, writes the final instructions a second time. Real
 * CPUs do not need it; QEMU's multi-threaded TCG does: a vCPU that was
 * translating a site while the first writes went in can link a
 * translation of the old bytes after them and keep running it (QEMU drops
 * translations when their bytes are written, not when they were read from
 * bytes written meanwhile). The sync before this pass let every such
 * translation finish; writing the same bytes again drops them all, and no
 * new one can be stale.
 *
 * No sync after it (there was one): the bytes do not change, so a CPU
 * sees the new instruction whether it runs before or after this pass; the
 * only translations it drops are of the last step's bytes, whose int3 the
 * #BP handler emulates as the new instruction (a stale hit); each earlier
 * step's stale translations were dropped by the next step's writes, which
 * cover every site's bytes, behind a sync. The alias this pass mapped is
 * gone on this CPU; another CPU that filled it speculatively never uses
 * it (text_poke_write() invalidates it before any write) and drops it at
 * the next sync. A sync is an IPI round, and with every CPU busy under
 * icount a vCPU turn (issue 15): checked with the hammer ktest (100
 * batches at 2 and 4 CPUs, MTTCG: no torn or stale call).
 */
static notrace void text_poke_rewrite(struct text_poke_loc *tp, unsigned int nr)
{
	unsigned long flags = local_irq_save();

	for (unsigned int i = 0; i < nr; i++)
		text_poke_write((unsigned long)tp[i].addr, tp[i].text, tp[i].len);
	text_poke_unmap();
	local_irq_restore(flags);
}

static notrace void text_poke_step_done(unsigned int step)
{
	text_poke_sync();
	if (text_poke_bp_step_hook)
		text_poke_bp_step_hook(step);
}

static notrace void text_poke_swap(struct text_poke_loc *a, struct text_poke_loc *b)
{
	struct text_poke_loc x = *a;

	*a = *b;
	*b = x;
}

/* Moves tp[i] down the max-heap tp[0..nr). */
static notrace void text_poke_sift(struct text_poke_loc *tp, unsigned int i, unsigned int nr)
{
	for (unsigned int c; (c = 2 * i + 1) < nr; i = c) {
		if (c + 1 < nr && tp[c + 1].addr > tp[c].addr)
			c++;
		if (tp[i].addr >= tp[c].addr)
			return;
		text_poke_swap(&tp[i], &tp[c]);
	}
}

/*
 * Sorts by address. Callers mostly pass sorted vectors (one pass checks);
 * ftrace's come in runs, one per site group, in any group order: heapsort,
 * O(n log n) and no memory (an insertion sort was quadratic there).
 */
static notrace void text_poke_sort(struct text_poke_loc *tp, unsigned int nr)
{
	unsigned int i;

	for (i = 1; i < nr && tp[i - 1].addr <= tp[i].addr; i++)
		;
	if (i >= nr)
		return;
	for (i = nr / 2; i-- > 0;)
		text_poke_sift(tp, i, nr);
	for (i = nr; i-- > 1;) {
		text_poke_swap(&tp[0], &tp[i]);
		text_poke_sift(tp, 0, i);
	}
}

static notrace int text_poke_check(struct text_poke_loc *tp, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		if (!text_poke_emulable(tp[i].text, tp[i].len))
			return -EINVAL;
		if (i && (unsigned long)tp[i - 1].addr + tp[i - 1].len > (unsigned long)tp[i].addr)
			return -EINVAL;
	}
	return 0;
}

/* See text_poke.h. */
notrace int text_poke_bp_batch_live(struct text_poke_loc *tp, unsigned int nr,
				    void (*live)(void *), void *arg)
{
	static const u8 int3 = INT3_INSN_OPCODE;
	unsigned long flags;
	unsigned int i;
	int err;

	if (!nr) {
		if (live)
			live(arg);
		return 0;
	}
	text_poke_sort(tp, nr);
	err = text_poke_check(tp, nr);
	if (err)
		return err;
	mutex_lock(&text_mutex);
	WRITE_ONCE(bp_nr, nr);
	WRITE_ONCE(bp_vec, tp);
	/* Release: the vector is visible before a handler can take a reference. */
	smp_store_release(&bp_refs.counter, 1);
	flags = local_irq_save();
	for (i = 0; i < nr; i++)
		text_poke_write((unsigned long)tp[i].addr, &int3, 1);
	text_poke_unmap();
	local_irq_restore(flags);
	text_poke_step_done(1);
	flags = local_irq_save();
	for (i = 0; i < nr; i++)
		text_poke_write((unsigned long)tp[i].addr + 1, tp[i].text + 1, tp[i].len - 1);
	text_poke_unmap();
	local_irq_restore(flags);
	text_poke_step_done(2);
	flags = local_irq_save();
	for (i = 0; i < nr; i++)
		text_poke_write((unsigned long)tp[i].addr, tp[i].text, 1);
	text_poke_unmap();
	local_irq_restore(flags);
	if (live)
		live(arg);
	text_poke_sync();
	if (num_online_cpus() > 1)
		text_poke_rewrite(tp, nr);
	/*
	 * No CPU can trap on one of these int3s any more: drop the batch's
	 * reference and wait for handlers still holding one (none, after the
	 * sync, unless a trap outran the IPI).
	 */
	atomic_dec(&bp_refs);
	while (atomic_read(&bp_refs))
		cpu_relax();
	WRITE_ONCE(bp_vec, NULL);
	if (text_poke_bp_step_hook)
		text_poke_bp_step_hook(3);
	mutex_unlock(&text_mutex);
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_batch_live);

/* See text_poke.h. */
notrace int text_poke_bp_batch(struct text_poke_loc *tp, unsigned int nr)
{
	return text_poke_bp_batch_live(tp, nr, NULL, NULL);
}
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_batch);

/* See text_poke.h. */
notrace int text_poke_bp(void *addr, const void *opcode, size_t len)
{
	struct text_poke_loc tp = { .addr = addr, .len = len };

	if (len != 5)
		return -EINVAL;
	memcpy(tp.text, opcode, len);
	return text_poke_bp_batch(&tp, 1);
}
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp);
