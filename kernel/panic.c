/*
 * panic(), die() (the oops path), WARN splats and the taint mask. Output
 * follows Linux's layout so people and tools recognise it. After a panic
 * the kernel halts, or reboots after panic=N seconds (N < 0: at once), as
 * Linux's panic= parameter; QEMU started with -no-reboot then exits.
 */
#include <kelp/export.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/stacktrace.h>
#include <kelp/traps.h>
#include <kelp/kallsyms.h>
#include <kelp/time.h>
#include <kelp/string.h>
#include <kelp/x86.h>
#include <kelp/sysctl.h>
#include <kelp/kstrto.h>
#include <kelp/errno.h>

unsigned long tainted_mask;
EXPORT_SYMBOL_FOR_KTEST(tainted_mask);
int panic_timeout;		/* seconds; set from the command line (panic=N) */
static int die_counter;
static volatile int panicking;

/* Linux's taint letters, one per bit, ' ' when clear (print_tainted). */
static const char taint_chars[][2] = {
	{ 'P', 'G' }, { 'F', ' ' }, { 'S', ' ' }, { 'R', ' ' }, { 'M', ' ' },
	{ 'B', ' ' }, { 'U', ' ' }, { 'D', ' ' }, { 'A', ' ' }, { 'W', ' ' },
	{ 'C', ' ' }, { 'I', ' ' }, { 'O', ' ' }, { 'E', ' ' }, { 'L', ' ' },
	{ 'K', ' ' }, { 'X', ' ' }, { 'T', ' ' }, { 'N', ' ' }, { 'J', ' ' },
};

/* See panic.h. */
void add_taint(unsigned int flag)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}

/* See panic.h. Returns buf. */
const char *print_tainted(char *buf, size_t len)
{
	size_t n = 0;

	if (!tainted_mask) {
		strlcpy(buf, "Not tainted", len);
		return buf;
	}
	n = scnprintf(buf, len, "Tainted: ");
	for (unsigned int i = 0; i < ARRAY_SIZE(taint_chars) && n + 1 < len; i++)
		buf[n++] = taint_chars[i][(tainted_mask >> i) & 1 ? 0 : 1];
	buf[n] = '\0';
	return buf;
}

static void print_cpu_line(void)
{
	char taint[48];

	printk(KERN_EMERG "CPU: %d PID: %d Comm: %s %s\n", current_cpu(), current_pid(), current_comm(),
	       print_tainted(taint, sizeof(taint)));
	printk(KERN_EMERG "Hardware name: QEMU Standard PC, Kelp\n");
}

/* See panic.h. */
void dump_stack(void)
{
	print_cpu_line();
	show_trace_bp((unsigned long)__builtin_frame_address(0));
}

/* See panic.h. */
__noreturn void die(const char *what, struct pt_regs *regs, unsigned long err)
{
	local_irq_disable();
	if (panicking) {
		printk(KERN_EMERG "Oops while panicking (%s at %lx); halting\n", what, regs->ip);
		for (;;)
			halt();
	}
	/*
	 * Linux's console_verbose(): a test that quieted the console
	 * (console_loglevel = 0 around a loop) must not hide its own oops.
	 */
	console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
	oops_in_progress = 1;
	printk(KERN_EMERG "Oops: %s: %04lx [#%d]\n", what, err, ++die_counter);
	print_cpu_line();
	show_regs(regs);
	/* regs->bp is the interrupted function's frame; its return address follows. */
	show_trace_bp((unsigned long)__builtin_frame_address(0));
	add_taint(TAINT_DIE);
	panic("Fatal exception");
}

static __noreturn void panic_halt_or_reboot(void)
{
	if (panic_timeout) {
		if (panic_timeout > 0) {
			printk(KERN_EMERG "Rebooting in %d seconds..\n", panic_timeout);
			udelay((u64)panic_timeout * 1000000);
		}
		machine_restart();
	}
	for (;;)
		halt();
}

/* See panic.h. */
__noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	local_irq_disable();
	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST)) {
		for (;;)
			halt();
	}
	oops_in_progress = 1;
	printk_enter_panic();
	console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;	/* as in die() */
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	panic_halt_or_reboot();
}
EXPORT_SYMBOL(panic);

/* See panic.h. Kelp has no NMI handler that could race a panic: panic(). */
__noreturn void nmi_panic(struct pt_regs *regs, const char *msg)
{
	(void)regs;
	panic("%s", msg);
}
EXPORT_SYMBOL(nmi_panic);

/* See panic.h. */
void __warn(const char *file, int line, void *caller, const char *fmt, ...)
{
	char sym[128];
	va_list ap;

	printk(KERN_WARNING "------------[ cut here ]------------\n");
	if (fmt) {
		char msg[256];

		va_start(ap, fmt);
		vscnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		size_t n = strlen(msg);

		printk(KERN_WARNING "%s%s", msg, n && msg[n - 1] == '\n' ? "" : "\n");
	}
	kallsyms_snprint_symbol(sym, sizeof(sym), (unsigned long)caller);
	printk(KERN_WARNING "WARNING: CPU: %d PID: %d at %s:%d %s\n", current_cpu(), current_pid(), file, line, sym);
	add_taint(TAINT_WARN);
	dump_stack();
	printk(KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
}
EXPORT_SYMBOL(__warn);

/*
 * Linux's WARN() prints its message with __warn_printk() before the
 * trap that reports the warning; a module built against Linux's macros
 * calls it. Prints the message at warning level. Any context.
 */
void __warn_printk(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_WARNING "%s", msg);
}
EXPORT_SYMBOL(__warn_printk);

/* Linux's: true if taint flag (TAINT_*) is set. Any context. */
bool test_taint(unsigned int flag)
{
	return flag < 64 && (READ_ONCE(tainted_mask) >> flag) & 1;
}
EXPORT_SYMBOL(test_taint);

/* kernel.tainted: the taint bits as a number; a write adds bits (Linux). */
static int tainted_show(char *buf, size_t len)
{
	return scnprintf(buf, len, "%lu", tainted_mask);
}

static int tainted_store(const char *val)
{
	unsigned long v;

	if (kstrtoul(val, 10, &v))
		return -EINVAL;
	for (unsigned int i = 0; i < 64; i++)
		if (v & (1UL << i))
			add_taint(i);
	return 0;
}

static const struct ctl_table panic_sysctls[] = {
	{ "kernel.tainted", tainted_show, tainted_store },
};
SYSCTL_TABLE(panic_sysctls);
