/*
 * End markers of a test module's .ktests and .kbenches sections
 * (runner.c): linked last into every test and benchmark module, so that
 * ld -r puts them after every case.
 */
#include <kelp/ktest.h>

const struct ktest_case __ktests_end[0] __used __section(".ktests") __aligned(8);
const struct kbench_case __kbenches_end[0] __used __section(".kbenches") __aligned(8);
