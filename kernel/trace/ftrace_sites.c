/*
 * ftrace site groups (kernel/trace/ftrace_internal.h): the kernel's sites,
 * checked at boot from __mcount_loc, and one group per module. A site is
 * valid only if it holds the 5-byte fentry NOP when checked (and, for the
 * kernel, lies in its text); a bad site is reported and never patched.
 * Also the listings: available_filter_functions and enabled_functions.
 */
#include <kelp/export.h>
#include <kelp/ftrace.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/seq_file.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>

#include "ftrace_internal.h"

extern const unsigned long __start_mcount_loc[], __stop_mcount_loc[];

/* Whether ip may hold a site: kernel or module text (kernel_text_address). */
static bool ftrace_text_address(unsigned long ip)
{
	return kernel_text_address(ip) && kernel_text_address(ip + MCOUNT_INSN_SIZE - 1);
}

/* Sorts records by address (insertion sort: __mcount_loc is nearly sorted). */
static void ftrace_sort_recs(struct dyn_ftrace *recs, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		struct dyn_ftrace x = recs[i];
		unsigned int j = i;

		for (; j > 0 && recs[j - 1].ip > x.ip; j--)
			recs[j] = recs[j - 1];
		recs[j] = x;
	}
}

/*
 * Fills g from a __mcount_loc array into g->recs (room for every entry):
 * every entry must hold the 5-byte NOP (and for the kernel lie in its
 * text); the others are counted, reported and left alone.
 */
static void ftrace_group_fill(struct ftrace_group *g, const unsigned long *start,
			      const unsigned long *end, bool kernel)
{
	unsigned int valid = 0;

	for (const unsigned long *p = start; p < end; p++) {
		unsigned long ip = *p;

		if ((kernel && !ftrace_text_address(ip)) || memcmp((void *)ip, x86_nop5, 5)) {
			pr_warn("ftrace: site %pS (%lx) does not hold the fentry NOP; skipped\n",
				(void *)ip, ip);
			g->bad++;
			continue;
		}
		g->recs[valid++].ip = ip;
	}
	g->count = valid;
	ftrace_sort_recs(g->recs, valid);
}

static void ftrace_group_link(struct ftrace_group *g)
{
	g->next = ftrace_groups;
	WRITE_ONCE(ftrace_groups, g);
}

/*
 * See ftrace.h. The kernel's records are permanent: they take whole pages
 * from the page allocator, outside kmalloc's accounting (which tests
 * expect at zero after boot); module groups use kmalloc.
 */
void ftrace_init(void)
{
	static struct ftrace_group kernel_group;
	struct ftrace_group *g = &kernel_group;
	unsigned long n = __stop_mcount_loc - __start_mcount_loc;

	g->recs = page_alloc_zeroed(ALIGN_UP(n * sizeof(*g->recs) + 1, PAGE_SIZE) / PAGE_SIZE);
	if (!g->recs) {
		pr_err("ftrace: out of memory for %lu sites; function tracing disabled\n", n);
		return;
	}
	ftrace_group_fill(g, __start_mcount_loc, __stop_mcount_loc, true);
	ftrace_group_link(g);	/* boot: nothing else runs, no lock */
	pr_info("ftrace: %u sites, %u bad\n", g->count, g->bad);
}

/* See ftrace.h. */
int ftrace_module_add(const void *owner, const unsigned long *start, const unsigned long *end)
{
	struct ftrace_group *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (!g)
		return -ENOMEM;
	g->owner = owner;
	g->recs = kcalloc(end > start ? end - start : 1, sizeof(*g->recs), GFP_KERNEL);
	if (!g->recs) {
		kfree(g);
		return -ENOMEM;
	}
	ftrace_group_fill(g, start, end, false);
	mutex_lock(&ftrace_lock);
	/* Ops tracing every site pick up the new ones too. */
	for (struct ftrace_ops *op = ftrace_ops_list; op; op = op->next)
		if (ftrace_hash_empty(ftrace_ops_hashes(op)->filter))
			for (unsigned int i = 0; i < g->count; i++)
				if (ftrace_ops_traces(op, g->recs[i].ip))
					ftrace_rec_get(&g->recs[i], op);
	ftrace_group_link(g);
	ftrace_update_code();
	mutex_unlock(&ftrace_lock);
	return g->count;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_module_add);

/* See ftrace.h. */
void ftrace_module_remove(const void *owner)
{
	struct ftrace_group **p, *g = NULL;

	mutex_lock(&ftrace_lock);
	for (p = &ftrace_groups; *p; p = &(*p)->next) {
		if ((*p)->owner == owner && owner) {
			g = *p;
			WRITE_ONCE(*p, g->next);
			break;
		}
	}
	mutex_unlock(&ftrace_lock);
	if (!g)
		return;
	ftrace_sync();
	for (unsigned int i = 0; i < g->count; i++)
		if (g->recs[i].refcnt && g->recs[i].ipmodify)
			pr_warn("ftrace: removing site %lx still used by an IPMODIFY ops\n",
				g->recs[i].ip);
	kfree(g->recs);
	kfree(g);
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_module_remove);

/* See ftrace.h. */
unsigned int ftrace_site_count(void)
{
	unsigned int n = 0;

	for (struct ftrace_group *g = READ_ONCE(ftrace_groups); g; g = g->next)
		n += g->count;
	return n;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_site_count);

/* See ftrace.h. */
unsigned int ftrace_bad_site_count(void)
{
	unsigned int n = 0;

	for (struct ftrace_group *g = READ_ONCE(ftrace_groups); g; g = g->next)
		n += g->bad;
	return n;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_bad_site_count);

/* See ftrace.h. */
int ftrace_site_state(unsigned long ip)
{
	struct dyn_ftrace *rec = ftrace_rec_find(ip);

	return rec ? (int)(rec->flags & ~FTRACE_FL_DIRTY) : -ENOENT;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_site_state);

/* See ftrace.h. Function names in site order, as Linux lists them. */
int ftrace_show_available(struct seq_file *m, void *v)
{
	mutex_lock(&ftrace_lock);
	for (struct ftrace_group *g = ftrace_groups; g; g = g->next)
		for (unsigned int i = 0; i < g->count; i++)
			seq_printf(m, "%ps\n", (void *)g->recs[i].ip);
	mutex_unlock(&ftrace_lock);
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(ftrace_show_available);

/*
 * See ftrace.h. Linux's enabled_functions line: name, reference count,
 * R (saves regs: always, here), I (an IPMODIFY user), D (direct) with the
 * jmp target, or the trampoline.
 */
int ftrace_show_enabled(struct seq_file *m, void *v)
{
	mutex_lock(&ftrace_lock);
	for (struct ftrace_group *g = ftrace_groups; g; g = g->next) {
		for (unsigned int i = 0; i < g->count; i++) {
			struct dyn_ftrace *rec = &g->recs[i];

			if (!rec->refcnt)
				continue;
			seq_printf(m, "%ps (%u) R %s%s", (void *)rec->ip, rec->refcnt,
				   rec->ipmodify && (rec->ipmodify->flags & FTRACE_OPS_FL_IPMODIFY) ?
				   "I " : "  ",
				   rec->flags & (FTRACE_FL_JMP | FTRACE_FL_DCALL) ? "D" : " ");
			if (rec->flags & (FTRACE_FL_JMP | FTRACE_FL_DCALL))
				seq_printf(m, "\tdirect-->%ps\n", (void *)rec->direct);
			else if (rec->flags & FTRACE_FL_CALL)
				seq_printf(m, "\ttramp: %ps\n", ftrace_regs_caller);
			else
				seq_puts(m, "\n");
		}
	}
	mutex_unlock(&ftrace_lock);
	return 0;
}
