/*
 * <linux/string.h>: Kelp's string functions (kernel/lib/string.c), and as
 * Linux's, the binary printf (vbin_printf, bstr_printf, bprintf).
 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>
#include <kelp/string.h>
#include <kelp/string_helpers.h>

#endif /* _LINUX_STRING_H */
