/*
 * Escaping bytes for text output (kernel/lib/string_helpers.c), Linux's
 * string_escape_mem() with its ESCAPE_* classes and values: seq_escape*()
 * and callers that print names which may hold any byte use it. Also
 * Linux's binary printf (vbin_printf/bstr_printf), which seq_bprintf
 * prints.
 */
#ifndef KELP_STRING_HELPERS_H
#define KELP_STRING_HELPERS_H

#include <kelp/types.h>
#include <kelp/compiler.h>

#define ESCAPE_SPACE 0x01	/* \f \n \r \t \v */
#define ESCAPE_SPECIAL 0x02	/* \" \\ \a \e */
#define ESCAPE_NULL 0x04	/* \0 */
#define ESCAPE_OCTAL 0x08	/* \NNN */
#define ESCAPE_ANY (ESCAPE_SPACE | ESCAPE_OCTAL | ESCAPE_SPECIAL | ESCAPE_NULL)
#define ESCAPE_NP 0x10		/* only non-printable characters */
#define ESCAPE_ANY_NP (ESCAPE_ANY | ESCAPE_NP)
#define ESCAPE_HEX 0x20		/* \xHH */
#define ESCAPE_NA 0x40		/* only non-ASCII characters */
#define ESCAPE_NAP 0x80		/* only non-printable or non-ASCII characters */
#define ESCAPE_APPEND 0x100	/* escape the characters of only as well */

/*
 * Copies isz bytes of src to dst (at most osz bytes written, no NUL),
 * replacing each byte that a class of flags selects by its escape. With a
 * non-empty only, just its characters are escaped (ESCAPE_APPEND: they are
 * escaped in addition to what ESCAPE_NP/NA/NAP select). The order of the
 * rules and the printable set (ASCII 32-126 and Latin-1 160-255) are
 * Linux's. Returns the length the whole output needs: it was truncated if
 * that is more than osz. Any context.
 */
int string_escape_mem(const char *src, size_t isz, char *dst, size_t osz, unsigned int flags,
		      const char *only);

/*
 * Linux's binary printf (kernel/lib/bprintf.c). vbin_printf/bprintf pack
 * fmt's arguments into bin_buf (size u32 words; what does not fit is
 * dropped) and return the words the whole packing needs; bstr_printf
 * prints such a buffer with the same fmt into buf (size bytes, always
 * NUL-terminated if size > 0) and returns the length vsnprintf would.
 * Strings are copied at packing time. Any context.
 */
int vbin_printf(u32 *bin_buf, size_t size, const char *fmt, va_list args);
int bprintf(u32 *bin_buf, size_t size, const char *fmt, ...) __printf(3, 4);
int bstr_printf(char *buf, size_t size, const char *fmt, const u32 *bin_buf);

#endif /* KELP_STRING_HELPERS_H */
