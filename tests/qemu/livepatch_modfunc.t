# livepatch_modfunc: Linux's test-livepatch.sh "module function patching"
# and "module function patching (livepatch first)" (2026) with Kelp's
# copies of the selftest modules (tests/modules/test_klp_mod_target.c,
# test_klp_mod_patch.c): a patch of a module object's function, loaded
# after the target (patched at once) and before it (applied to the
# loading module at COMING, before its init). /proc/test_klp_mod_target
# shows the patched text while the patch is enabled and the original
# after it is disabled and removed. The dmesg lines are Linux's.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/test_klp_mod_target.ko
kelp# cat /proc/test_klp_mod_target
test_klp_mod_target: original output
kelp# insmod /lib/modules/test_klp_mod_patch.ko
kelp# cat /proc/test_klp_mod_target
test_klp_mod_patch: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_mod_patch/enabled
kelp# rmmod test_klp_mod_patch
kelp# cat /proc/test_klp_mod_target
test_klp_mod_target: original output
kelp# rmmod test_klp_mod_target
kelp# dmesg -c
*] test_klp_mod_target: test_klp_mod_target_init (glob)
*] test_klp_mod_patch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_mod_patch' (glob)
*] livepatch: 'test_klp_mod_patch': initializing patching transition (glob)
*] livepatch: 'test_klp_mod_patch': starting patching transition (glob)
*] livepatch: 'test_klp_mod_patch': completing patching transition (glob)
*] livepatch: 'test_klp_mod_patch': patching complete (glob)
*] livepatch: 'test_klp_mod_patch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_mod_patch': starting unpatching transition (glob)
*] livepatch: 'test_klp_mod_patch': completing unpatching transition (glob)
*] livepatch: 'test_klp_mod_patch': unpatching complete (glob)
*] test_klp_mod_target: test_klp_mod_target_exit (glob)
kelp# insmod /lib/modules/test_klp_mod_patch.ko
kelp# insmod /lib/modules/test_klp_mod_target.ko
kelp# cat /proc/test_klp_mod_target
test_klp_mod_patch: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_mod_patch/enabled
kelp# rmmod test_klp_mod_patch
kelp# cat /proc/test_klp_mod_target
test_klp_mod_target: original output
kelp# rmmod test_klp_mod_target
kelp# cat /proc/test_klp_mod_target
cat: /proc/test_klp_mod_target: No such file or directory
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_mod_patch' (glob)
*] livepatch: 'test_klp_mod_patch': initializing patching transition (glob)
*] livepatch: 'test_klp_mod_patch': starting patching transition (glob)
*] livepatch: 'test_klp_mod_patch': completing patching transition (glob)
*] livepatch: 'test_klp_mod_patch': patching complete (glob)
*] livepatch: applying patch 'test_klp_mod_patch' to loading module 'test_klp_mod_target' (glob)
*] test_klp_mod_target: test_klp_mod_target_init (glob)
*] livepatch: 'test_klp_mod_patch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_mod_patch': starting unpatching transition (glob)
*] livepatch: 'test_klp_mod_patch': completing unpatching transition (glob)
*] livepatch: 'test_klp_mod_patch': unpatching complete (glob)
*] test_klp_mod_target: test_klp_mod_target_exit (glob)
