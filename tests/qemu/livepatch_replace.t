# livepatch_replace: Linux's test-livepatch.sh "atomic replace livepatch"
# (without test_klp_syscall: no getpid before userland) and test-sysfs.sh
# "sysfs test replace enabled": a replace=1 patch takes over every
# installed patch (their functions it does not patch go back to the
# original through no-op entries), the replaced patches get no unpatching
# lines nor callbacks, their directories disappear and their modules can
# be removed; memory is back to its start (the sequence runs once first
# to warm the caches, then under memcheck).
#! cmdline: loglevel=4
kelp# klp-load test_klp_livepatch
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# klp-load test_klp_callbacks_demo
kelp# ls /sys/kernel/livepatch
test_klp_callbacks_demo
test_klp_livepatch
kelp# klp-load test_klp_atomic_replace replace=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# cat /proc/cmdline
loglevel=4
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
kelp# klp-unload test_klp_callbacks_demo
kelp# klp-unload test_klp_livepatch
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# klp-unload test_klp_atomic_replace
kelp# cat /proc/cmdline
loglevel=4
kelp# memcheck mark
kelp# dmesg -C
kelp# klp-load test_klp_livepatch
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# klp-load test_klp_callbacks_demo
kelp# ls /sys/kernel/livepatch
test_klp_callbacks_demo
test_klp_livepatch
kelp# klp-load test_klp_atomic_replace replace=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# cat /proc/cmdline
loglevel=4
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
kelp# klp-unload test_klp_callbacks_demo
kelp# klp-unload test_klp_livepatch
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# klp-unload test_klp_atomic_replace
kelp# cat /proc/cmdline
loglevel=4
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
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
