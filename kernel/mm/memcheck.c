/*
 * /proc/memcheck: the leak check the test scenarios run around a workload
 * (`memcheck mark`, ..., `memcheck`: userland/bin/memcheck.c formats it).
 * Writing "mark" records everything a leak would move: free pages (plus
 * the kmalloc caches' pages), kmalloc bytes and allocations, kernel
 * stacks, page-table pages. Writing "check"
 * takes the same snapshot again. Reading shows the last check next to the
 * mark, one "NAME NOW MARK" line per value (nothing before the first mark).
 * Both snapshots are taken inside a write, so the caller's own footprint
 * (an open file, the write's copy of a short word) is the same in both.
 */
#include <kelp/mm.h>
#include <kelp/errno.h>
#include <kelp/mutex.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/string.h>

enum { MC_FREE_PAGES, MC_KMALLOC_BYTES, MC_KMALLOC_ALLOCS, MC_STACKS, MC_TABLE_PAGES, MC_NR };

static const char *const memcheck_names[MC_NR] = {
	"free_pages", "kmalloc_bytes", "kmalloc_allocations", "kernel_stacks", "page_table_pages",
};

static DEFINE_MUTEX(memcheck_lock);	/* the two snapshots */
static u64 memcheck_mark[MC_NR], memcheck_now[MC_NR];
static bool memcheck_marked;

static void memcheck_snapshot(u64 *v)
{
	struct pmm_stats ps;
	struct kmalloc_stats ks;

	pmm_get_stats(&ps);
	kmalloc_get_stats(&ks);
	/*
	 * Pages the kmalloc caches hold count as free: which slabs stay
	 * allocated (each cache keeps one empty slab, partly used ones
	 * depend on the order of frees) is history, not a leak, and a leaked
	 * object shows in the kmalloc counters anyway.
	 */
	v[MC_FREE_PAGES] = ps.free_pages + ks.slab_pages;
	v[MC_KMALLOC_BYTES] = ks.bytes_in_use;
	v[MC_KMALLOC_ALLOCS] = ks.allocations;
	v[MC_STACKS] = vmap_stacks_in_use();
	v[MC_TABLE_PAGES] = paging_dynamic_table_pages();
}

static int memcheck_show(struct seq_file *m, void *v)
{
	mutex_lock(&memcheck_lock);
	for (int i = 0; memcheck_marked && i < MC_NR; i++)
		seq_printf(m, "%s %llu %llu\n", memcheck_names[i],
			   (unsigned long long)memcheck_now[i], (unsigned long long)memcheck_mark[i]);
	mutex_unlock(&memcheck_lock);
	return 0;
}

/* "mark" or "check" (a trailing newline is allowed); anything else -EINVAL. */
static ssize_t memcheck_write(const char *buf, size_t len)
{
	size_t n = len && buf[len - 1] == '\n' ? len - 1 : len;

	mutex_lock(&memcheck_lock);
	if (n == 4 && !memcmp(buf, "mark", 4)) {
		memcheck_snapshot(memcheck_mark);
		memcpy(memcheck_now, memcheck_mark, sizeof(memcheck_now));
		memcheck_marked = true;
	} else if (n == 5 && !memcmp(buf, "check", 5)) {
		memcheck_snapshot(memcheck_now);
	} else {
		len = -EINVAL;
	}
	mutex_unlock(&memcheck_lock);
	return len;
}

/* See mm.h. */
void memcheck_proc_init(void)
{
	if (!proc_create_rw("memcheck", 0644, NULL, memcheck_show, memcheck_write))
		pr_err("memcheck: cannot create /proc/memcheck\n");
}
