/*
 * Accessing user memory from the kernel (kernel/mm/uaccess.c). Every user
 * pointer is checked against the user half (below USER_TOP) first; the
 * accesses themselves run with SMAP lifted (stac/clac) and carry an entry in
 * the exception table (__ex_table), so a fault on an unmapped or protected
 * user page resumes at a fixup and the call returns -EFAULT instead of an
 * oops. Task context (they may fault; faults never sleep here).
 */
#ifndef KELP_UACCESS_H
#define KELP_UACCESS_H

#include <kelp/types.h>
#include <kelp/traps.h>

#define __user
/* End of the user half: the last page below the canonical hole stays unmapped. */
#define USER_TOP 0x00007ffffffff000UL

/* True if [p, p + n) lies inside the user half. */
static inline bool access_ok(const void __user *p, size_t n)
{
	return n <= USER_TOP && (unsigned long)p <= USER_TOP - n;
}

/* 0, or -EFAULT if any byte could not be copied. */
int copy_from_user(void *dst, const void __user *src, size_t n);
int copy_to_user(void __user *dst, const void *src, size_t n);
/*
 * Copies a NUL-terminated string of at most n - 1 bytes plus the NUL.
 * Returns its length, -ENAMETOOLONG if no NUL came within n bytes, or
 * -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t n);
/*
 * Linux's strnlen_user(): the length of the user string with its NUL, a
 * value above n when there is no NUL in the first n bytes, 0 on a fault.
 * Task context.
 */
long strnlen_user(const char __user *s, long n);
/* Copies of user memory in kmalloc'd buffers, or ERR_PTR(-errno) (kernel/mm/uaccess.c). */
void *memdup_user(const void __user *src, size_t len);
void *vmemdup_user(const void __user *src, size_t len);
char *memdup_user_nul(const void __user *src, size_t len);
char *strndup_user(const char __user *s, long n);

/* Exception table entry: a faulting instruction and where to resume. */
struct exception_table_entry {
	unsigned long insn, fixup;
};
/* #PF/#GP in kernel mode on a listed instruction: resumes at its fixup. Returns true if fixed. */
bool fixup_exception(struct pt_regs *regs);

#endif /* KELP_UACCESS_H */
