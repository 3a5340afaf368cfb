# livepatch_replace: Linux's test-livepatch.sh "atomic replace livepatch"
# and test-callbacks.sh's atomic replace case, with real modules loaded by
# insmod, and test-sysfs.sh "sysfs test replace enabled": test_klp_atomic_
# replace replace=1 takes over test_klp_livepatch and livepatch-callbacks-
# demo (cmdline_proc_show goes back to the original through a no-op
# entry), the replaced patches get no unpatching lines and no callbacks,
# their directories disappear and their modules can be removed at once;
# memory is back to its start (the sequence runs once to warm the caches,
# then under memcheck). Then a replace transition that stalls (a thread
# sleeps in livepatch-block's function, which the replace patch would
# revert) is reversed: livepatch-block stays exactly as it was (enabled,
# stack_order 1, its object patched, its module held).
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# insmod /lib/modules/livepatch-callbacks-demo.ko
kelp# ls /sys/kernel/livepatch
livepatch_callbacks_demo
test_klp_livepatch
kelp# cat /sys/kernel/livepatch/livepatch_callbacks_demo/stack_order
2
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# ls /sys/kernel/livepatch
test_klp_atomic_replace
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/replace
1
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/stack_order
1
kelp# ls /sys/kernel/livepatch/test_klp_atomic_replace
enabled
force
replace
stack_order
transition
vmlinux
kelp# rmmod livepatch_callbacks_demo
kelp# rmmod test_klp_livepatch
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# lsmod
Module                  Size  Used by
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# insmod /lib/modules/livepatch-callbacks-demo.ko
kelp# ls /sys/kernel/livepatch
livepatch_callbacks_demo
test_klp_livepatch
kelp# cat /sys/kernel/livepatch/livepatch_callbacks_demo/stack_order
2
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# ls /sys/kernel/livepatch
test_klp_atomic_replace
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/replace
1
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/stack_order
1
kelp# ls /sys/kernel/livepatch/test_klp_atomic_replace
enabled
force
replace
stack_order
transition
vmlinux
kelp# rmmod livepatch_callbacks_demo
kelp# rmmod test_klp_livepatch
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# lsmod
Module                  Size  Used by
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: enabling patch 'livepatch_callbacks_demo' (glob)
*] livepatch: 'livepatch_callbacks_demo': initializing patching transition (glob)
*] livepatch_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'livepatch_callbacks_demo': starting patching transition (glob)
*] livepatch: 'livepatch_callbacks_demo': completing patching transition (glob)
*] livepatch_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'livepatch_callbacks_demo': patching complete (glob)
*] livepatch: enabling patch 'test_klp_atomic_replace' (glob)
*] livepatch: 'test_klp_atomic_replace': initializing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': patching complete (glob)
*] livepatch: 'test_klp_atomic_replace': initializing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': unpatching complete (glob)
kelp# memcheck
memcheck: unchanged since mark
kelp# echo 0 > /proc/sys/kernel/livepatch_signal_ms
kelp# insmod /lib/modules/livepatch-block.ko
kelp# workload block 1
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=1
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/transition
1
kelp# ls /sys/kernel/livepatch
livepatch_block
test_klp_atomic_replace
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# ls /sys/kernel/livepatch
livepatch_block
kelp# cat /sys/kernel/livepatch/livepatch_block/enabled
1
kelp# cat /sys/kernel/livepatch/livepatch_block/stack_order
1
kelp# cat /sys/kernel/livepatch/livepatch_block/workload/patched
1
kelp# cat /proc/meminfo
MemTotal: * (glob)
...
kelp# rmmod test_klp_atomic_replace
kelp# rmmod livepatch_block
rmmod: ERROR: Module livepatch_block is in use
kelp# workload stop
kelp# echo 0 > /sys/kernel/livepatch/livepatch_block/enabled
kelp# rmmod livepatch_block
kelp# echo 1000 > /proc/sys/kernel/livepatch_signal_ms
kelp# dmesg -c
*] livepatch: enabling patch 'livepatch_block' (glob)
*] livepatch: 'livepatch_block': initializing patching transition (glob)
*] livepatch: 'livepatch_block': starting patching transition (glob)
*] livepatch: 'livepatch_block': completing patching transition (glob)
*] livepatch: 'livepatch_block': patching complete (glob)
*] livepatch: applying patch 'livepatch_block' to loading module 'workload' (glob)
*] livepatch: enabling patch 'test_klp_atomic_replace' (glob)
*] livepatch: 'test_klp_atomic_replace': initializing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': reversing transition from patching to unpatching (glob)
*] livepatch: 'test_klp_atomic_replace': starting unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': unpatching complete (glob)
*] livepatch: 'livepatch_block': initializing unpatching transition (glob)
*] livepatch: 'livepatch_block': starting unpatching transition (glob)
*] livepatch: 'livepatch_block': completing unpatching transition (glob)
*] livepatch: 'livepatch_block': unpatching complete (glob)
