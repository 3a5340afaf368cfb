/*
 * <linux/compiler.h>: likely/unlikely, READ_ONCE/WRITE_ONCE, barrier(),
 * noinline, __always_inline, notrace, __used, __maybe_unused and the other
 * attribute names a module writes, from include/kelp/compiler.h, plus the
 * few Linux spells that Kelp's own code does not use.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/types.h>
#include <linux/init.h>

#ifndef __must_check
#define __must_check __attribute__((__warn_unused_result__))
#endif
#ifndef __cold
#define __cold __attribute__((__cold__))
#endif
#ifndef __pure
#define __pure __attribute__((__pure__))
#endif
#ifndef __always_unused
#define __always_unused __attribute__((unused))
#endif
#ifndef __read_mostly
#define __read_mostly
#endif
#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif

#endif /* _LINUX_COMPILER_H */
