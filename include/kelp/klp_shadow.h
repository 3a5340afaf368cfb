/*
 * Shadow variables (livepatch/shadow.c): data a live patch attaches to an
 * existing object (keyed by the object's address and an id) when the patch
 * needs a field the original structure lacks. Linux's API and semantics:
 * klp_shadow_get/alloc/get_or_alloc/free/free_all, the constructor run
 * under the lock, a warning and NULL for a duplicate.
 *
 * Garbage collection (going past Linux, as the seed thread proposed):
 * a patch declares the shadow types it uses (struct klp_shadow_type, on
 * its klp_object's shadow_types list); a type is registered while some
 * patched object uses it, with a reference count per id, and when the last
 * user unregisters it every shadow variable of that id is freed with the
 * departing type's destructor. Types are matched by id alone: every
 * cumulative patch is its own module with its own ctor and dtor.
 *
 * Why the object and not the patch: a shadow's data is only meaningful to
 * the code of the patches that use it, and that code is live exactly while
 * an object using the type is patched; when the last such object is
 * unpatched (disabled, or replaced by an atomic-replace patch that does
 * not declare the type), nothing can read the shadows any more. Callbacks
 * are per object too, and shadows attached to a patched module's data go
 * with that module's object (Petr Mladek kept the object "to be on the
 * safe side"; Nicolai Stange: either works for the real uses).
 *
 * The caveat left open (Nicolai Stange's): the GC fixes leaks, not
 * consistency during a transition. A refcount-like shadow, taken by code
 * one patch changes and dropped by code that another patch or the
 * original runs, can be left unbalanced while tasks run both versions (an
 * acquirer already unpatched, a releaser not yet), and it is freed with
 * its type even if code that outlives the type still counts on it. Such
 * patches must declare the type in every cumulative patch (it then never
 * loses its last user) or keep counts out of shadows. As in Linux, a
 * shadow's data is not protected against a concurrent klp_shadow_free().
 *
 * Locking: klp_shadow_lock (a spinlock) guards the hash table and the type
 * registry; constructors run under it (they must not sleep), destructors
 * run after the variable left the table, without the lock.
 */
#ifndef KELP_KLP_SHADOW_H
#define KELP_KLP_SHADOW_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/mm.h>

typedef int (*klp_shadow_ctor_t)(void *obj, void *shadow_data, void *ctor_data);
typedef void (*klp_shadow_dtor_t)(void *obj, void *shadow_data);

void *klp_shadow_get(void *obj, unsigned long id);
void *klp_shadow_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp_flags,
		       klp_shadow_ctor_t ctor, void *ctor_data);
void *klp_shadow_get_or_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp_flags,
			      klp_shadow_ctor_t ctor, void *ctor_data);
void klp_shadow_free(void *obj, unsigned long id, klp_shadow_dtor_t dtor);
void klp_shadow_free_all(unsigned long id, klp_shadow_dtor_t dtor);

struct klp_shadow_type {
	/* set by the patch author */
	unsigned long id;
	klp_shadow_ctor_t ctor;
	klp_shadow_dtor_t dtor;
	/* owned by the livepatch core: the entry on a klp_object's shadow_types */
	struct list_head node;
};

/*
 * Registers one use of type->id (a patched object that declares it).
 * Types of the same id from different patches are the same type: each
 * cumulative patch module has its own ctor and dtor for it, so they are
 * not compared. Returns 0 or -ENOMEM. Task context.
 */
int klp_shadow_register(struct klp_shadow_type *type);
/*
 * Drops one use; the last frees every shadow of the id with this type's
 * dtor (the departing patch's, its module still loaded). Task context.
 */
void klp_shadow_unregister(struct klp_shadow_type *type);
/* Users of id, 0 if unregistered. */
int klp_shadow_type_users(unsigned long id);

/* Type-checked accessors: warn (once per id) when the type is not registered. */
void *klp_shadow_get_typed(void *obj, struct klp_shadow_type *type);
void *klp_shadow_get_or_alloc_typed(void *obj, struct klp_shadow_type *type, size_t size,
				    gfp_t gfp_flags, void *ctor_data);

/* Live shadow variables (tests, leak checks). */
unsigned long klp_shadow_count(void);

#endif /* KELP_KLP_SHADOW_H */
