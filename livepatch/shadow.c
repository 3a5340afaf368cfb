/*
 * Shadow variables: a hash table keyed by (object address, id) that grows
 * by doubling, so get and alloc stay constant-time with 100k live shadows;
 * plus the registry of shadow types used for garbage collection (see
 * include/kelp/klp_shadow.h for the API, the lifetime rules and the lock).
 */
#define pr_fmt(fmt) "livepatch: " fmt

#include <kelp/klp_shadow.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/panic.h>
#include <kelp/printk.h>
#include <kelp/spinlock.h>
#include <kelp/string.h>

#define SHADOW_MIN_BITS 8

struct klp_shadow {
	struct klp_shadow *next;	/* hash chain */
	void *obj;
	unsigned long id;
	u64 data[];			/* 8-byte aligned, as kmalloc's objects */
};

/*
 * One registered id. No destructor is kept: every cumulative patch is its
 * own module with its own copy of the dtor, and the one that runs is the
 * dtor of the last user to go, whose module is still loaded then.
 */
struct shadow_type_reg {
	struct list_head node;
	unsigned long id;
	int users;
};

static DEFINE_SPINLOCK(klp_shadow_lock);	/* table, counts, type registry */
static struct klp_shadow **table;
static unsigned int table_bits;
static unsigned long shadow_count;
static LIST_HEAD(type_regs);
static unsigned long warned_ids[8];		/* ids already warned about (typed use) */

/* splitmix64's finaliser over address and id: neighbouring objects spread. */
static unsigned long hash(const void *obj, unsigned long id, unsigned int bits)
{
	u64 h = (u64)(unsigned long)obj ^ (id * 0x9e3779b97f4a7c15ULL);

	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return (h ^ (h >> 31)) >> (64 - bits);
}

static struct klp_shadow **bucket(const void *obj, unsigned long id)
{
	return &table[hash(obj, id, table_bits)];
}

/* The slot pointing at (obj, id), or NULL. Lock held. */
static struct klp_shadow **find_slot(const void *obj, unsigned long id)
{
	struct klp_shadow **p;

	if (!table)
		return NULL;
	for (p = bucket(obj, id); *p; p = &(*p)->next)
		if ((*p)->obj == obj && (*p)->id == id)
			return p;
	return NULL;
}

/* Doubles the table when it holds more shadows than buckets. Lock held. */
static void maybe_grow(void)
{
	unsigned int bits = table ? table_bits + 1 : SHADOW_MIN_BITS;
	struct klp_shadow **nt;

	if (table && shadow_count < (1UL << table_bits))
		return;
	nt = kcalloc(1UL << bits, sizeof(*nt), GFP_ATOMIC);
	if (!nt)
		return;		/* chains just get longer */
	for (unsigned long i = 0; table && i < (1UL << table_bits); i++) {
		while (table[i]) {
			struct klp_shadow *s = table[i];
			unsigned long h = hash(s->obj, s->id, bits);

			table[i] = s->next;
			s->next = nt[h];
			nt[h] = s;
		}
	}
	kfree(table);
	table = nt;
	table_bits = bits;
}

/* See klp_shadow.h. Returns the shadow data or NULL. */
void *klp_shadow_get(void *obj, unsigned long id)
{
	struct klp_shadow **p;
	unsigned long flags;
	void *data;

	spin_lock_irqsave(&klp_shadow_lock, flags);
	p = find_slot(obj, id);
	data = p ? (*p)->data : NULL;
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	return data;
}
EXPORT_SYMBOL_GPL(klp_shadow_get);

/* Inserts new unless (obj, id) exists; returns the data to hand out. Lock held. */
static void *insert_locked(struct klp_shadow *new, klp_shadow_ctor_t ctor, void *ctor_data,
			   bool warn_on_exist, int *err)
{
	struct klp_shadow **p = find_slot(new->obj, new->id), **b;

	*err = 0;
	if (p) {
		*err = -EEXIST;
		WARN(warn_on_exist, "Duplicate shadow variable <%p,%lx>\n", new->obj, new->id);
		return warn_on_exist ? NULL : (*p)->data;
	}
	if (ctor) {
		*err = ctor(new->obj, new->data, ctor_data);
		if (*err)
			return NULL;
	}
	maybe_grow();
	b = bucket(new->obj, new->id);
	new->next = *b;
	*b = new;
	shadow_count++;
	return new->data;
}

static void *shadow_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp,
			  klp_shadow_ctor_t ctor, void *ctor_data, bool warn_on_exist)
{
	struct klp_shadow *new;
	unsigned long flags;
	void *data;
	int err;

	if (!warn_on_exist && (data = klp_shadow_get(obj, id)))
		return data;
	new = kzalloc(sizeof(*new) + size, gfp);
	if (!new)
		return NULL;
	new->obj = obj;
	new->id = id;
	spin_lock_irqsave(&klp_shadow_lock, flags);
	data = insert_locked(new, ctor, ctor_data, warn_on_exist, &err);
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	if (err) {
		kfree(new);	/* a duplicate (or the one found) or a failed ctor */
		if (err != -EEXIST)
			pr_err("Failed to construct shadow variable <%p,%lx> (%d)\n", obj, id, err);
	}
	return data;
}

/* See klp_shadow.h. NULL (with a warning) if (obj, id) exists already. */
void *klp_shadow_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp_flags,
		       klp_shadow_ctor_t ctor, void *ctor_data)
{
	return shadow_alloc(obj, id, size, gfp_flags, ctor, ctor_data, true);
}
EXPORT_SYMBOL_GPL(klp_shadow_alloc);

/* See klp_shadow.h. The ctor runs only when a new variable is made. */
void *klp_shadow_get_or_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp_flags,
			      klp_shadow_ctor_t ctor, void *ctor_data)
{
	return shadow_alloc(obj, id, size, gfp_flags, ctor, ctor_data, false);
}
EXPORT_SYMBOL_GPL(klp_shadow_get_or_alloc);

static void destroy(struct klp_shadow *s, klp_shadow_dtor_t dtor)
{
	if (dtor)
		dtor(s->obj, s->data);
	kfree(s);
}

/* See klp_shadow.h. */
void klp_shadow_free(void *obj, unsigned long id, klp_shadow_dtor_t dtor)
{
	struct klp_shadow **p, *s = NULL;
	unsigned long flags;

	spin_lock_irqsave(&klp_shadow_lock, flags);
	p = find_slot(obj, id);
	if (p) {
		s = *p;
		*p = s->next;
		shadow_count--;
	}
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	if (s)
		destroy(s, dtor);
}
EXPORT_SYMBOL_GPL(klp_shadow_free);

/* Unlinks every shadow of id into a private list. Lock held. */
static struct klp_shadow *unlink_all(unsigned long id)
{
	struct klp_shadow *out = NULL;

	for (unsigned long i = 0; table && i < (1UL << table_bits); i++) {
		struct klp_shadow **p = &table[i];

		while (*p) {
			struct klp_shadow *s = *p;

			if (s->id != id) {
				p = &s->next;
				continue;
			}
			*p = s->next;
			s->next = out;
			out = s;
			shadow_count--;
		}
	}
	return out;
}

/*
 * Gives the table back once no shadow is left, so that memory returns to
 * where it was when the last patch using shadows is gone. Called after a
 * free_all (the GC's path), not after single frees, which would make a
 * table oscillating around one shadow reallocate each time.
 */
static void release_table_if_empty(void)
{
	struct klp_shadow **old = NULL;
	unsigned long flags;

	spin_lock_irqsave(&klp_shadow_lock, flags);
	if (!shadow_count) {
		old = table;
		table = NULL;
		table_bits = 0;
	}
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	kfree(old);
}

/* See klp_shadow.h. */
void klp_shadow_free_all(unsigned long id, klp_shadow_dtor_t dtor)
{
	struct klp_shadow *list;
	unsigned long flags;

	spin_lock_irqsave(&klp_shadow_lock, flags);
	list = unlink_all(id);
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	release_table_if_empty();
	while (list) {
		struct klp_shadow *next = list->next;

		destroy(list, dtor);
		list = next;
	}
}
EXPORT_SYMBOL_GPL(klp_shadow_free_all);

static struct shadow_type_reg *find_type(unsigned long id)
{
	struct shadow_type_reg *r;

	list_for_each_entry(r, &type_regs, node)
		if (r->id == id)
			return r;
	return NULL;
}

/* See klp_shadow.h. */
int klp_shadow_register(struct klp_shadow_type *type)
{
	struct shadow_type_reg *r, *new = kzalloc(sizeof(*new), GFP_KERNEL);
	unsigned long flags;

	if (!new)
		return -ENOMEM;
	spin_lock_irqsave(&klp_shadow_lock, flags);
	r = find_type(type->id);
	if (r) {
		r->users++;
	} else {
		*new = (struct shadow_type_reg){ .id = type->id, .users = 1 };
		list_add(&new->node, &type_regs);
		new = NULL;
	}
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	kfree(new);
	return 0;
}

/* See klp_shadow.h. */
void klp_shadow_unregister(struct klp_shadow_type *type)
{
	struct shadow_type_reg *r;
	unsigned long flags;
	bool last = false;

	spin_lock_irqsave(&klp_shadow_lock, flags);
	r = find_type(type->id);
	if (r && --r->users == 0) {
		list_del(&r->node);
		last = true;
	}
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	if (WARN(!r, "shadow type 0x%lx unregistered but not registered\n", type->id))
		return;
	if (last) {
		kfree(r);
		klp_shadow_free_all(type->id, type->dtor);
	}
}

/* See klp_shadow.h. */
int klp_shadow_type_users(unsigned long id)
{
	struct shadow_type_reg *r;
	unsigned long flags;
	int n;

	spin_lock_irqsave(&klp_shadow_lock, flags);
	r = find_type(id);
	n = r ? r->users : 0;
	spin_unlock_irqrestore(&klp_shadow_lock, flags);
	return n;
}
EXPORT_SYMBOL_GPL(klp_shadow_type_users);

/* Warns once per id (for the first few ids) about a typed use without registration. */
static void check_registered(struct klp_shadow_type *type)
{
	if (klp_shadow_type_users(type->id))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(warned_ids); i++) {
		if (warned_ids[i] == type->id + 1)
			return;
		if (!warned_ids[i]) {
			warned_ids[i] = type->id + 1;
			break;
		}
	}
	pr_warn("shadow type 0x%lx used while not registered by any patched object\n", type->id);
}

/* See klp_shadow.h. */
void *klp_shadow_get_typed(void *obj, struct klp_shadow_type *type)
{
	check_registered(type);
	return klp_shadow_get(obj, type->id);
}
EXPORT_SYMBOL_GPL(klp_shadow_get_typed);

/* See klp_shadow.h. */
void *klp_shadow_get_or_alloc_typed(void *obj, struct klp_shadow_type *type, size_t size,
				    gfp_t gfp_flags, void *ctor_data)
{
	check_registered(type);
	return klp_shadow_get_or_alloc(obj, type->id, size, gfp_flags, type->ctor, ctor_data);
}
EXPORT_SYMBOL_GPL(klp_shadow_get_or_alloc_typed);

/* See klp_shadow.h. */
unsigned long klp_shadow_count(void)
{
	return READ_ONCE(shadow_count);
}
EXPORT_SYMBOL_GPL(klp_shadow_count);
