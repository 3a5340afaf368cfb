/*
 * test_klp_replace_c: a cumulative patch of klp_bench_f105..f114 (each
 * returns x - 2N instead of x + N): half of test_klp_replace_a's set and
 * half of test_klp_replace_b's, so replacing either of them (or being
 * replaced) changes some functions from one patch's version to the
 * other's, not only to or from the original. Used by the seed 001 ktest
 * klp_smp_seed001_replace_under_callers. Code: test_klp_replace.h.
 */
#define REPLACE_SET(M) M(105) M(106) M(107) M(108) M(109) M(110) M(111) M(112) M(113) M(114)
#define REPLACE_MUL 2
#include "test_klp_replace.h"
MODULE_DESCRIPTION("Livepatch test: cumulative patch, function set C (overlaps A and B)");
