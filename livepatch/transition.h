/*
 * Private to livepatch/: the transition of every task from one patch
 * state to the other (transition.c). All under klp_mutex.
 */
#ifndef LIVEPATCH_TRANSITION_H
#define LIVEPATCH_TRANSITION_H

#include <kelp/livepatch.h>

extern struct klp_patch *klp_transition_patch;

void klp_init_transition(struct klp_patch *patch, int state);
void klp_start_transition(void);
/*
 * klp_start_transition() for an enable, called by ftrace once the patch's
 * sites are live and before the code batch's last sync round, which then
 * nudges the CPUs running pending tasks (ftrace_update_commit_live).
 * klp_mutex and ftrace_lock held, and text_mutex when code changed.
 */
void klp_start_transition_live(void *unused);
/* Tries to switch every task; completes the transition when all did. Returns true if complete. */
bool klp_try_complete_transition(void);
void klp_cancel_transition(void);
void klp_reverse_transition(void);
void klp_force_transition(void);
/*
 * The transition patch gained or lost a (module) object: the tasks' check
 * follows. 0, or -ENOMEM: no stack check passes until a retry rebuilds
 * it (conservative, never unsafe). klp_mutex.
 */
int klp_update_transition_ranges(void);
/* Whether the transition in progress disables a patch of mod. klp_mutex. */
bool klp_transition_disables(struct module *mod);
/* Boot: the retry work. */
void klp_transition_init(void);

/*
 * After an operation that called klp_try_complete_transition(), once
 * klp_mutex is dropped: if that call nudged other CPUs and left the
 * completion to the transition work (woken by the last task to switch),
 * waits for it up to 20 ms, and up to 2 s more once every task switched,
 * so a transition the nudge finishes ends before the operation returns,
 * as on one CPU. Sleeps; no lock held.
 */
void klp_wait_handed_off(void);

#endif /* LIVEPATCH_TRANSITION_H */
