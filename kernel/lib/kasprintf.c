/*
 * kasprintf/kvasprintf: format into a kmalloc'd string of the right size
 * (two passes of vsnprintf), as Linux's lib/kasprintf.c.
 */
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/export.h>

/* See mm.h. Returns the string (kfree it) or NULL. */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	p = kmalloc(n + 1, gfp);
	if (p)
		vsnprintf(p, n + 1, fmt, ap);
	return p;
}
EXPORT_SYMBOL(kvasprintf);

/* Linux's: kvasprintf (Linux may return fmt itself when it has no %; Kelp always copies). */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap)
{
	return kvasprintf(gfp, fmt, ap);
}
EXPORT_SYMBOL(kvasprintf_const);

/* See mm.h. */
char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
EXPORT_SYMBOL(kasprintf);
