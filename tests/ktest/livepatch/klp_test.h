/*
 * Private to tests/ktest/livepatch/: helpers shared by the livepatch ktests and
 * benchmarks, whose patches are static data (klp_test.c).
 */
#ifndef LIVEPATCH_TEST_KLP_TEST_H
#define LIVEPATCH_TEST_KLP_TEST_H

#include <kelp/livepatch.h>

/* Gives patch fresh kobjects, as reloading its module would. The patch must be freed. */
void klp_test_reset(struct klp_patch *patch);

/*
 * Disables patches/livepatch-module.c's patch (livepatch_module), waits for
 * its transition and its free work, and removes its module. 0 or -errno.
 * Task context.
 */
int klp_test_remove_module_patch(void);

#endif /* LIVEPATCH_TEST_KLP_TEST_H */
