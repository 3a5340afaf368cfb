# livepatch_callbacks: Linux's test-callbacks.sh cases that need no target
# module (the module loader is not merged yet): "target module not
# present", "pre-patch callback -ENODEV" and "multiple livepatches", with
# Linux's log lines in Linux's order; a failing pre_patch cancels the
# patch, the load fails with ENODEV and the module is gone.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# klp-load test_klp_callbacks_demo
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# klp-unload test_klp_callbacks_demo
kelp# dmesg -c
*] test_klp_callbacks_demo: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# klp-load test_klp_callbacks_demo pre_patch_ret=-19
klp-load: ERROR: could not insert module test_klp_callbacks_demo: No such device
kelp# ls /sys/kernel/livepatch
kelp# klp-unload test_klp_callbacks_demo
klp-unload: ERROR: Module test_klp_callbacks_demo is not currently loaded
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: pre-patch callback failed for object 'vmlinux' (glob)
*] livepatch: failed to enable patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': canceling patching transition, going to unpatch (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# klp-load test_klp_callbacks_demo pre_patch_ret=0
kelp# klp-load test_klp_callbacks_demo2
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo2/enabled
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# klp-unload test_klp_callbacks_demo2
kelp# klp-unload test_klp_callbacks_demo
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo2' (glob)
*] livepatch: 'test_klp_callbacks_demo2': initializing patching transition (glob)
*] test_klp_callbacks_demo2: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo2': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo2': completing patching transition (glob)
*] test_klp_callbacks_demo2: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo2': patching complete (glob)
*] livepatch: 'test_klp_callbacks_demo2': initializing unpatching transition (glob)
*] test_klp_callbacks_demo2: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo2': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo2': completing unpatching transition (glob)
*] test_klp_callbacks_demo2: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo2': unpatching complete (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
