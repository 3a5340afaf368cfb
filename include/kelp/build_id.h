/*
 * The kernel's build ID (kernel/build_id.c): the SHA-1 the linker puts in
 * .note.gnu.build-id (--build-id=sha1). tools/klp-build records it in each
 * patch module it generates (modinfo kelp_build_id=HEX) and the module
 * loader refuses a patch built for another kernel. /sys/kernel/build_id
 * shows it, as hex.
 */
#ifndef KELP_BUILD_ID_H
#define KELP_BUILD_ID_H

#include <kelp/types.h>

#define BUILD_ID_MAX 20			/* SHA-1 */

/*
 * The build ID as lowercase hex, NUL-terminated ("" when the image has
 * none). Constant after the first call; any context.
 */
const char *kernel_build_id(void);

/* Creates /sys/kernel/build_id. Boot, after sysfs. */
void build_id_init(void);

#endif /* KELP_BUILD_ID_H */
