/*
 * test_klp_shadow_gc_b: a cumulative (replace) patch that uses shadow
 * type 0x1 too, with its own ctor and dtor: replacing test_klp_shadow_gc_a
 * takes the shadows over and frees none (the id keeps a user throughout).
 * Code and counters: test_klp_shadow_gc.h.
 */
#define GC_USES_TYPE
#include "test_klp_shadow_gc.h"
MODULE_DESCRIPTION("Livepatch test: shadow GC, a replace patch that keeps type 0x1");
