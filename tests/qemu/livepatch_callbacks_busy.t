# livepatch_callbacks_busy: Linux's test-callbacks.sh "multiple target
# modules" and "busy target module". A patch of busymod_work_func
# completes at once when the work item has left it (block_transition=N);
# with block_transition=Y the item sleeps inside it, so the transition
# stalls (transition is 1): a module loaded meanwhile gets its pre_patch
# but no post_patch (that waits for the transition), its removal skips
# pre_unpatch; disabling reverses the transition, and only the objects
# whose pre_patch ran get post_unpatch.
#! cmdline: loglevel=4
kelp# echo 0 > /proc/sys/kernel/livepatch_signal_ms
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_callbacks_busy.ko block_transition=N
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# rmmod test_klp_callbacks_mod
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# rmmod test_klp_callbacks_busy
kelp# dmesg -c
*] test_klp_callbacks_busy: test_klp_callbacks_busy_init (glob)
*] test_klp_callbacks_busy: busymod_work_func enter (glob)
*] test_klp_callbacks_busy: busymod_work_func exit (glob)
*] test_klp_callbacks_demo: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
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
*] test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
*] test_klp_callbacks_busy: test_klp_callbacks_busy_exit (glob)
kelp# insmod /lib/modules/test_klp_callbacks_busy.ko block_transition=Y
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/transition
1
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
...
\s+\d+ [SDR]\s+0 00000004 +\d+ kworker/0 (re)
...
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# rmmod test_klp_callbacks_mod
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/transition
cat: /sys/kernel/livepatch/test_klp_callbacks_demo/transition: No such file or directory
kelp# rmmod test_klp_callbacks_demo
kelp# rmmod test_klp_callbacks_busy
kelp# dmesg -c
*] test_klp_callbacks_busy: test_klp_callbacks_busy_init (glob)
*] test_klp_callbacks_busy: busymod_work_func enter (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: applying patch 'test_klp_callbacks_demo' to loading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
*] livepatch: reverting patch 'test_klp_callbacks_demo' on unloading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: 'test_klp_callbacks_demo': reversing transition from patching to unpatching (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
*] test_klp_callbacks_busy: busymod_work_func exit (glob)
*] test_klp_callbacks_busy: test_klp_callbacks_busy_exit (glob)
kelp# lsmod
Module                  Size  Used by
kelp# memcheck
memcheck: unchanged since mark
