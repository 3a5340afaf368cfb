/*
 * <linux/ktime.h>: ktime_t (signed nanoseconds) and its helpers. Kelp has
 * one clock, the TSC since boot (include/kelp/time.h): ktime_get(),
 * ktime_get_ns(), ktime_get_raw() and the boot/real variants all read it
 * (docs/linux-compat.md). The conversions are inline; any context.
 */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <kelp/time.h>

#ifndef USEC_PER_SEC
#define USEC_PER_SEC 1000000L
#endif
#ifndef MSEC_PER_SEC
#define MSEC_PER_SEC 1000L
#endif
#ifndef USEC_PER_MSEC
#define USEC_PER_MSEC 1000L
#endif
typedef s64 time64_t;

#define KTIME_MAX ((s64)~((u64)1 << 63))

#define ktime_set(secs, nsecs) ((ktime_t)(secs) * (ktime_t)NSEC_PER_SEC + (ktime_t)(nsecs))
#define ktime_add(a, b) ((a) + (b))
#define ktime_sub(a, b) ((a) - (b))
#define ktime_add_ns(kt, ns) ((kt) + (ktime_t)(ns))
#define ktime_sub_ns(kt, ns) ((kt) - (ktime_t)(ns))
#define ktime_add_us(kt, us) ((kt) + (ktime_t)(us) * (ktime_t)NSEC_PER_USEC)
#define ktime_add_ms(kt, ms) ((kt) + (ktime_t)(ms) * (ktime_t)NSEC_PER_MSEC)

static inline s64 ktime_to_ns(ktime_t kt) { return kt; }
static inline s64 ktime_to_us(ktime_t kt) { return kt / (s64)NSEC_PER_USEC; }
static inline s64 ktime_to_ms(ktime_t kt) { return kt / (s64)NSEC_PER_MSEC; }
static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline ktime_t us_to_ktime(u64 us) { return (ktime_t)(us * NSEC_PER_USEC); }
static inline ktime_t ms_to_ktime(u64 ms) { return (ktime_t)(ms * NSEC_PER_MSEC); }
static inline s64 ktime_us_delta(ktime_t later, ktime_t earlier) { return ktime_to_us(later - earlier); }
static inline s64 ktime_ms_delta(ktime_t later, ktime_t earlier) { return ktime_to_ms(later - earlier); }
static inline int ktime_compare(ktime_t a, ktime_t b) { return a < b ? -1 : a > b; }
static inline bool ktime_after(ktime_t a, ktime_t b) { return a > b; }
static inline bool ktime_before(ktime_t a, ktime_t b) { return a < b; }
static inline struct timespec64 ktime_to_timespec64(ktime_t kt)
{
	struct timespec64 ts = { kt / (s64)NSEC_PER_SEC, (long)(kt % (s64)NSEC_PER_SEC) };

	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += (long)NSEC_PER_SEC;
	}
	return ts;
}
static inline ktime_t timespec64_to_ktime(struct timespec64 ts) { return ktime_set(ts.tv_sec, ts.tv_nsec); }

/* Kelp's one clock answers for every clock base Linux has. */
static inline ktime_t ktime_get_boottime(void) { return ktime_get(); }
static inline ktime_t ktime_get_real(void) { return ktime_get(); }
static inline u64 ktime_get_boottime_ns(void) { return ktime_get_ns(); }
static inline u64 ktime_get_real_ns(void) { return ktime_get_ns(); }
static inline u64 ktime_get_raw_ns(void) { return (u64)ktime_get_raw(); }
static inline time64_t ktime_get_seconds(void) { return (time64_t)(ktime_get_ns() / NSEC_PER_SEC); }

#endif /* _LINUX_KTIME_H */
