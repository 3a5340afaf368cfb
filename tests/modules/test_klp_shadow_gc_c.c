/*
 * test_klp_shadow_gc_c: a cumulative (replace) patch that no longer uses
 * shadow type 0x1: when it replaces the last patch using the type, every
 * shadow of id 0x1 is freed with that patch's dtor. Code and counters:
 * test_klp_shadow_gc.h.
 */
#include "test_klp_shadow_gc.h"
MODULE_DESCRIPTION("Livepatch test: shadow GC, a replace patch without type 0x1");
