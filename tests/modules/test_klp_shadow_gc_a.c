/*
 * test_klp_shadow_gc_a: the first cumulative patch of the shadow
 * garbage-collection scenario (tests/qemu/livepatch_shadow_gc.t). Its
 * vmlinux object lists shadow type 0x1, and its init attaches a shadow
 * of that type to nr_objs (default 100) kernel objects. Code and
 * counters: test_klp_shadow_gc.h.
 */
#define GC_USES_TYPE
#define GC_ALLOCATES
#include "test_klp_shadow_gc.h"
MODULE_DESCRIPTION("Livepatch test: shadow GC, the patch that allocates type 0x1");
