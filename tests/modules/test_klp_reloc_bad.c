/*
 * test_klp_reloc_bad: a live patch whose .klp.rela relocation names a
 * symbol without its position (built with klp-convert --lax): refused with
 * Linux's `symbol ... has an incorrectly formatted name`, -EINVAL, memory back.
 */

extern int no_such_var __asm__("\".klp.sym.vmlinux.saved_command_line\"");

#include "test_klp_reloc_body.h"
