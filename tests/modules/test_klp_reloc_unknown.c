/*
 * test_klp_reloc_unknown: a live patch whose .klp.rela relocation names a
 * vmlinux symbol that does not exist: the enable is refused with Linux's
 * `symbol '...' not found in symbol table` and -EINVAL, memory back.
 */
#include <linux/livepatch.h>

extern int no_such_var KLP_SYM(vmlinux, klp_no_such_symbol, 0);

#include "test_klp_reloc_body.h"
