/*
 * Compiler attributes and helpers shared by the whole kernel.
 * `notrace` keeps the fentry NOP out of a function: use it for entry paths,
 * the tracer and trampoline helpers, early boot code and anything that runs
 * before the ftrace layer may safely call a hook.
 */
#ifndef KELP_COMPILER_H
#define KELP_COMPILER_H

#define notrace __attribute__((no_instrument_function))
#define __noreturn __attribute__((noreturn))
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#define __unused __attribute__((unused))
#define __weak __attribute__((weak))
#define __printf(a, b) __attribute__((format(printf, a, b)))
/* The address the current function returns to (the caller's call site). */
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))
#undef __always_inline	/* the host's sys/cdefs.h has one in unit tests */
#define __always_inline inline __attribute__((always_inline))
#define noinline __attribute__((noinline))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define barrier() __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#include <kelp/barrier.h>

#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

#endif /* KELP_COMPILER_H */
