# livepatch_state: Linux's test-state.sh with the real selftest modules
# (tests/modules/test_klp_state.c, test_klp_state2.c, test_klp_state3.c):
# replace patches whose callbacks raise console_loglevel to 15 and keep
# the old value in klp_state 1 (version 1 in test_klp_state, 2 in
# test_klp_state2/3). System state modification; taking it over with a
# cumulative patch (klp_get_prev_state); compatible cumulative patches
# (upgrade to state3, downgrade to state2, both version 2); an
# incompatible downgrade (version 2 installed, version 1 loaded) refused
# with Linux's message and EINVAL (kmod's insmod says "Invalid
# parameters" for it, Linux's modprobe "Invalid argument"). The dmesg lines are Linux's, in its
# order. While console_loglevel is 15 the console echoes the kernel log,
# so those commands show the lines they cause; the level is back to 4
# afterwards (cat /proc/sys/kernel/printk is not there: the quiet console
# shows it). Memory is back to its start at the end.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_state.ko
*] livepatch: 'test_klp_state': patching complete (glob)
kelp# echo 0 > /sys/kernel/livepatch/test_klp_state/enabled
*] livepatch: 'test_klp_state': initializing unpatching transition (glob)
*] test_klp_state: pre_unpatch_callback: vmlinux (glob)
*] test_klp_state: restore_console_loglevel: restoring console_loglevel (glob)
kelp# rmmod test_klp_state
kelp# dmesg -c
*] test_klp_state: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_state' (glob)
*] livepatch: 'test_klp_state': initializing patching transition (glob)
*] test_klp_state: pre_patch_callback: vmlinux (glob)
*] test_klp_state: allocate_loglevel_state: allocating space to store console_loglevel (glob)
*] livepatch: 'test_klp_state': starting patching transition (glob)
*] livepatch: 'test_klp_state': completing patching transition (glob)
*] test_klp_state: post_patch_callback: vmlinux (glob)
*] test_klp_state: fix_console_loglevel: fixing console_loglevel (glob)
*] livepatch: 'test_klp_state': patching complete (glob)
*] livepatch: 'test_klp_state': initializing unpatching transition (glob)
*] test_klp_state: pre_unpatch_callback: vmlinux (glob)
*] test_klp_state: restore_console_loglevel: restoring console_loglevel (glob)
*] livepatch: 'test_klp_state': starting unpatching transition (glob)
*] livepatch: 'test_klp_state': completing unpatching transition (glob)
*] test_klp_state: post_unpatch_callback: vmlinux (glob)
*] test_klp_state: free_loglevel_state: freeing space for the stored console_loglevel (glob)
*] livepatch: 'test_klp_state': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_state.ko
...
kelp# insmod /lib/modules/test_klp_state2.ko
...
kelp# ls /sys/kernel/livepatch
test_klp_state2
kelp# rmmod test_klp_state
kelp# echo 0 > /sys/kernel/livepatch/test_klp_state2/enabled
...
kelp# rmmod test_klp_state2
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_state' (glob)
*] livepatch: 'test_klp_state': initializing patching transition (glob)
*] test_klp_state: pre_patch_callback: vmlinux (glob)
*] test_klp_state: allocate_loglevel_state: allocating space to store console_loglevel (glob)
*] livepatch: 'test_klp_state': starting patching transition (glob)
*] livepatch: 'test_klp_state': completing patching transition (glob)
*] test_klp_state: post_patch_callback: vmlinux (glob)
*] test_klp_state: fix_console_loglevel: fixing console_loglevel (glob)
*] livepatch: 'test_klp_state': patching complete (glob)
*] livepatch: enabling patch 'test_klp_state2' (glob)
*] livepatch: 'test_klp_state2': initializing patching transition (glob)
*] test_klp_state2: pre_patch_callback: vmlinux (glob)
*] test_klp_state2: allocate_loglevel_state: space to store console_loglevel already allocated (glob)
*] livepatch: 'test_klp_state2': starting patching transition (glob)
*] livepatch: 'test_klp_state2': completing patching transition (glob)
*] test_klp_state2: post_patch_callback: vmlinux (glob)
*] test_klp_state2: fix_console_loglevel: taking over the console_loglevel change (glob)
*] livepatch: 'test_klp_state2': patching complete (glob)
*] livepatch: 'test_klp_state2': initializing unpatching transition (glob)
*] test_klp_state2: pre_unpatch_callback: vmlinux (glob)
*] test_klp_state2: restore_console_loglevel: restoring console_loglevel (glob)
*] livepatch: 'test_klp_state2': starting unpatching transition (glob)
*] livepatch: 'test_klp_state2': completing unpatching transition (glob)
*] test_klp_state2: post_unpatch_callback: vmlinux (glob)
*] test_klp_state2: free_loglevel_state: freeing space for the stored console_loglevel (glob)
*] livepatch: 'test_klp_state2': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_state2.ko
...
kelp# insmod /lib/modules/test_klp_state3.ko
...
kelp# rmmod test_klp_state2
kelp# insmod /lib/modules/test_klp_state2.ko
...
kelp# echo 0 > /sys/kernel/livepatch/test_klp_state2/enabled
...
kelp# rmmod test_klp_state2
kelp# rmmod test_klp_state3
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_state2' (glob)
*] livepatch: 'test_klp_state2': initializing patching transition (glob)
*] test_klp_state2: pre_patch_callback: vmlinux (glob)
*] test_klp_state2: allocate_loglevel_state: allocating space to store console_loglevel (glob)
*] livepatch: 'test_klp_state2': starting patching transition (glob)
*] livepatch: 'test_klp_state2': completing patching transition (glob)
*] test_klp_state2: post_patch_callback: vmlinux (glob)
*] test_klp_state2: fix_console_loglevel: fixing console_loglevel (glob)
*] livepatch: 'test_klp_state2': patching complete (glob)
*] livepatch: enabling patch 'test_klp_state3' (glob)
*] livepatch: 'test_klp_state3': initializing patching transition (glob)
*] test_klp_state3: pre_patch_callback: vmlinux (glob)
*] test_klp_state3: allocate_loglevel_state: space to store console_loglevel already allocated (glob)
*] livepatch: 'test_klp_state3': starting patching transition (glob)
*] livepatch: 'test_klp_state3': completing patching transition (glob)
*] test_klp_state3: post_patch_callback: vmlinux (glob)
*] test_klp_state3: fix_console_loglevel: taking over the console_loglevel change (glob)
*] livepatch: 'test_klp_state3': patching complete (glob)
*] livepatch: enabling patch 'test_klp_state2' (glob)
*] livepatch: 'test_klp_state2': initializing patching transition (glob)
*] test_klp_state2: pre_patch_callback: vmlinux (glob)
*] test_klp_state2: allocate_loglevel_state: space to store console_loglevel already allocated (glob)
*] livepatch: 'test_klp_state2': starting patching transition (glob)
*] livepatch: 'test_klp_state2': completing patching transition (glob)
*] test_klp_state2: post_patch_callback: vmlinux (glob)
*] test_klp_state2: fix_console_loglevel: taking over the console_loglevel change (glob)
*] livepatch: 'test_klp_state2': patching complete (glob)
*] livepatch: 'test_klp_state2': initializing unpatching transition (glob)
*] test_klp_state2: pre_unpatch_callback: vmlinux (glob)
*] test_klp_state2: restore_console_loglevel: restoring console_loglevel (glob)
*] livepatch: 'test_klp_state2': starting unpatching transition (glob)
*] livepatch: 'test_klp_state2': completing unpatching transition (glob)
*] test_klp_state2: post_unpatch_callback: vmlinux (glob)
*] test_klp_state2: free_loglevel_state: freeing space for the stored console_loglevel (glob)
*] livepatch: 'test_klp_state2': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_state2.ko
...
kelp# insmod /lib/modules/test_klp_state.ko
*] livepatch: Livepatch patch (test_klp_state) is not compatible with the already installed livepatches. (glob)
insmod: ERROR: could not insert module /lib/modules/test_klp_state.ko: Invalid parameters
kelp# ls /sys/kernel/livepatch
test_klp_state2
kelp# echo 0 > /sys/kernel/livepatch/test_klp_state2/enabled
...
kelp# rmmod test_klp_state2
kelp# lsmod
Module                  Size  Used by
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_state2' (glob)
*] livepatch: 'test_klp_state2': initializing patching transition (glob)
*] test_klp_state2: pre_patch_callback: vmlinux (glob)
*] test_klp_state2: allocate_loglevel_state: allocating space to store console_loglevel (glob)
*] livepatch: 'test_klp_state2': starting patching transition (glob)
*] livepatch: 'test_klp_state2': completing patching transition (glob)
*] test_klp_state2: post_patch_callback: vmlinux (glob)
*] test_klp_state2: fix_console_loglevel: fixing console_loglevel (glob)
*] livepatch: 'test_klp_state2': patching complete (glob)
*] livepatch: Livepatch patch (test_klp_state) is not compatible with the already installed livepatches. (glob)
*] livepatch: 'test_klp_state2': initializing unpatching transition (glob)
*] test_klp_state2: pre_unpatch_callback: vmlinux (glob)
*] test_klp_state2: restore_console_loglevel: restoring console_loglevel (glob)
*] livepatch: 'test_klp_state2': starting unpatching transition (glob)
*] livepatch: 'test_klp_state2': completing unpatching transition (glob)
*] test_klp_state2: post_unpatch_callback: vmlinux (glob)
*] test_klp_state2: free_loglevel_state: freeing space for the stored console_loglevel (glob)
*] livepatch: 'test_klp_state2': unpatching complete (glob)
kelp# memcheck
memcheck: unchanged since mark
