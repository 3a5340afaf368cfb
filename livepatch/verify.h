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

#endif /* LIVEPATCH_VERIFY_H */
