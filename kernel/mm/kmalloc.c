/*
 * kmalloc: power-of-two size classes from 16 to 1024 bytes, each a cache of
 * one-page slabs (a header, a free-object bitmap and the objects), and
 * whole pages for anything larger. Every page starts with a header whose
 * magic tells kfree which kind it is, so kfree needs no size. Freed objects
 * are poisoned (0x6b) and a double free is caught by the slab's bitmap.
 * Accounting (bytes and objects in use, pages held) is exact, so tests can
 * assert that a workload returned everything. kmalloc_lock (irqsave) is a
 * leaf lock, taken inside pmm_lock's callers never the other way round.
 */
#include <kelp/mm.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/list.h>
#include <kelp/sched.h>
#include <kelp/export.h>

#define SLAB_MAGIC 0x51ab51abu
#define LARGE_MAGIC 0x1a46e000u
#define POISON_FREE 0x6b
#define MIN_SHIFT 4
#define MAX_SHIFT 10
#define NR_CACHES (MAX_SHIFT - MIN_SHIFT + 1)
#define MAX_OBJS (PAGE_SIZE >> MIN_SHIFT)

struct kmem_cache;

/* Header at the start of a slab page. */
struct slab {
	u32 magic;
	u16 inuse;
	u16 first;			/* offset of object 0 */
	struct kmem_cache *cache;
	struct list_head node;		/* on cache->partial or cache->full */
	u64 used[MAX_OBJS / 64];	/* bit set = object handed out */
};

/* Header of a large allocation; the object starts at LARGE_HDR. */
struct large_hdr {
	u32 magic;
	u32 npages;
	u64 size;			/* bytes asked for */
};
#define LARGE_HDR 16

struct kmem_cache {
	char name[16];
	u32 size;
	u32 objs_per_slab;
	struct list_head partial;	/* slabs with a free object */
	struct list_head full;
	u64 nr_slabs;
	u64 active;			/* objects handed out */
};

static struct kmem_cache caches[NR_CACHES];
static DEFINE_SPINLOCK(kmalloc_lock);	/* caches, slabs, accounting */
static u64 large_allocs, large_pages, large_bytes;

static unsigned int size_to_index(size_t size)
{
	unsigned int shift = MIN_SHIFT;

	while ((1UL << shift) < size)
		shift++;
	return shift - MIN_SHIFT;
}

/* See mm.h. Boot. */
void kmalloc_init(void)
{
	for (unsigned int i = 0; i < NR_CACHES; i++) {
		struct kmem_cache *c = &caches[i];
		u32 first;

		c->size = 1u << (i + MIN_SHIFT);
		first = ALIGN_UP((u32)sizeof(struct slab), c->size < 64 ? c->size : 64);
		c->objs_per_slab = (PAGE_SIZE - first) / c->size;
		snprintf(c->name, sizeof(c->name), "kmalloc-%u", c->size);
		INIT_LIST_HEAD(&c->partial);
		INIT_LIST_HEAD(&c->full);
	}
}

static u32 slab_first(struct kmem_cache *c)
{
	return PAGE_SIZE - c->objs_per_slab * c->size;
}

static struct slab *slab_new(struct kmem_cache *c)
{
	struct slab *s = page_alloc(1);

	if (!s)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->magic = SLAB_MAGIC;
	s->cache = c;
	s->first = slab_first(c);
	list_add(&s->node, &c->partial);
	c->nr_slabs++;
	return s;
}

static void *slab_take(struct kmem_cache *c, struct slab *s)
{
	for (u32 w = 0; w < ARRAY_SIZE(s->used); w++) {
		u64 inv = ~s->used[w];
		u32 i;

		if (!inv)
			continue;
		i = w * 64 + __builtin_ctzll(inv);
		if (i >= c->objs_per_slab)
			break;
		s->used[w] |= 1ULL << (i % 64);
		if (++s->inuse == c->objs_per_slab)
			list_move(&s->node, &c->full);
		c->active++;
		return (char *)s + s->first + i * c->size;
	}
	return NULL;
}

static void *cache_alloc(struct kmem_cache *c)
{
	unsigned long flags;
	struct slab *s;
	void *p = NULL;

	spin_lock_irqsave(&kmalloc_lock, flags);
	if (list_empty(&c->partial))
		slab_new(c);
	if (!list_empty(&c->partial)) {
		s = list_first_entry(&c->partial, struct slab, node);
		p = slab_take(c, s);
	}
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return p;
}

static void *large_alloc(size_t size)
{
	size_t npages = (size + LARGE_HDR + PAGE_SIZE - 1) / PAGE_SIZE;
	struct large_hdr *h;
	unsigned long flags;

	if (size > (1UL << 40))
		return NULL;
	h = page_alloc(npages);
	if (!h)
		return NULL;
	*h = (struct large_hdr){ LARGE_MAGIC, npages, size };
	spin_lock_irqsave(&kmalloc_lock, flags);
	large_allocs++;
	large_pages += npages;
	large_bytes += size;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return (char *)h + LARGE_HDR;
}

/* Fault injection (kmalloc_fail_nth): one task, a countdown. */
static struct task *fail_task;
static unsigned int fail_nth;

/* See mm.h. */
void kmalloc_fail_nth(unsigned int n)
{
	WRITE_ONCE(fail_nth, 0);
	fail_task = n ? current : NULL;
	WRITE_ONCE(fail_nth, n);
}
EXPORT_SYMBOL_FOR_KTEST(kmalloc_fail_nth);

/* See mm.h. */
unsigned int kmalloc_fail_pending(void)
{
	return READ_ONCE(fail_nth);
}
EXPORT_SYMBOL_FOR_KTEST(kmalloc_fail_pending);

/*
 * True if this allocation is the one to fail. GFP_ATOMIC allocations never
 * count: interrupt handlers make them on whatever task they interrupted.
 * current is read only while an injection is armed (tests, after boot).
 */
static bool kmalloc_should_fail(gfp_t flags)
{
	if (likely(!READ_ONCE(fail_nth)) || (flags & GFP_ATOMIC))
		return false;
#ifndef __KELP_HOST__
	if (current != fail_task)
		return false;
#endif
	return --fail_nth == 0;
}

/* See mm.h. */
void *kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (!size)
		return ZERO_SIZE_PTR;
	if (kmalloc_should_fail(flags))
		return NULL;
	if (size > (1UL << MAX_SHIFT))
		p = large_alloc(size);
	else
		p = cache_alloc(&caches[size_to_index(size)]);
	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}
EXPORT_SYMBOL(kmalloc);

/* See mm.h. */
void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}
EXPORT_SYMBOL(kzalloc);

/* See mm.h. */
void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}
EXPORT_SYMBOL(kcalloc);

/* Checks p against its slab; returns the object index or -1. Lock held. */
static int slab_index(struct slab *s, const void *p)
{
	struct kmem_cache *c = s->cache;
	unsigned long off = (unsigned long)p - (unsigned long)s;

	if (c < caches || c >= caches + NR_CACHES || off < s->first ||
	    (off - s->first) % c->size || (off - s->first) / c->size >= c->objs_per_slab)
		return -1;
	return (off - s->first) / c->size;
}

static bool slab_free(struct slab *s, const void *p)
{
	struct kmem_cache *c = s->cache;
	int i = slab_index(s, p);
	bool release;

	if (i < 0 || !(s->used[i / 64] & (1ULL << (i % 64))))
		return false;
	s->used[i / 64] &= ~(1ULL << (i % 64));
	memset((void *)p, POISON_FREE, c->size);
	if (s->inuse-- == c->objs_per_slab)
		list_move(&s->node, &c->partial);
	c->active--;
	/* Keep one empty slab per cache to avoid page ping-pong. */
	release = s->inuse == 0 && c->nr_slabs > 1;
	if (release) {
		list_del(&s->node);
		s->magic = 0;
		c->nr_slabs--;
	}
	return true;
}

static bool large_free(struct large_hdr *h, const void *p)
{
	if ((const char *)p != (const char *)h + LARGE_HDR)
		return false;
	large_allocs--;
	large_pages -= h->npages;
	large_bytes -= h->size;
	h->magic = 0;
	return true;
}

/* The page header of a direct-map pointer, or NULL if p cannot be ours. */
static void *page_of(const void *p)
{
	unsigned long a = (unsigned long)p;

	if (a < PAGE_OFFSET || a >= PAGE_OFFSET + direct_map_end)
		return NULL;
	return (void *)ALIGN_DOWN(a, PAGE_SIZE);
}

/* See mm.h. */
void kfree(const void *p)
{
	struct slab *s;
	struct large_hdr *h;
	unsigned long flags;
	bool ok = false, release = false;
	size_t npages = 0;

	if (ZERO_OR_NULL_PTR(p))
		return;
	s = page_of((char *)p - 1);	/* a large object starts LARGE_HDR into its page */
	h = (struct large_hdr *)s;
	spin_lock_irqsave(&kmalloc_lock, flags);
	if (s && s->magic == SLAB_MAGIC) {
		ok = slab_free(s, p);
		release = ok && s->magic == 0;
	} else if (h && h->magic == LARGE_MAGIC) {
		npages = h->npages;
		ok = release = large_free(h, p);
	}
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	if (!ok) {
		WARN(1, "kfree: invalid or double free of %p\n", p);
		return;
	}
	if (release)
		page_free(s, npages ? npages : 1);
}
EXPORT_SYMBOL(kfree);

/* See mm.h. */
size_t ksize(const void *p)
{
	struct slab *s;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	s = page_of((char *)p - 1);
	if (!s)
		return 0;
	if (s->magic == SLAB_MAGIC)
		return s->cache->size;
	if (((struct large_hdr *)s)->magic == LARGE_MAGIC)
		return ((struct large_hdr *)s)->npages * PAGE_SIZE - LARGE_HDR;
	return 0;
}
EXPORT_SYMBOL(ksize);

/* See mm.h. */
void *krealloc(void *p, size_t size, gfp_t flags)
{
	size_t old = ksize(p);
	void *n;

	if (!size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (old >= size)
		return p;
	n = kmalloc(size, flags);
	if (n && old)
		memcpy(n, p, old);
	if (n)
		kfree(p);
	return n;
}
EXPORT_SYMBOL(krealloc);

/* See mm.h. */
char *kstrdup(const char *s, gfp_t flags)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, flags);

	if (d)
		memcpy(d, s, n);
	return d;
}
EXPORT_SYMBOL(kstrdup);

/* See mm.h. */
char *kmemdup_nul(const char *buf, size_t len, gfp_t flags)
{
	char *d = len < (size_t)-1 ? kmalloc(len + 1, flags) : NULL;

	if (d) {
		memcpy(d, buf, len);
		d[len] = '\0';
	}
	return d;
}
EXPORT_SYMBOL(kmemdup_nul);

/* See mm.h. */
void *kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *d = kmalloc(len, flags);

	if (d)
		memcpy(d, src, len);
	return d;
}
EXPORT_SYMBOL(kmemdup);

/* See mm.h. */
char *kstrndup(const char *s, size_t max, gfp_t flags)
{
	return s ? kmemdup_nul(s, strnlen(s, max), flags) : NULL;
}
EXPORT_SYMBOL(kstrndup);

/* See mm.h. */
void kfree_sensitive(const void *p)
{
	if (p)
		memset((void *)p, 0, ksize(p));
	kfree(p);
}
EXPORT_SYMBOL(kfree_sensitive);

/* Linux's out-of-line name behind its inline kmalloc(). */
void *__kmalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags);
}
EXPORT_SYMBOL(__kmalloc);

/*
 * kstrdup_const/kfree_const: Linux skips the copy of a string in the
 * kernel's read-only data; Kelp always copies, so kfree_const always frees.
 */
const char *kstrdup_const(const char *s, gfp_t flags)
{
	return kstrdup(s, flags);
}
EXPORT_SYMBOL(kstrdup_const);

/* See kstrdup_const. */
void kfree_const(const void *p)
{
	kfree(p);
}
EXPORT_SYMBOL(kfree_const);

/* kvmalloc'd memory is kmalloc'd in Kelp (<linux/slab.h>): kvfree is kfree. */
void kvfree(const void *p)
{
	kfree(p);
}
EXPORT_SYMBOL(kvfree);

/* See kvfree; len is what Linux zeroes, the allocation's size here. */
void kvfree_sensitive(const void *p, size_t len)
{
	(void)len;
	kfree_sensitive(p);
}
EXPORT_SYMBOL(kvfree_sensitive);

/* See mm.h. kvmalloc'd memory is kmalloc'd: krealloc. */
void *kvrealloc(const void *p, size_t size, gfp_t flags)
{
	return krealloc((void *)p, size, flags);
}
EXPORT_SYMBOL(kvrealloc);

/* See mm.h. */
void kmalloc_get_stats(struct kmalloc_stats *st)
{
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	spin_lock_irqsave(&kmalloc_lock, flags);
	for (unsigned int i = 0; i < NR_CACHES; i++) {
		st->bytes_in_use += caches[i].active * caches[i].size;
		st->allocations += caches[i].active;
		st->slab_pages += caches[i].nr_slabs;
	}
	st->bytes_in_use += large_bytes;
	st->allocations += large_allocs;
	st->large_pages = large_pages;
	spin_unlock_irqrestore(&kmalloc_lock, flags);
}
EXPORT_SYMBOL_FOR_KTEST(kmalloc_get_stats);

/* See mm.h. */
size_t kmalloc_format_caches(char *buf, size_t len)
{
	size_t n = scnprintf(buf, len, "%-14s %7s %8s %8s %6s %10s\n",
			     "cache", "objsize", "active", "total", "pages", "bytes");

	for (unsigned int i = 0; i < NR_CACHES; i++) {
		struct kmem_cache *c = &caches[i];

		n += scnprintf(buf + n, len - n, "%-14s %7u %8llu %8llu %6llu %10llu\n", c->name,
			       c->size, (unsigned long long)c->active,
			       (unsigned long long)(c->nr_slabs * c->objs_per_slab),
			       (unsigned long long)c->nr_slabs,
			       (unsigned long long)(c->active * c->size));
	}
	n += scnprintf(buf + n, len - n, "%-14s %7s %8llu %8s %6llu %10llu\n", "kmalloc-large", "-",
		       (unsigned long long)large_allocs, "-", (unsigned long long)large_pages,
		       (unsigned long long)large_bytes);
	return n;
}
