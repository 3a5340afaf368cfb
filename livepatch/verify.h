/*
 * Private to livepatch/: the independent stack check run after each
 * completed transition (verify.c).
 */
#ifndef LIVEPATCH_VERIFY_H
#define LIVEPATCH_VERIFY_H

#include <kelp/livepatch.h>


/*
 * Stops every CPU and walks every task's stack, the running ones (current
 * included) through their CPU's stop IPI; counts those with a return
 * address or interrupted RIP inside a function of patch that state
 * retired (old functions for KLP_PATCHED, new ones for KLP_UNPATCHED),
 * plus 1 if some stack could not be walked. Logs each and adds them to
 * klp_verify_failures unless klp_verify_expected is set. Task context, no
 * spinlock held (stop_machine_all); klp_mutex or a transition nothing
 * changes.
 */
int klp_verify_stacks(struct klp_patch *patch, int state);

/*
 * The function of patch that state retired and whose body contains the
 * return address addr, or NULL (also for the return address of a retired
 * old function's fentry call: the ftrace trampoline, not the body).
 * klp_mutex or a completed transition that nothing changes.
 */
struct klp_func *klp_verify_lookup(struct klp_patch *patch, int state, unsigned long addr);

/*
 * The tests' switch (the counters are in <kelp/livepatch.h>): while klp_verify_expected is not 0 the reports say "expected:" and are
 * not counted (tests/qemu/run.py fails a run with any other report).
 */
extern unsigned long klp_verify_expected;
/* Reports (expected or not) of a task found running on its CPU, ever. */
extern unsigned long klp_verify_running_found;

#endif /* LIVEPATCH_VERIFY_H */
