/*
 * Strict string-to-integer and string-to-bool conversion (kernel/lib/kstrto.c)
 * with the semantics of Linux's kstrto*(): the whole string must be a number
 * (one trailing newline allowed, as echo writes it to sysfs), overflow is an
 * error, and *res is left untouched on any error. The parsers for sysfs
 * stores, module parameters and the command line.
 */
#ifndef KELP_KSTRTO_H
#define KELP_KSTRTO_H

#include <kelp/types.h>

/*
 * Base is 0 or 2..16. Base 0 detects the radix: "0x"/"0X" followed by a hex
 * digit means 16, a leading "0" means 8, anything else 10; base 16 also
 * accepts a "0x" prefix. An optional '+' may come first (and '-' for the
 * signed variants), before the prefix. All return 0 with *res set, -ERANGE
 * when the value does not fit the type, or -EINVAL for an empty or malformed
 * string or an unsupported base. Any context; nothing is allocated.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtou16(const char *s, unsigned int base, u16 *res);
int kstrtos16(const char *s, unsigned int base, s16 *res);
int kstrtou8(const char *s, unsigned int base, u8 *res);
int kstrtos8(const char *s, unsigned int base, s8 *res);

/*
 * Reads a boolean as Linux does, from the first one or two characters only,
 * so "yes", "True" and "enabled" all work: true when s starts with 1, y, Y,
 * t, T, e, E or o/O + n/N ("on"); false for 0, n, N, f, F, d, D or o/O +
 * f/F ("off"). Returns 0, or -EINVAL (also for s == NULL) leaving *res
 * untouched. Any context.
 */
int kstrtobool(const char *s, bool *res);

#ifndef __KELP_HOST__
/*
 * The same parsers on at most a number's worth of bytes copied from user
 * space (kernel/lib/string_linux.c): -EFAULT, or the parser's result.
 * Task context.
 */
int kstrtoull_from_user(const char *s, size_t count, unsigned int base, unsigned long long *res);
int kstrtoll_from_user(const char *s, size_t count, unsigned int base, long long *res);
int kstrtoul_from_user(const char *s, size_t count, unsigned int base, unsigned long *res);
int kstrtol_from_user(const char *s, size_t count, unsigned int base, long *res);
int kstrtouint_from_user(const char *s, size_t count, unsigned int base, unsigned int *res);
int kstrtoint_from_user(const char *s, size_t count, unsigned int base, int *res);
int kstrtou16_from_user(const char *s, size_t count, unsigned int base, u16 *res);
int kstrtos16_from_user(const char *s, size_t count, unsigned int base, s16 *res);
int kstrtou8_from_user(const char *s, size_t count, unsigned int base, u8 *res);
int kstrtos8_from_user(const char *s, size_t count, unsigned int base, s8 *res);
int kstrtobool_from_user(const char *s, size_t count, bool *res);
#endif

#endif /* KELP_KSTRTO_H */
