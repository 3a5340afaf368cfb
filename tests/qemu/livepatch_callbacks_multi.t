# livepatch_callbacks_multi: Linux's test-callbacks.sh "multiple
# livepatches" and "atomic replace" with the real modules: two patches
# stacked and removed newest first; then test_klp_callbacks_demo2
# replace=1 takes over test_klp_callbacks_demo without running its
# unpatch callbacks, and its own run when it is disabled.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo2.ko
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo2/enabled
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo2
kelp# rmmod test_klp_callbacks_demo
kelp# dmesg -c
*] test_klp_callbacks_demo: tainting kernel with TAINT_LIVEPATCH (glob)
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
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo2.ko replace=1
kelp# ls /sys/kernel/livepatch
test_klp_callbacks_demo2
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo2/enabled
kelp# rmmod test_klp_callbacks_demo2
kelp# rmmod test_klp_callbacks_demo
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
kelp# lsmod
Module                  Size  Used by
kelp# memcheck
memcheck: unchanged since mark
