/*
 * Fatal errors and warnings: panic(), BUG()/BUG_ON(), WARN()/WARN_ON() with
 * Linux's output layout (cut here / WARNING: CPU: ... / Call Trace), and the
 * kernel taint mask that `/proc/sys/kernel/tainted` shows.
 */
#ifndef KELP_PANIC_H
#define KELP_PANIC_H

#include <kelp/types.h>
#include <kelp/compiler.h>

struct pt_regs;

/* Taint bits, Linux's numbering. */
#define TAINT_PROPRIETARY_MODULE 0
#define TAINT_FORCED_MODULE 1
#define TAINT_FORCED_RMMOD 3
#define TAINT_BAD_PAGE 5
#define TAINT_USER 6
#define TAINT_DIE 7
#define TAINT_WARN 9
#define TAINT_OOT_MODULE 12
#define TAINT_UNSIGNED_MODULE 13
#define TAINT_LIVEPATCH 15
#define TAINT_TEST 18

extern unsigned long tainted_mask;
void add_taint(unsigned int flag);
/* True if taint flag is set (Linux's). */
bool test_taint(unsigned int flag);
/* Writes the "Tainted: G        W" style string into buf (Linux's print_tainted). */
const char *print_tainted(char *buf, size_t len);

/* Stops the kernel: prints msg and a backtrace, then halts or reboots (panic=N). */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);
/* Linux's panic from an NMI handler: panic(msg) here. */
__noreturn void nmi_panic(struct pt_regs *regs, const char *msg);

/*
 * Prints an oops for an unhandled exception at regs (header lines first,
 * by the caller), registers and the trace, then panics. Never returns.
 */
__noreturn void die(const char *what, struct pt_regs *regs, unsigned long err);

/* Emits a WARNING splat; returns nothing. Use WARN/WARN_ON. */
void __warn(const char *file, int line, void *caller, const char *fmt, ...) __printf(4, 5);
/* Prints a WARN message (Linux's out-of-line helper of its WARN macro). */
void __warn_printk(const char *fmt, ...) __printf(1, 2);
/* Prints "CPU: 0 PID: n Comm: name" and the current call trace. */
void dump_stack(void);

/* The address of the code that expands this macro (Linux's _THIS_IP_). */
#define _THIS_IP_ ({ __label__ __here; __here: (unsigned long)&&__here; })

#define WARN(cond, fmt, ...) ({                                                  \
	bool __c = !!(cond);                                                      \
	if (unlikely(__c))                                                        \
		__warn(__FILE__, __LINE__, (void *)_THIS_IP_, fmt, ##__VA_ARGS__); \
	unlikely(__c);                                                            \
})
#define WARN_ON(cond) WARN(cond, NULL)
#define WARN_ON_ONCE(cond) ({                                                    \
	static bool __warned;                                                     \
	bool __c = !!(cond);                                                      \
	if (unlikely(__c) && !__warned) {                                         \
		__warned = true;                                                  \
		__warn(__FILE__, __LINE__, (void *)_THIS_IP_, NULL);    \
	}                                                                         \
	unlikely(__c);                                                            \
})
#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

/* The running task's pid and name, and its CPU, for the oops lines (kernel/sched/core.c). Any context. */
int current_pid(void);
const char *current_comm(void);
int current_cpu(void);

/* Reboots the machine (keyboard controller, then triple fault). */
__noreturn void machine_restart(void);
/* Powers off: ACPI S5 on QEMU's chipsets, then isa-debug-exit. */
__noreturn void machine_power_off(void);
/* Ends QEMU with exit status (code << 1) | 1 through isa-debug-exit. */
void qemu_debug_exit(u8 code);

#endif /* KELP_PANIC_H */
