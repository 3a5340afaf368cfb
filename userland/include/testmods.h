/*
 * Running the test and benchmark modules (userland/lib/testmods.c), the
 * code of /bin/ktest and /bin/bench: see docs/testing.md.
 */
#ifndef KELP_TESTMODS_H
#define KELP_TESTMODS_H

/*
 * Loads the target-*.ko modules of /lib/modules that are not loaded yet,
 * then for each prefix of kinds (NULL-terminated, e.g. "ktest-") each
 * PREFIX*.ko in name order with the parameters args (the module runs the
 * selected cases at load and prints them), reads its failed= parameter
 * and unloads it; last, unloads the targets it loaded. Returns the number
 * of failed cases plus modules that could not be loaded.
 */
int testmods_run(const char *prog, const char *const *kinds, const char *args);

#endif /* KELP_TESTMODS_H */
