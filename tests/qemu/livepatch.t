# livepatch: Linux's test-livepatch.sh with the built-in stand-ins of its
# modules (klp-load / klp-unload for insmod / rmmod): "basic function
# patching" and "multiple livepatches", the same log lines in the same
# order (plus the loader's taint line, which Linux's harness filters).
# The patch directory disappears when the unpatching completes (freed from
# a work item) and the module can then be removed.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# klp-load test_klp_livepatch
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/transition
0
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /proc/1/patch_state
-1
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# ls /sys/kernel/livepatch
kelp# klp-unload test_klp_livepatch
kelp# cat /proc/cmdline
loglevel=4
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
kelp# klp-load test_klp_livepatch
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# klp-load test_klp_atomic_replace replace=0
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
kelp# klp-unload test_klp_atomic_replace
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/stack_order
1
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# klp-unload test_klp_livepatch
kelp# memcheck
memcheck: unchanged since mark
kelp# cat /proc/cmdline
loglevel=4
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
kelp# cat /proc/sys/kernel/tainted
32768
