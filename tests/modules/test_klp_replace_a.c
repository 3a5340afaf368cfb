/*
 * test_klp_replace_a: a cumulative patch of klp_bench_f100..f109 (each
 * returns x - N instead of x + N); it and test_klp_replace_b replace each
 * other in the klp_replace_stress_200_rounds ktest. Code:
 * test_klp_replace.h.
 */
#define REPLACE_SET(M) M(100) M(101) M(102) M(103) M(104) M(105) M(106) M(107) M(108) M(109)
#include "test_klp_replace.h"
MODULE_DESCRIPTION("Livepatch test: cumulative patch, function set A");
