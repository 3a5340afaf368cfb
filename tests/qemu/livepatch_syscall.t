# livepatch_syscall: Linux's test-syscall.sh. 64 user processes call getpid
# in a loop; test_klp_syscall.ko live-patches __x64_sys_getpid; each process
# switches to the patched state on its way back to user space (the
# consistency model's cheapest switch point) and runs the new handler,
# which counts it off: the transition completes without force and no
# process is left. Then the patch is disabled and removed.
# The second half is upstream test-syscall.sh itself: as many hammer
# processes as CPUs, each getpid_hammer (Kelp's test_klp-call_getpid: a
# syscall(SYS_getpid) loop with signal() handlers, on musl), all switched,
# then upstream's whole log sequence, unpatching included.
#! smp: 2
#! cmdline: loglevel=4
#! timeout: 120

kelp# test_syscall 64
test_klp_syscall: Remaining not livepatched processes: 0
kelp# cat /sys/kernel/livepatch/test_klp_syscall/enabled /sys/kernel/livepatch/test_klp_syscall/transition
1
0
kelp# dmesg
...
\[ *\d+\.\d+\] livepatch: enabling patch 'test_klp_syscall' (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': initializing patching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': starting patching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': completing patching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': patching complete (re)
...
kelp# echo 0 > /sys/kernel/livepatch/test_klp_syscall/enabled
kelp# sleep 1
kelp# ls /sys/kernel/livepatch
kelp# rmmod test_klp_syscall
kelp# lsmod
Module                  Size  Used by
kelp# dmesg -C
kelp# test_syscall -p /bin/getpid_hammer cpus
test_klp_syscall: Remaining not livepatched processes: 0
kelp# cat /sys/module/test_klp_syscall/parameters/klp_pids
\d+,\d+ (re)
kelp# echo 0 > /sys/kernel/livepatch/test_klp_syscall/enabled
kelp# sleep 1
kelp# rmmod test_klp_syscall
kelp# dmesg
\[ *\d+\.\d+\] livepatch: enabling patch 'test_klp_syscall' (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': initializing patching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': starting patching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': completing patching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': patching complete (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': initializing unpatching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': starting unpatching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': completing unpatching transition (re)
\[ *\d+\.\d+\] livepatch: 'test_klp_syscall': unpatching complete (re)
kelp# cat /sys/devices/system/cpu/online
0-1
