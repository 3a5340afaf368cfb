/*
 * kmain: the C entry point, called by boot/entry.asm on the boot stack with
 * the physical address of the Multiboot2 information. Brings the machine
 * up in dependency order (console, boot info, traps, page tables, page
 * allocator, kmalloc, scheduler, interrupts, clock), starts the shell
 * thread (which first runs the in-kernel tests or benchmarks the command
 * line asks for) and becomes the idle task.
 */
#include <kelp/boot_info.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/fw_cfg.h>
#include <kelp/kobject.h>
#include <kelp/proc_fs.h>
#include <kelp/process.h>
#include <kelp/syscall.h>
#include <kelp/irq.h>
#include <kelp/kallsyms.h>
#include <kelp/ktest.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/livepatch.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/workqueue.h>
#include <kelp/shell.h>
#include <kelp/upload.h>
#include <kelp/string.h>
#include <kelp/sysctl.h>
#include <kelp/text_poke.h>
#include <kelp/time.h>
#include <kelp/trace.h>
#include <kelp/traps.h>
#include <kelp/uart.h>
#include <kelp/version.h>
#include <kelp/x86.h>

extern int panic_timeout;

/*
 * The Multiboot2 info is below 4 GiB, inside the boot identity map. The
 * command line is the boot loader's followed by QEMU's fw_cfg file
 * opt/kelp/cmdline (`make run CMDLINE=...` and the test harness use it).
 */
static void parse_boot_info(u64 mbi_phys)
{
	static char extra[BOOT_CMDLINE_MAX];
	const u32 *mbi = (const u32 *)mbi_phys;
	long len;
	int err;

	err = boot_info_parse(mbi, mbi[0], &boot_info);
	boot_info.mbi_phys = mbi_phys;
	if (err)
		pr_err("boot: malformed Multiboot2 information (%d); using what parsed\n", err);
	len = fw_cfg_read_file(FW_CFG_CMDLINE_FILE, extra, sizeof(extra));
	if (len > 0 && (boot_cmdline_append(boot_info.cmdline, sizeof(boot_info.cmdline), extra,
					    min((size_t)len, sizeof(extra))) || len > sizeof(extra)))
		boot_info.cmdline_truncated = true;
	if (boot_info.cmdline_truncated)
		pr_warn("boot: command line truncated to %d bytes\n", BOOT_CMDLINE_MAX - 1);
}

static int cmdline_int(const char *key, int def)
{
	char buf[16];
	const char *v = boot_cmdline_get(boot_info.cmdline, key, buf, sizeof(buf));
	int sign = 1, n = 0;

	if (!v || !*v)
		return def;
	if (*v == '-') {
		sign = -1;
		v++;
	}
	for (; *v >= '0' && *v <= '9'; v++)
		n = n * 10 + (*v - '0');
	return sign * n;
}

/* Linux's console parameters: quiet, loglevel=N, and panic=N. */
static void apply_cmdline(void)
{
	char buf[4];

	if (boot_cmdline_get(boot_info.cmdline, "quiet", buf, sizeof(buf)))
		console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	console_loglevel = cmdline_int("loglevel", console_loglevel);
	panic_timeout = cmdline_int("panic", 0);
}

static void print_banner(void)
{
	pr_info("%s version %s (%s) %s\n", KELP_SYSNAME, KELP_RELEASE, KELP_MACHINE, KELP_VERSION);
	pr_info("Command line: %s\n", boot_info.cmdline);
	pr_info("boot: loaded by %s\n", boot_info.loader_name[0] ? boot_info.loader_name : "unknown");
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];

		pr_info("BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n", (unsigned long long)r->base,
			(unsigned long long)(r->base + r->length - 1),
			r->type == BOOT_MEM_AVAILABLE ? "usable" :
			r->type == BOOT_MEM_ACPI_RECLAIMABLE ? "ACPI data" :
			r->type == BOOT_MEM_NVS ? "ACPI NVS" : "reserved");
	}
}

/* The root filesystem, /proc, /sys, and the initramfs boot module if any. */
static void fs_init(void)
{
	struct inode *proc = proc_init();

	vfs_init();
	if (!proc || vfs_mount("/proc", proc))
		pr_err("procfs: cannot mount /proc\n");
	sysfs_init();
	modules_proc_init();
	for (u32 i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (strcmp(m->cmdline, "initramfs"))
			continue;
		initramfs_unpack(phys_to_virt(m->start), m->end - m->start);
		return;
	}
	pr_info("initramfs: none\n");
}

/* Runs ktest=... and bench=... from the command line, if given. */
static void run_boot_tests(void)
{
	static char filter[128];

	if (boot_cmdline_get(boot_info.cmdline, "ktest", filter, sizeof(filter)))
		ktest_run(filter);
	if (boot_cmdline_get(boot_info.cmdline, "bench", filter, sizeof(filter)))
		kbench_run(filter);
}

/*
 * Becomes /bin/init (this thread is pid 1) with the console on descriptors
 * 0, 1 and 2. Returns only on failure: the error that leaves the shell in
 * the kernel.
 */
static int start_init(void)
{
	static const char *const argv[] = { "/bin/init", NULL };
	struct exec_args args;
	struct file *con;
	int err = unshare_fs();

	con = err ? NULL : console_open();
	if (!con)
		return err ? err : -ENOMEM;
	fd_install(con);
	sys_dup(0);
	sys_dup(0);
	err = exec_args_init(&args);
	for (int i = 0; !err && argv[i]; i++)
		err = exec_args_add(&args, argv[i], false);
	if (!err)
		err = exec_args_add(&args, "PATH=/bin", true);
	if (!err)
		err = process_exec_init(argv[0], &args);
	exec_args_free(&args);
	return err;
}

/*
 * See time.h. The first read of the console: the shell shows its first
 * prompt. A debug record (dmesg; `make bench` reads it) with the time from
 * kernel entry, idle time apart: under -icount shift=0 the busy part is
 * the kernel's and the programs' instruction count, and the TSC at entry
 * that of the firmware and the boot loader.
 */
void boot_mark_prompt(void)
{
	static bool done;
	u64 ns = ktime_get_ns();	/* since boot_tsc, the TSC at _start */

	if (done)
		return;
	done = true;
	pr_debug("kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\n",
		 (unsigned long long)(ns / NSEC_PER_USEC), (unsigned long long)(idle_ns / NSEC_PER_USEC),
		 (unsigned long long)boot_tsc);
}

static DECLARE_COMPLETION(boot_done);

/*
 * The first task, pid 1 (created before any other so that it gets that
 * pid): once kmain has finished, the boot tests, so they run in an
 * ordinary task; then it becomes init in user space, or runs the kernel's
 * own shell when there is no /bin/init.
 */
static int shell_thread(void *unused)
{
	int err;

	wait_for_completion(&boot_done);
	run_boot_tests();
	err = start_init();
	if (err != -ENOENT)	/* no /bin at all (no initramfs): the kernel shell, quietly */
		pr_warn("init: cannot start /bin/init (%s), using the kernel shell\n", strerror(err));
	exit_fs();
	shell_run();
}

/* See the file comment. Never returns. */
__noreturn void kmain(u64 mbi_phys)
{
	struct task *sh;
	u64 boot_ns;

	boot_tsc = entry_tsc ? entry_tsc : rdtsc();
	tsc_calibrate_start();
	sched_early_init();
	uart_init(&uart_com1);
	uart_init(&uart_com2);
	parse_boot_info(mbi_phys);
	apply_cmdline();
	print_banner();
	gdt_init();
	idt_init();
	syscall_init();
	paging_init();
	text_poke_init();
	pmm_init();
	kmalloc_init();
	ftrace_init();
	sched_init();
	sh = kthread_run(shell_thread, NULL, "sh");	/* pid 1: waits for boot_done */
	if (IS_ERR(sh))
		panic("cannot start the first thread: %ld", PTR_ERR(sh));
	put_task_struct(sh);	/* never stopped */
	workqueue_init();
	fs_init();		/* memory work: fills time_init's calibration window */
	pic_init();
	time_init();
	uart_enable_rx(&uart_com1);
	uart_enable_rx(&uart_com2);
	local_irq_enable();
	klp_init();
	kallsyms_proc_init();
	sysctl_init();
	tracefs_init();

	boot_ns = ktime_get_ns();
	pr_info("kelp: boot took %llu us\n", (unsigned long long)(boot_ns / NSEC_PER_USEC));
	upload_init();
	complete(&boot_done);	/* pid 1 goes on: boot tests, then /bin/init */
	cpu_idle_loop();
}
