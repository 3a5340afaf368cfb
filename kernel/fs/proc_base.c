/*
 * The standard /proc files: cmdline, meminfo, slabinfo, uptime, each
 * declared with PROC_FILE() next to its show function (Linux's
 * fs/proc/cmdline.c, meminfo.c, ...). The show functions keep Linux's
 * names and signatures (cmdline_proc_show,
 * meminfo_proc_show) because Linux's livepatch samples and selftests patch
 * exactly these functions.
 */
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/boot_info.h>
#include <kelp/mm.h>
#include <kelp/time.h>

static unsigned long long kib(u64 pages)
{
	return (unsigned long long)pages * (PAGE_SIZE / 1024);
}

/* /proc/cmdline: the kernel command line and a newline. */
int cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", boot_info.cmdline);
	return 0;
}
PROC_FILE("cmdline", 0444, cmdline_proc_show, NULL);

/* /proc/meminfo: Linux's field names where Linux has the field. */
int meminfo_proc_show(struct seq_file *m, void *v)
{
	struct pmm_stats ps;
	struct kmalloc_stats ks;

	pmm_get_stats(&ps);
	kmalloc_get_stats(&ks);
	seq_printf(m, "MemTotal:       %8llu kB\n", kib(ps.total_pages));
	seq_printf(m, "MemFree:        %8llu kB\n", kib(ps.free_pages));
	seq_printf(m, "Reserved:       %8llu kB\n", kib(ps.reserved_pages));
	seq_printf(m, "KernelImage:    %8llu kB\n", (unsigned long long)((_end - _text) / 1024));
	seq_printf(m, "Slab:           %8llu kB\n", kib(ks.slab_pages));
	seq_printf(m, "KmallocLarge:   %8llu kB\n", kib(ks.large_pages));
	seq_printf(m, "KernelStack:    %8llu kB\n",
		   kib((u64)vmap_stacks_in_use() * (THREAD_STACK_SIZE / PAGE_SIZE)));
	seq_printf(m, "PageTables:     %8llu kB\n", kib(paging_dynamic_table_pages()));
	seq_printf(m, "KmallocInUse:   %8llu bytes in %llu allocations\n",
		   (unsigned long long)ks.bytes_in_use, (unsigned long long)ks.allocations);
	return 0;
}
PROC_FILE("meminfo", 0444, meminfo_proc_show, NULL);

/* /proc/slabinfo: one line per kmalloc cache. */
int slabinfo_proc_show(struct seq_file *m, void *v)
{
	char buf[1024];

	kmalloc_format_caches(buf, sizeof(buf));
	seq_puts(m, buf);
	return 0;
}
PROC_FILE("slabinfo", 0444, slabinfo_proc_show, NULL);

/* /proc/uptime: seconds since boot and seconds spent idle, 2 decimals. */
int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 up = ktime_get_ns() / (NSEC_PER_SEC / 100), idle = idle_time_ns() / (NSEC_PER_SEC / 100);

	seq_printf(m, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 100),
		   (unsigned long long)(up % 100), (unsigned long long)(idle / 100),
		   (unsigned long long)(idle % 100));
	return 0;
}
PROC_FILE("uptime", 0444, uptime_proc_show, NULL);
