/*
 * User memory access: copy_from_user, copy_to_user, strncpy_from_user and
 * the exception-table fixup that turns their faults into -EFAULT. Each
 * access is one instruction listed in __ex_table with the address to
 * resume at; the registers it left (rcx of rep movsb, a preset error
 * value) tell the caller how far it got. SMAP is lifted only around those
 * instructions (stac/clac, when the CPU has SMAP).
 */
#include <kelp/uaccess.h>
#include <kelp/syscall.h>
#include <kelp/errno.h>
#include <kelp/compiler.h>
#include <kelp/export.h>
#include <kelp/mm.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

#define EX_ENTRY(from, to) \
	".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad " #from ", " #to "\n\t.popsection\n\t"

static __always_inline void user_access_begin(void)
{
	if (cpu_has_smap)
		__asm__ __volatile__("stac" ::: "memory");
}

static __always_inline void user_access_end(void)
{
	if (cpu_has_smap)
		__asm__ __volatile__("clac" ::: "memory");
}

/* rep movsb with a fixup; returns the bytes not copied. */
static size_t raw_copy(void *dst, const void *src, size_t n)
{
	user_access_begin();
	__asm__ __volatile__("1: rep movsb\n2:\n\t" EX_ENTRY(1b, 2b)
			     : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	user_access_end();
	return n;
}

/* See uaccess.h. */
int copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!access_ok(src, n))
		return -EFAULT;
	return raw_copy(dst, src, n) ? -EFAULT : 0;
}
EXPORT_SYMBOL(copy_from_user);

/* See uaccess.h. */
int copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return raw_copy(dst, src, n) ? -EFAULT : 0;
}
EXPORT_SYMBOL(copy_to_user);

/* One byte from user space: 0 or -EFAULT. */
static int get_user_u8(u8 *out, const u8 __user *p)
{
	int err = -EFAULT;
	u8 v = 0;

	user_access_begin();
	__asm__ __volatile__("1: movb (%2), %1\n\tmovl $0, %0\n2:\n\t" EX_ENTRY(1b, 2b)
			     : "+r"(err), "+q"(v) : "r"(p) : "memory");
	user_access_end();
	*out = v;
	return err;
}

/* See uaccess.h. */
long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		u8 c;

		if (!access_ok(src + i, 1) || get_user_u8(&c, (const u8 __user *)src + i))
			return -EFAULT;
		dst[i] = c;
		if (!c)
			return i;
	}
	return -ENAMETOOLONG;
}
EXPORT_SYMBOL(strncpy_from_user);

/* See uaccess.h. */
long strnlen_user(const char __user *s, long n)
{
	for (long i = 0; i < n; i++) {
		u8 c;

		if (!access_ok(s + i, 1) || get_user_u8(&c, (const u8 __user *)s + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}
EXPORT_SYMBOL(strnlen_user);

/* See uaccess.h. Called from the #PF and #GP paths for kernel-mode faults. */
notrace bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return true;
		}
	}
	return false;
}

/* See uaccess.h. A kmalloc'd copy of len user bytes, or ERR_PTR(-ENOMEM/-EFAULT). */
void *memdup_user(const void __user *src, size_t len)
{
	void *p = kmalloc(len, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}
EXPORT_SYMBOL(memdup_user);

/* See uaccess.h. Kelp's kmalloc takes any size: the same as memdup_user. */
void *vmemdup_user(const void __user *src, size_t len)
{
	return memdup_user(src, len);
}
EXPORT_SYMBOL(vmemdup_user);

/* See uaccess.h. memdup_user plus a NUL after the len bytes. */
char *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = len < (size_t)-1 ? kmalloc(len + 1, GFP_KERNEL) : NULL;

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}
EXPORT_SYMBOL(memdup_user_nul);

/*
 * See uaccess.h. A kmalloc'd copy of the user string s, at most n bytes
 * with its NUL: ERR_PTR(-EINVAL) if it is longer, -EFAULT, -ENOMEM.
 */
char *strndup_user(const char __user *s, long n)
{
	char *p;
	long len;

	if (n <= 0)
		return ERR_PTR(-EINVAL);
	p = kmalloc(n, GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(p, s, n);
	if (len < 0 || len >= n) {
		kfree(p);
		return ERR_PTR(len < 0 ? len : -EINVAL);
	}
	return p;
}
EXPORT_SYMBOL(strndup_user);
