/* <linux/string_helpers.h>: string_escape_mem and the ESCAPE_* classes (include/kelp/string_helpers.h). */
#ifndef _LINUX_STRING_HELPERS_H
#define _LINUX_STRING_HELPERS_H

#include <linux/types.h>
#include <kelp/string_helpers.h>

#endif /* _LINUX_STRING_HELPERS_H */
