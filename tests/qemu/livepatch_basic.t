# livepatch_basic: Linux's test-livepatch.sh with the real selftest
# modules (tests/modules/test_klp_livepatch.c, test_klp_atomic_replace.c)
# loaded by insmod: basic function patching (cmdline_proc_show; the
# transition is over when insmod returns, every task is back at patch
# state -1, the patch directory disappears once disabled), multiple
# livepatches (meminfo_proc_show stacked with replace=0, both listed,
# stack_order 2 then 1), and atomic replace livepatch (replace=1 takes
# over test_klp_livepatch: its module unloads with no unpatching lines).
# Linux's greps into /dev/kmsg are plain cats here; the dmesg lines are
# Linux's, in Linux's order. The last two tests run under memcheck:
# memory is back to its start once everything is unloaded. Only
# TAINT_LIVEPATCH (32768) is left set.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/transition
0
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /proc/1/patch_state
-1
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# ls /sys/kernel/livepatch
kelp# rmmod test_klp_livepatch
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# dmesg -c
*] test_klp_livepatch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: 'test_klp_livepatch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': starting unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /proc/meminfo
MemTotal: * (glob)
...
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=0
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# ls /sys/kernel/livepatch
test_klp_atomic_replace
test_klp_livepatch
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/stack_order
2
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /proc/meminfo
MemTotal: * (glob)
...
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/stack_order
1
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# memcheck
memcheck: unchanged since mark
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: enabling patch 'test_klp_atomic_replace' (glob)
*] livepatch: 'test_klp_atomic_replace': initializing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': patching complete (glob)
*] livepatch: 'test_klp_atomic_replace': initializing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': unpatching complete (glob)
*] livepatch: 'test_klp_livepatch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': starting unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=1
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# ls /sys/kernel/livepatch
test_klp_atomic_replace
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/replace
1
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/stack_order
1
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
kelp# cat /proc/sys/kernel/tainted
32768
