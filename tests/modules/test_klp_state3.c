/*
 * test_klp_state3: Kelp's version of Linux's selftest module of the same
 * name: the next cumulative patch, with the same console_loglevel fix
 * (state 1, version 2) as test_klp_state2, whose code it reuses.
 */
#include "test_klp_state2.c"
