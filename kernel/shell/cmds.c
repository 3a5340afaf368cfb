/*
 * The shell's built-in commands of the foundation: echo, uname, uptime,
 * meminfo/free, dmesg, cmdline, poweroff/reboot, and the test helper
 * crash (ktest and bench are user programs: userland/bin/). Output formats follow busybox and Linux where they
 * have one (dmesg lines, meminfo fields, free's table).
 */
#include <kelp/shell.h>
#include <kelp/sched.h>
#include <kelp/boot_info.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/x86.h>
#include <kelp/mm.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/version.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>

static int cmd_echo(int argc, char **argv)
{
	bool newline = true;
	int i = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = false;
		i++;
	}
	for (; i < argc; i++)
		sh_printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline)
		sh_write("\n", 1);
	return 0;
}
SHELL_COMMAND("echo", "[-n] ARGS...  print the arguments", cmd_echo);

static int cmd_uname(int argc, char **argv)
{
	bool all = argc > 1 && !strcmp(argv[1], "-a");

	if (argc > 2 || (argc == 2 && !all && strcmp(argv[1], "-s"))) {
		sh_eprintf("uname: invalid option -- '%s'\n", argv[1]);
		return 1;
	}
	if (!all) {
		sh_printf("%s\n", KELP_SYSNAME);
		return 0;
	}
	sh_printf("%s %s %s %s %s\n", KELP_SYSNAME, KELP_NODENAME, KELP_RELEASE, KELP_VERSION,
		  KELP_MACHINE);
	return 0;
}
SHELL_COMMAND("uname", "[-a]  print system information", cmd_uname);

static int cmd_uptime(int argc, char **argv)
{
	u64 ns = ktime_get_ns();
	u64 s = ns / NSEC_PER_SEC;

	sh_printf("up %02llu:%02llu:%02llu, %llu.%06llu seconds since boot\n",
		  (unsigned long long)(s / 3600), (unsigned long long)(s / 60 % 60),
		  (unsigned long long)(s % 60), (unsigned long long)s,
		  (unsigned long long)(ns % NSEC_PER_SEC / NSEC_PER_USEC));
	return 0;
}
SHELL_COMMAND("uptime", "time since boot", cmd_uptime);

/* Sleeps in the scheduler: other tasks run meanwhile. */
static int cmd_sleep(int argc, char **argv)
{
	unsigned int secs;

	if (argc != 2 || kstrtouint(argv[1], 10, &secs)) {
		sh_eprintf("sleep: invalid number '%s'\n", argc > 1 ? argv[1] : "");
		return 1;
	}
	while (secs--)
		msleep(1000);
	return 0;
}
SHELL_COMMAND("sleep", "N  wait N seconds", cmd_sleep);

static unsigned long long kib(u64 pages)
{
	return (unsigned long long)pages * (PAGE_SIZE / 1024);
}

/* Prints what a seq_file show function produces, as `cat /proc/...` would. */
static int print_show(int (*show)(struct seq_file *m, void *v))
{
	struct seq_file m = { 0 };
	int err = seq_run(&m, show, NULL, 1 << 20);

	if (err) {
		sh_eprintf("sh: %s\n", strerror(err));
		return 1;
	}
	sh_write(m.buf, m.count);
	seq_release(&m);
	return 0;
}

static int cmd_meminfo(int argc, char **argv)
{
	return print_show(meminfo_proc_show) | print_show(slabinfo_proc_show);
}
SHELL_COMMAND("meminfo", "memory use, per kmalloc cache", cmd_meminfo);

/* What `memcheck` compares: everything a leak would move. */
struct mem_snapshot {
	u64 free_pages, kmalloc_bytes, kmalloc_allocs, stacks, table_pages;
};

static void mem_snapshot(struct mem_snapshot *m)
{
	struct pmm_stats ps;
	struct kmalloc_stats ks;

	pmm_get_stats(&ps);
	kmalloc_get_stats(&ks);
	*m = (struct mem_snapshot){ ps.free_pages, ks.bytes_in_use, ks.allocations,
				    vmap_stacks_in_use(), paging_dynamic_table_pages() };
}

static int mem_diff(const char *what, u64 now, u64 was)
{
	if (now == was)
		return 0;
	sh_printf("memcheck: %s: %llu, was %llu\n", what, (unsigned long long)now,
		  (unsigned long long)was);
	return 1;
}

/* `memcheck mark` records the memory state; `memcheck` reports what changed since. */
static int cmd_memcheck(int argc, char **argv)
{
	static struct mem_snapshot mark;
	static bool marked;
	struct mem_snapshot now;
	int changed = 0;

	mem_snapshot(&now);
	if (argc == 2 && !strcmp(argv[1], "mark")) {
		mark = now;
		marked = true;
		return 0;
	}
	if (argc != 1) {
		sh_eprintf("usage: memcheck [mark]\n");
		return 1;
	}
	if (!marked) {
		sh_eprintf("memcheck: no mark (run memcheck mark first)\n");
		return 1;
	}
	changed += mem_diff("free pages", now.free_pages, mark.free_pages);
	changed += mem_diff("kmalloc bytes", now.kmalloc_bytes, mark.kmalloc_bytes);
	changed += mem_diff("kmalloc allocations", now.kmalloc_allocs, mark.kmalloc_allocs);
	changed += mem_diff("kernel stacks", now.stacks, mark.stacks);
	changed += mem_diff("page-table pages", now.table_pages, mark.table_pages);
	if (!changed)
		sh_printf("memcheck: unchanged since mark\n");
	return changed ? 1 : 0;
}
SHELL_COMMAND("memcheck", "[mark]  compare memory use with the mark (leak check)", cmd_memcheck);

static int cmd_free(int argc, char **argv)
{
	struct pmm_stats ps;
	u64 used;

	pmm_get_stats(&ps);
	used = ps.total_pages - ps.free_pages;
	sh_printf("%15s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared",
		  "buff/cache", "available");
	sh_printf("Mem:    %11llu %11llu %11llu %11d %11d %11llu\n", kib(ps.total_pages),
		  kib(used), kib(ps.free_pages), 0, 0, kib(ps.free_pages));
	return 0;
}
SHELL_COMMAND("free", "memory totals in KiB, as busybox free", cmd_free);

static void dmesg_emit(const char *line, size_t len, void *arg)
{
	sh_write(line, len);
}

static int cmd_dmesg(int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-c") && strcmp(argv[1], "-C"))) {
		sh_eprintf("dmesg: invalid option -- '%s'\nusage: dmesg [-c|-C]\n", argv[1]);
		return 1;
	}
	if (argc == 1 || strcmp(argv[1], "-C"))
		printk_log_for_each(dmesg_emit, NULL);
	if (argc == 2)
		printk_log_clear();
	return 0;
}
SHELL_COMMAND("dmesg", "[-c|-C]  print (and clear) the kernel log", cmd_dmesg);

static int cmd_cmdline(int argc, char **argv)
{
	sh_printf("%s\n", boot_info.cmdline);
	return 0;
}
SHELL_COMMAND("cmdline", "the kernel command line (as /proc/cmdline)", cmd_cmdline);

static int cmd_poweroff(int argc, char **argv)
{
	machine_power_off();
}
SHELL_COMMAND("poweroff", "power the machine off (ends QEMU)", cmd_poweroff);

static int cmd_reboot(int argc, char **argv)
{
	machine_restart();
}
SHELL_COMMAND("reboot", "reset the machine", cmd_reboot);

