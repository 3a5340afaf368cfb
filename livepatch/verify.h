/*
 * Private to livepatch/: the independent stack check run after each
 * completed transition (verify.c).
 */
#ifndef LIVEPATCH_VERIFY_H
#define LIVEPATCH_VERIFY_H

#include <kelp/livepatch.h>


/*
 * Walks every task but current and counts those with a return address
 * inside a function of patch that state retired (old functions for
 * KLP_PATCHED, new ones for KLP_UNPATCHED). Logs each. Any context but
 * IRQ; takes tasklist_lock.
 */
int klp_verify_stacks(struct klp_patch *patch, int state);

/*
 * The function of patch that state retired and whose body contains the
 * return address addr, or NULL (also for the return address of a retired
 * old function's fentry call: the ftrace trampoline, not the body).
 * klp_mutex or a completed transition that nothing changes.
 */
struct klp_func *klp_verify_lookup(struct klp_patch *patch, int state, unsigned long addr);

#endif /* LIVEPATCH_VERIFY_H */
