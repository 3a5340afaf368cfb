/*
 * test_klp_reloc_sympos: a live patch whose .klp.rela relocation names the
 * second cmdline_proc_show of vmlinux, which has one: refused with Linux's
 * `symbol position 2 for symbol ... not found` and -EINVAL, memory back.
 */
#include <linux/livepatch.h>

extern int no_such_var KLP_SYM(vmlinux, cmdline_proc_show, 2);

#include "test_klp_reloc_body.h"
