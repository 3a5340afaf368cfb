/*
 * <linux/init.h>: section markers. Kelp keeps a module's init and exit code
 * for its whole life (no init sections are freed), so they mark nothing.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/types.h>
#include <kelp/compiler.h>

#define __init
#define __exit
#define __initdata
#define __initconst
#define __exitdata
#define __ro_after_init
#define __maybe_unused __attribute__((unused))

#endif /* _LINUX_INIT_H */
