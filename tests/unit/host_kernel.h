/*
 * Host stand-ins for the kernel services that filesystem code calls
 * (kmalloc and friends, printk, panic, WARN), so kernel/fs/ sources compile
 * into unit tests and fuzz targets. Allocations are counted: a test checks
 * host_live_allocs() to prove an operation gave back what it took, and
 * LeakSanitizer checks the rest at exit. Include after unit.h.
 */
#ifndef KELP_TEST_HOST_KERNEL_H
#define KELP_TEST_HOST_KERNEL_H

#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/panic.h>

static long host_allocs;

static UNIT_UNUSED long host_live_allocs(void)
{
	return host_allocs;
}

void *kmalloc(size_t size, gfp_t flags)
{
	size_t *p;

	if (!size)
		return ZERO_SIZE_PTR;
	p = malloc(size + 16);
	if (!p)
		return NULL;
	p[0] = size;
	host_allocs++;
	if (flags & __GFP_ZERO)
		kelp_memset(p + 2, 0, size);
	return p + 2;
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void kfree(const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return;
	host_allocs--;
	free((size_t *)p - 2);
}

size_t ksize(const void *p)
{
	return ZERO_OR_NULL_PTR(p) ? 0 : ((const size_t *)p)[-2];
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}

void *krealloc(void *p, size_t size, gfp_t flags)
{
	size_t old = ksize(p);
	void *n;

	if (old >= size && size)
		return p;
	n = kmalloc(size, flags);
	if (n && !ZERO_OR_NULL_PTR(n) && old)
		kelp_memcpy(n, p, old);
	if (n)
		kfree(p);
	return n;
}

int printk(const char *fmt, ...)
{
	return 0;	/* quiet: tests check results, not log lines */
}

__noreturn void panic(const char *fmt, ...)
{
	abort();
}

/* WARN() splats are counted: tests that expect one check host_warnings. */
static int host_warnings;

void __warn(const char *file, int line, void *caller, const char *fmt, ...)
{
	host_warnings++;
}

#endif
