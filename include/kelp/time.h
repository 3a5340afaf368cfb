/*
 * Time: the timer tick (jiffies, HZ per second, from the PIT), the TSC
 * calibrated against the PIT at boot, and the monotonic clock built on the
 * TSC. Under `qemu -icount shift=0` the TSC counts executed instructions,
 * which makes tsc deltas the benchmark unit.
 */
#ifndef KELP_TIME_H
#define KELP_TIME_H

#include <kelp/types.h>

#define HZ 1000
#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

extern volatile u64 jiffies;
/* TSC frequency in kHz, 0 before time_init(). */
extern u64 tsc_khz;
/* TSC value at kernel entry: entry_tsc, or kmain's first read without it. */
extern u64 boot_tsc;
extern u64 entry_tsc;		/* the TSC at _start (boot/entry.asm) */

/* Calibrates the TSC against the PIT and starts the tick. Boot, IRQs off. */
void time_init(void);

/*
 * Opens the TSC calibration window (PIT channel 2 starts counting), to be
 * closed by time_init(): called first thing in kmain so that the boot's
 * work fills the window. Boot, IRQs off.
 */
void tsc_calibrate_start(void);
/* Nanoseconds since kernel entry; 0 until time_init() ran. Any context. */
u64 ktime_get_ns(void);
/* Linux's ktime names for the same clock (kernel/sched_linux.c): ns since boot. */
typedef s64 ktime_t;
struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};
ktime_t ktime_get(void);
ktime_t ktime_get_raw(void);
u64 ktime_get_mono_fast_ns(void);
void ktime_get_ts64(struct timespec64 *ts);
/* Linux's clock bases; Kelp has one clock, so every offset is 0 (kernel/sched_linux.c). */
enum tk_offsets { TK_OFFS_REAL, TK_OFFS_BOOT, TK_OFFS_TAI, TK_OFFS_MAX };
void ktime_get_real_ts64(struct timespec64 *ts);
ktime_t ktime_get_with_offset(enum tk_offsets offs);
void jiffies_to_timespec64(const unsigned long j, struct timespec64 *ts);
unsigned long timespec64_to_jiffies(const struct timespec64 *ts);
/* Converts a TSC delta to nanoseconds (0 before calibration). */
u64 tsc_to_ns(u64 delta);
/* Busy-waits for at least us microseconds (TSC based). Any context. */
void udelay(u64 us);
/*
 * Halts until the next interrupt with interrupts enabled, adding the time
 * spent halted to the CPU's idle_ns. The idle task only.
 */
void cpu_idle_halt(void);
/* Time every online CPU spent halted, summed (the second field of /proc/uptime). */
u64 idle_time_ns(void);
/* Called from the timer interrupt: advances jiffies. */
void time_tick(void);

/*
 * Logs, once, how long the boot took up to the shell's first prompt (the
 * console's first read; kernel/main.c). Process context.
 */
void boot_mark_prompt(void);

#endif /* KELP_TIME_H */
