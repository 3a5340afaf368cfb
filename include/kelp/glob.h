/*
 * Shell-style wildcard matching (kernel/lib/glob.c), as Linux's lib/glob.c:
 * used by the function tracer's filter and by `kallsyms PATTERN`.
 */
#ifndef KELP_GLOB_H
#define KELP_GLOB_H

#include <kelp/types.h>

/*
 * Whether str matches pat as a whole: `*` any run (also empty), `?` one
 * character, `[abc]` / `[a-z]` / `[!a-z]` a set, `\x` x literally. Pure,
 * no recursion deeper than one frame; any context.
 */
bool glob_match(const char *pat, const char *str);

/* Whether pat contains a wildcard character (*, ?, [ or \). */
bool glob_has_wildcard(const char *pat);

#endif /* KELP_GLOB_H */
