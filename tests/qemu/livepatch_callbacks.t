# livepatch_callbacks: Linux's test-callbacks.sh, first part, with the real
# modules (tests/modules/test_klp_callbacks_*.c): "target module before
# livepatch", "module_coming notifier", "module_going notifier" and
# "module_coming and module_going notifiers". The dmesg lines are Linux's
# expected output, in Linux's order; `applying patch` comes at COMING,
# before the target's init, `reverting patch` at GOING, after its exit.
# Last, test-sysfs.sh "sysfs test object/patched" with the real target:
# the module object's `patched` follows the module's load and unload.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# rmmod test_klp_callbacks_mod
kelp# dmesg -c
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] test_klp_callbacks_demo: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# rmmod test_klp_callbacks_mod
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: applying patch 'test_klp_callbacks_demo' to loading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# rmmod test_klp_callbacks_mod
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# dmesg -c
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: reverting patch 'test_klp_callbacks_demo' on unloading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# rmmod test_klp_callbacks_mod
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: applying patch 'test_klp_callbacks_demo' to loading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: reverting patch 'test_klp_callbacks_demo' on unloading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/test_klp_callbacks_mod/patched
0
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/test_klp_callbacks_mod/patched
1
kelp# rmmod test_klp_callbacks_mod
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/test_klp_callbacks_mod/patched
0
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# dmesg -C
kelp# lsmod
Module                  Size  Used by
kelp# memcheck
memcheck: unchanged since mark
