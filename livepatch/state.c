/*
 * System states (Linux's kernel/livepatch/state.c): a patch declares the
 * states it establishes (klp_state: id, version, data); callbacks find
 * their own with klp_get_state() and, during a transition, the one of the
 * patches installed before with klp_get_prev_state(), to take it over.
 * The compatibility rule lives in core.c (klp_is_patch_compatible).
 */
#include "core.h"
#include "transition.h"
#include <kelp/export.h>
#include <kelp/panic.h>

/* See livepatch.h. */
struct klp_state *klp_get_state(struct klp_patch *patch, unsigned long id)
{
	struct klp_state *state;

	for (state = patch->states; state && state->id; state++)
		if (state->id == id)
			return state;
	return NULL;
}
EXPORT_SYMBOL_GPL(klp_get_state);

/* See livepatch.h. */
struct klp_state *klp_get_prev_state(unsigned long id)
{
	struct klp_patch *patch;
	struct klp_state *state, *last = NULL;

	if (WARN_ON_ONCE(!klp_transition_patch))
		return NULL;
	klp_for_each_patch(patch) {
		if (patch == klp_transition_patch)
			break;
		state = klp_get_state(patch, id);
		if (state)
			last = state;
	}
	return last;
}
EXPORT_SYMBOL_GPL(klp_get_prev_state);
