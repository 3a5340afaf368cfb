# livepatch_shadow_gc: garbage collection of shadow variables by type,
# with three cumulative patches as real modules (tests/modules/
# test_klp_shadow_gc_a/b/c.c; each shows its own ctor/dtor counts, the
# valid 0x1 shadows and the users of id 0x1 in /sys/kernel/MODULE/).
# A lists type 0x1 on its vmlinux object and attaches it to 100 kernel
# objects; B (replace, also lists 0x1, its own dtor: the case the
# "registered with another destructor" refusal used to break) takes over
# with no frees and A's module goes; C (replace, without 0x1) replacing B
# frees all 100 with B's dtor, and a typed read after that warns that the
# type is not registered. Then disabling A alone frees its 100 shadows.
# Memory is back to its start when everything is unloaded. The objects
# are target-ktest.ko's klp_test_objects[] (tests/ktest/livepatch/).
#! cmdline: loglevel=4
kelp# insmod /lib/modules/target-ktest.ko
kelp# insmod /lib/modules/test_klp_shadow_gc_c.ko
kelp# echo 0 > /sys/kernel/livepatch/test_klp_shadow_gc_c/enabled
kelp# rmmod test_klp_shadow_gc_c
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_shadow_gc_a.ko
kelp# cat /sys/kernel/test_klp_shadow_gc_a/ctor_calls
100
kelp# cat /sys/kernel/test_klp_shadow_gc_a/shadows
100
kelp# cat /sys/kernel/test_klp_shadow_gc_a/users
1
kelp# insmod /lib/modules/test_klp_shadow_gc_b.ko
kelp# ls /sys/kernel/livepatch
test_klp_shadow_gc_b
kelp# cat /sys/kernel/test_klp_shadow_gc_b/users
1
kelp# cat /sys/kernel/test_klp_shadow_gc_a/dtor_calls
0
kelp# cat /sys/kernel/test_klp_shadow_gc_b/dtor_calls
0
kelp# cat /sys/kernel/test_klp_shadow_gc_b/ctor_calls
0
kelp# rmmod test_klp_shadow_gc_a
kelp# cat /sys/kernel/test_klp_shadow_gc_b/shadows
100
kelp# insmod /lib/modules/test_klp_shadow_gc_c.ko
kelp# ls /sys/kernel/livepatch
test_klp_shadow_gc_c
kelp# cat /sys/kernel/test_klp_shadow_gc_b/dtor_calls
100
kelp# cat /sys/kernel/test_klp_shadow_gc_c/users
0
kelp# cat /sys/kernel/test_klp_shadow_gc_c/shadows
0
kelp# cat /sys/kernel/test_klp_shadow_gc_b/shadows
0
kelp# rmmod test_klp_shadow_gc_b
kelp# echo 0 > /sys/kernel/livepatch/test_klp_shadow_gc_c/enabled
kelp# rmmod test_klp_shadow_gc_c
kelp# insmod /lib/modules/test_klp_shadow_gc_a.ko
kelp# cat /sys/kernel/test_klp_shadow_gc_a/shadows
100
kelp# echo 0 > /sys/kernel/livepatch/test_klp_shadow_gc_a/enabled
kelp# cat /sys/kernel/test_klp_shadow_gc_a/dtor_calls
100
kelp# cat /sys/kernel/test_klp_shadow_gc_a/users
0
kelp# rmmod test_klp_shadow_gc_a
kelp# lsmod
Module                  Size  Used by
target_ktest * 0 (glob)
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_shadow_gc_a' (glob)
*] livepatch: 'test_klp_shadow_gc_a': initializing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': starting patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': completing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': patching complete (glob)
*] test_klp_shadow_gc_a: 100 shadow variables of type 0x1 allocated (glob)
*] livepatch: enabling patch 'test_klp_shadow_gc_b' (glob)
*] livepatch: 'test_klp_shadow_gc_b': initializing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_b': starting patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_b': completing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_b': patching complete (glob)
*] livepatch: enabling patch 'test_klp_shadow_gc_c' (glob)
*] livepatch: 'test_klp_shadow_gc_c': initializing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_c': starting patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_c': completing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_c': patching complete (glob)
*] livepatch: shadow type 0x1 used while not registered by any patched object (glob)
*] livepatch: 'test_klp_shadow_gc_c': initializing unpatching transition (glob)
*] livepatch: 'test_klp_shadow_gc_c': starting unpatching transition (glob)
*] livepatch: 'test_klp_shadow_gc_c': completing unpatching transition (glob)
*] livepatch: 'test_klp_shadow_gc_c': unpatching complete (glob)
*] livepatch: enabling patch 'test_klp_shadow_gc_a' (glob)
*] livepatch: 'test_klp_shadow_gc_a': initializing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': starting patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': completing patching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': patching complete (glob)
*] test_klp_shadow_gc_a: 100 shadow variables of type 0x1 allocated (glob)
*] livepatch: 'test_klp_shadow_gc_a': initializing unpatching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': starting unpatching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': completing unpatching transition (glob)
*] livepatch: 'test_klp_shadow_gc_a': unpatching complete (glob)
kelp# memcheck
memcheck: unchanged since mark
