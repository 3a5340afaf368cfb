/*
 * malloc over sbrk: a first-fit free list of blocks with a 16-byte header
 * (size, free flag); freed neighbours in address order are merged. Small
 * and obvious rather than fast: the programs here allocate little.
 */
#include <libc.h>

struct block {
	size_t size;		/* payload bytes */
	struct block *next;	/* next block in address order, or NULL */
};

static struct block *head, *tail;

#define HDR sizeof(struct block)
#define FREE_BIT 1UL

static size_t bsize(const struct block *b) { return b->size & ~FREE_BIT; }
static bool bfree(const struct block *b) { return b->size & FREE_BIT; }

void *malloc(size_t n)
{
	struct block *b;

	n = ALIGN_UP(n ? n : 1, 16);
	for (b = head; b; b = b->next) {
		if (bfree(b) && bsize(b) >= n) {
			if (bsize(b) >= n + HDR + 16) {
				struct block *rest = (void *)((char *)(b + 1) + n);

				rest->size = (bsize(b) - n - HDR) | FREE_BIT;
				rest->next = b->next;
				b->next = rest;
				if (tail == b)
					tail = rest;
			}
			b->size = bsize(b) < n + HDR + 16 ? bsize(b) : n;
			return b + 1;
		}
	}
	b = sbrk(HDR + n);
	if (b == (void *)-1)
		return NULL;
	b->size = n;
	b->next = NULL;
	if (tail)
		tail->next = b;
	else
		head = b;
	tail = b;
	return b + 1;
}

void free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)p - 1;
	b->size |= FREE_BIT;
	for (b = head; b; b = b->next) {
		while (bfree(b) && b->next && bfree(b->next) &&
		       (char *)(b + 1) + bsize(b) == (char *)b->next) {
			if (tail == b->next)
				tail = b;
			b->size = (bsize(b) + HDR + bsize(b->next)) | FREE_BIT;
			b->next = b->next->next;
		}
	}
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q;

	if (!p)
		return malloc(n);
	if (bsize((struct block *)p - 1) >= n)
		return p;
	q = malloc(n);
	if (q) {
		memcpy(q, p, bsize((struct block *)p - 1));
		free(p);
	}
	return q;
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	return p ? memcpy(p, s, n) : NULL;
}
