/*
 * test_klp_replace_b: a cumulative patch of klp_bench_f110..f119 (each
 * returns x - N instead of x + N); it and test_klp_replace_a replace each
 * other in the klp_replace_stress_200_rounds ktest. Code:
 * test_klp_replace.h.
 */
#define REPLACE_SET(M) M(110) M(111) M(112) M(113) M(114) M(115) M(116) M(117) M(118) M(119)
#include "test_klp_replace.h"
MODULE_DESCRIPTION("Livepatch test: cumulative patch, function set B");
