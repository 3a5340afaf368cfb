/* Private to tests/ktest/livepatch/: the 1000 generated functions of the enable-time benchmark. */
#ifndef LIVEPATCH_TEST_KLP_BENCH_FUNCS_H
#define LIVEPATCH_TEST_KLP_BENCH_FUNCS_H

#include <kelp/livepatch.h>

#define KLP_BENCH_NR_FUNCS 1000

#define KLP_BENCH_FOR_10(M, p) M(p##0) M(p##1) M(p##2) M(p##3) M(p##4) \
	M(p##5) M(p##6) M(p##7) M(p##8) M(p##9)
#define KLP_BENCH_FOR_100(M, p) KLP_BENCH_FOR_10(M, p##0) KLP_BENCH_FOR_10(M, p##1) \
	KLP_BENCH_FOR_10(M, p##2) KLP_BENCH_FOR_10(M, p##3) KLP_BENCH_FOR_10(M, p##4) \
	KLP_BENCH_FOR_10(M, p##5) KLP_BENCH_FOR_10(M, p##6) KLP_BENCH_FOR_10(M, p##7) \
	KLP_BENCH_FOR_10(M, p##8) KLP_BENCH_FOR_10(M, p##9)
#define KLP_BENCH_FOR_1000(M) KLP_BENCH_FOR_100(M, 1) KLP_BENCH_FOR_100(M, 2) \
	KLP_BENCH_FOR_100(M, 3) KLP_BENCH_FOR_100(M, 4) KLP_BENCH_FOR_100(M, 5) \
	KLP_BENCH_FOR_100(M, 6) KLP_BENCH_FOR_100(M, 7) KLP_BENCH_FOR_100(M, 8) \
	KLP_BENCH_FOR_100(M, 9) KLP_BENCH_FOR_100(M, 10)

/* Patch entries: old klp_bench_fN, new klp_bench_gN; terminated after 1000. */
extern struct klp_func klp_bench_funcs[KLP_BENCH_NR_FUNCS + 1];

#endif /* LIVEPATCH_TEST_KLP_BENCH_FUNCS_H */
