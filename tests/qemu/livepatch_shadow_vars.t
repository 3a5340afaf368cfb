# livepatch_shadow_vars: Linux's test-shadow-vars.sh with the real
# selftest module (tests/modules/test_klp_shadow_vars.c): its init gets
# on an empty table, allocates a char and an int shadow field on three
# objects (alloc and get_or_alloc), finds them, sees get_or_alloc return
# them without running the ctor again, frees the first id one by one
# with the dtor and the second with free_all. Every dmesg line is Linux's,
# in Linux's order (pointers numbered by first appearance). The module
# leaves nothing behind: run once to warm the caches, then under memcheck.
#! cmdline: loglevel=4
kelp# insmod /lib/modules/test_klp_shadow_vars.ko
kelp# rmmod test_klp_shadow_vars
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_shadow_vars.ko
kelp# lsmod
Module                  Size  Used by
test_klp_shadow_vars * 0 (glob)
kelp# rmmod test_klp_shadow_vars
kelp# dmesg -c
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR1, id=0x1234) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
*] test_klp_shadow_vars: shadow_ctor: PTR3 -> PTR2 (glob)
*] test_klp_shadow_vars: klp_shadow_get_or_alloc(obj=PTR1, id=0x1234, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR2 = PTR3 (glob)
*] test_klp_shadow_vars: shadow_ctor: PTR6 -> PTR5 (glob)
*] test_klp_shadow_vars: klp_shadow_alloc(obj=PTR1, id=0x1235, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR5 = PTR6 (glob)
*] test_klp_shadow_vars: shadow_ctor: PTR8 -> PTR7 (glob)
*] test_klp_shadow_vars: klp_shadow_alloc(obj=PTR9, id=0x1234, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR7 = PTR8 (glob)
*] test_klp_shadow_vars: shadow_ctor: PTR11 -> PTR10 (glob)
*] test_klp_shadow_vars: klp_shadow_alloc(obj=PTR9, id=0x1235, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR10 = PTR11 (glob)
*] test_klp_shadow_vars: shadow_ctor: PTR13 -> PTR12 (glob)
*] test_klp_shadow_vars: klp_shadow_get_or_alloc(obj=PTR14, id=0x1234, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR12 = PTR13 (glob)
*] test_klp_shadow_vars: shadow_ctor: PTR16 -> PTR15 (glob)
*] test_klp_shadow_vars: klp_shadow_alloc(obj=PTR14, id=0x1235, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR15 = PTR16 (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR1, id=0x1234) = PTR3 (glob)
*] test_klp_shadow_vars:   got expected PTR3 -> PTR2 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR1, id=0x1235) = PTR6 (glob)
*] test_klp_shadow_vars:   got expected PTR6 -> PTR5 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR9, id=0x1234) = PTR8 (glob)
*] test_klp_shadow_vars:   got expected PTR8 -> PTR7 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR9, id=0x1235) = PTR11 (glob)
*] test_klp_shadow_vars:   got expected PTR11 -> PTR10 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR14, id=0x1234) = PTR13 (glob)
*] test_klp_shadow_vars:   got expected PTR13 -> PTR12 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR14, id=0x1235) = PTR16 (glob)
*] test_klp_shadow_vars:   got expected PTR16 -> PTR15 result (glob)
*] test_klp_shadow_vars: klp_shadow_get_or_alloc(obj=PTR1, id=0x1234, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR2 = PTR3 (glob)
*] test_klp_shadow_vars:   got expected PTR3 -> PTR2 result (glob)
*] test_klp_shadow_vars: klp_shadow_get_or_alloc(obj=PTR9, id=0x1234, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR7 = PTR8 (glob)
*] test_klp_shadow_vars:   got expected PTR8 -> PTR7 result (glob)
*] test_klp_shadow_vars: klp_shadow_get_or_alloc(obj=PTR14, id=0x1234, size=8, gfp_flags=GFP_KERNEL), ctor=PTR4, ctor_data=PTR12 = PTR13 (glob)
*] test_klp_shadow_vars:   got expected PTR13 -> PTR12 result (glob)
*] test_klp_shadow_vars: shadow_dtor(obj=PTR1, shadow_data=PTR3) (glob)
*] test_klp_shadow_vars: klp_shadow_free(obj=PTR1, id=0x1234, dtor=PTR17) (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR1, id=0x1234) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
*] test_klp_shadow_vars: shadow_dtor(obj=PTR9, shadow_data=PTR8) (glob)
*] test_klp_shadow_vars: klp_shadow_free(obj=PTR9, id=0x1234, dtor=PTR17) (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR9, id=0x1234) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
*] test_klp_shadow_vars: shadow_dtor(obj=PTR14, shadow_data=PTR13) (glob)
*] test_klp_shadow_vars: klp_shadow_free(obj=PTR14, id=0x1234, dtor=PTR17) (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR14, id=0x1234) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR1, id=0x1235) = PTR6 (glob)
*] test_klp_shadow_vars:   got expected PTR6 -> PTR5 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR9, id=0x1235) = PTR11 (glob)
*] test_klp_shadow_vars:   got expected PTR11 -> PTR10 result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR14, id=0x1235) = PTR16 (glob)
*] test_klp_shadow_vars:   got expected PTR16 -> PTR15 result (glob)
*] test_klp_shadow_vars: klp_shadow_free_all(id=0x1235, dtor=PTR0) (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR1, id=0x1235) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR9, id=0x1235) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
*] test_klp_shadow_vars: klp_shadow_get(obj=PTR14, id=0x1235) = PTR0 (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
kelp# memcheck
memcheck: unchanged since mark
