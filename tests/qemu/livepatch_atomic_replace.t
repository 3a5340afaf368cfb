# livepatch_atomic_replace: Linux's test-livepatch.sh "atomic replace
# livepatch" in its current form: test_klp_livepatch, test_klp_syscall and
# test_klp_callbacks_demo enabled (three patches listed), then
# test_klp_atomic_replace replace=1 takes over all three: only it is
# listed, /proc/cmdline is the original again while /proc/meminfo is
# patched, the replaced patches print no unpatching lines and no unpatch
# callbacks, and their modules are removed with a plain rmmod. Linux's
# `grep 'live patched'` pairs are cats here; the dmesg lines are Linux's.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# insmod /lib/modules/test_klp_syscall.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# ls /sys/kernel/livepatch
test_klp_callbacks_demo
test_klp_livepatch
test_klp_syscall
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=1
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# ls /sys/kernel/livepatch
test_klp_atomic_replace
kelp# rmmod test_klp_callbacks_demo
kelp# rmmod test_klp_syscall
kelp# rmmod test_klp_livepatch
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# cat /proc/meminfo
MemTotal: * (glob)
...
kelp# dmesg -c
*] test_klp_livepatch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: enabling patch 'test_klp_syscall' (glob)
*] livepatch: 'test_klp_syscall': initializing patching transition (glob)
*] livepatch: 'test_klp_syscall': starting patching transition (glob)
*] livepatch: 'test_klp_syscall': completing patching transition (glob)
*] livepatch: 'test_klp_syscall': patching complete (glob)
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
