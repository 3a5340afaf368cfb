/*
 * kmain: the C entry point, called by boot/entry.asm on the boot stack with
 * the physical address of the Multiboot2 information. Brings the machine
 * up in dependency order (console, boot info, traps, page tables, page
 * allocator, kmalloc, scheduler, interrupts, clock), starts the first
 * thread, pid 1 (which runs the in-kernel tests or benchmarks the command
 * line asks for, then becomes init in user space, or panics as Linux does
 * when no init runs), and becomes the idle task.
 */
#include <kelp/acpi.h>
#include <kelp/smp.h>
#include <kelp/boot_info.h>
#include <kelp/build_id.h>
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
#include <kelp/lockdep.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/kprobes.h>
#include <kelp/sched.h>
#include <kelp/livepatch.h>
#include <kelp/kthread.h>
#include <kelp/completion.h>
#include <kelp/workqueue.h>
#include <kelp/upload.h>
#include <kelp/string.h>
#include <kelp/sysctl.h>
#include <kelp/text_poke.h>
#include <kelp/arch.h>
#include <kelp/time.h>
#include <kelp/trace.h>
#include <kelp/traps.h>
#include <kelp/hung_task.h>
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

/*
 * The root filesystem, /proc, /sys, /dev, and the initramfs boot modules, in
 * order (the test image adds a second archive of test modules).
 */
static void fs_init(void)
{
	struct inode *proc = proc_init();
	unsigned int found = 0;

	vfs_init();
	if (!proc || vfs_mount("/proc", proc))
		pr_err("procfs: cannot mount /proc\n");
	sysfs_init();
	devtmpfs_init();
	console_dev_init();
	kmsg_dev_init();
	modules_proc_init();
	for (u32 i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (strcmp(m->cmdline, "initramfs"))
			continue;
		initramfs_unpack(phys_to_virt(m->start), m->end - m->start);
		found++;
	}
	if (!found)
		pr_info("initramfs: none\n");
}

/* Execs path as init with argv { path } and PATH=/bin; returns only on failure. */
static int run_init_process(const char *path)
{
	struct exec_args args;
	int err = exec_args_init(&args);

	if (!err)
		err = exec_args_add(&args, path, false);
	if (!err)
		err = exec_args_add(&args, "PATH=/bin", true);
	if (!err)
		err = process_exec_init(path, &args);
	exec_args_free(&args);
	return err;
}

/* Linux's try_to_run_init_process: a missing file is quietly skipped. */
static int try_to_run_init_process(const char *path)
{
	int err = run_init_process(path);

	if (err && err != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %d)\n", path, err);
	return err;
}

/*
 * Becomes init (this thread is pid 1) with the console on descriptors 0,
 * 1 and 2, as Linux's kernel_init: init=PATH from the command line if
 * given, else the first of /sbin/init, /etc/init, /bin/init, /bin/sh that
 * runs. There is no shell in the kernel to fall back on: if none runs,
 * the kernel panics with Linux's messages. Never returns.
 */
static __noreturn void start_init(void)
{
	static const char *const defaults[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };
	static char requested[128];
	struct file *con;
	int err = unshare_fs();

	con = err ? NULL : console_open();
	if (!con)
		panic("/dev/console: cannot open the console as init's descriptors (error %d)",
		      err ? err : -ENOMEM);
	fd_install(con);
	sys_dup(0);
	sys_dup(0);
	if (boot_cmdline_get(boot_info.cmdline, "init", requested, sizeof(requested)) &&
	    requested[0]) {
		err = run_init_process(requested);
		panic("Requested init %s failed (error %d).", requested, err);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(defaults); i++)
		try_to_run_init_process(defaults[i]);
	panic("No working init found.  Try passing init= option to kernel. "
	      "See Linux Documentation/admin-guide/init.rst for guidance.");
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
		 (unsigned long long)(ns / NSEC_PER_USEC), (unsigned long long)(idle_time_ns() / NSEC_PER_USEC),
		 (unsigned long long)boot_tsc);
}

static DECLARE_COMPLETION(boot_done);

/*
 * The first task, pid 1 (created before any other so that it gets that
 * pid): once kmain has finished, it becomes init in user space.
 */
static int init_thread(void *unused)
{
	wait_for_completion(&boot_done);
	start_init();
}

/* See the file comment. Never returns. */
__noreturn void kmain(u64 mbi_phys)
{
	struct task *init;
	u64 boot_ns;

	boot_tsc = entry_tsc ? entry_tsc : rdtsc();
	tsc_calibrate_start();
	sched_early_init();
	uart_init(&uart_com1);
	uart_console_init();
	uart_init(&uart_com2);
	parse_boot_info(mbi_phys);
	apply_cmdline();
	print_banner();
	lockdep_init();		/* before any validated lock is held */
	arch_cpu_init();
	paging_init();
	acpi_init();
	text_poke_init();
	pmm_init();
	kmalloc_init();
	ftrace_init();
	sched_init();
	init = kthread_run(init_thread, NULL, "init");	/* pid 1: waits for boot_done */
	if (IS_ERR(init))
		panic("cannot start the first thread: %ld", PTR_ERR(init));
	put_task_struct(init);	/* never stopped */
	workqueue_init();
	fs_init();		/* memory work: fills time_init's calibration window */
	pic_init();
	time_init();
	smp_init();
	uart_enable_rx(&uart_com1);
	uart_enable_rx(&uart_com2);
	local_irq_enable();
	cpu_sysfs_init();
	klp_init();
	build_id_init();
	kallsyms_proc_init();
	memcheck_proc_init();
	sysctl_init();
	tracefs_init();
	dynamic_debug_init();
	kprobes_init();
	hung_task_init();

	boot_ns = ktime_get_ns();
	pr_info("kelp: boot took %llu us\n", (unsigned long long)(boot_ns / NSEC_PER_USEC));
	upload_init();
	complete(&boot_done);	/* pid 1 goes on to /bin/init */
	cpu_idle_loop();
}
