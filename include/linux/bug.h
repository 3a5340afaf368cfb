/*
 * <linux/bug.h>: BUG(), BUG_ON(), WARN(), WARN_ON(), WARN_ON_ONCE(),
 * WARN_ONCE() and BUILD_BUG_ON(). BUG panics with Linux's "kernel BUG at
 * FILE:LINE!"; WARN prints the WARNING splat and returns the condition,
 * as Linux's (include/kelp/panic.h, kernel/panic.c).
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/types.h>
#include <kelp/compiler.h>
#include <kelp/panic.h>

#ifndef WARN_ONCE
#define WARN_ONCE(cond, fmt, ...) ({                                            \
	static bool __warned_once;                                              \
	bool __c_once = !!(cond);                                               \
	if (unlikely(__c_once) && !__warned_once) {                             \
		__warned_once = true;                                           \
		__warn(__FILE__, __LINE__, (void *)_THIS_IP_, fmt, ##__VA_ARGS__);      \
	}                                                                       \
	unlikely(__c_once);                                                     \
})
#endif
#ifndef BUILD_BUG_ON_MSG
#define BUILD_BUG_ON_MSG(c, msg) _Static_assert(!(c), msg)
#endif
#ifndef BUILD_BUG
#define BUILD_BUG() BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")
#endif

#endif /* _LINUX_BUG_H */
