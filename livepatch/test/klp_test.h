/*
 * Private to livepatch/test/: helpers shared by the built-in test patches
 * and the livepatch ktests.
 */
#ifndef LIVEPATCH_TEST_KLP_TEST_H
#define LIVEPATCH_TEST_KLP_TEST_H

#include <kelp/livepatch.h>

/* Gives patch fresh kobjects, as reloading its module would. The patch must be freed. */
void klp_test_reset(struct klp_patch *patch);

#endif /* LIVEPATCH_TEST_KLP_TEST_H */
