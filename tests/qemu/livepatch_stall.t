# livepatch_stall: a thread sleeping in the function being patched
# (workload_block_here of the workload test module, patched by
# tests/modules/livepatch-block.c, loaded with
# insmod) stalls the transition: transition reads 1, ps shows the task
# still in patch state 0 with TIF_PATCH_PENDING (flags 4), rmmod says in
# use and another patch's insmod is EBUSY; writing the opposite value
# reverses the transition, which completes at once (the sleeper is not in
# the new function). Loaded again, the stalled transition is forced: it
# completes, the kernel stays tainted (K), and the forced patch's module
# can never be removed.
#! cmdline: loglevel=4
kelp# echo 0 > /proc/sys/kernel/livepatch_signal_ms
kelp# workload block 1
kelp# dmesg -C
kelp# insmod /lib/modules/livepatch-block.ko
kelp# cat /sys/kernel/livepatch/livepatch_block/transition
1
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
    0 R         1 00000000 +\d+ swapper/0 (re)
...
\s+\d+ D         0 00000004 +\d+ wl-block/0 (re)
...
kelp# rmmod livepatch_block
rmmod: ERROR: Module livepatch_block is in use
kelp# insmod /lib/modules/test_klp_livepatch.ko
insmod: ERROR: could not insert module /lib/modules/test_klp_livepatch.ko: Device or resource busy
kelp# echo 1 > /sys/kernel/livepatch/test_klp_livepatch/force
sh: can't create /sys/kernel/livepatch/test_klp_livepatch/force: No such file or directory
kelp# echo 1 > /sys/kernel/livepatch/livepatch_block/enabled
echo: write error: Invalid argument
kelp# echo 0 > /sys/kernel/livepatch/livepatch_block/enabled
kelp# ls /sys/kernel/livepatch
kelp# rmmod livepatch_block
kelp# dmesg -c
*] livepatch_block: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'livepatch_block' (glob)
*] livepatch: 'livepatch_block': initializing patching transition (glob)
*] livepatch: 'livepatch_block': starting patching transition (glob)
*] livepatch: 'livepatch_block': reversing transition from patching to unpatching (glob)
*] livepatch: 'livepatch_block': starting unpatching transition (glob)
*] livepatch: 'livepatch_block': completing unpatching transition (glob)
*] livepatch: 'livepatch_block': unpatching complete (glob)
kelp# insmod /lib/modules/livepatch-block.ko
kelp# cat /sys/kernel/livepatch/livepatch_block/transition
1
kelp# echo 1 > /sys/kernel/livepatch/livepatch_block/force
kelp# cat /sys/kernel/livepatch/livepatch_block/transition
0
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
    0 R        -1 00000000 +\d+ swapper/0 (re)
...
\s+\d+ D        -1 00000000 +\d+ wl-block/0 (re)
...
kelp# echo 0 > /sys/kernel/livepatch/livepatch_block/enabled
kelp# ls /sys/kernel/livepatch
kelp# rmmod livepatch_block
rmmod: ERROR: Module livepatch_block is in use
kelp# dmesg -c
*] livepatch: enabling patch 'livepatch_block' (glob)
*] livepatch: 'livepatch_block': initializing patching transition (glob)
*] livepatch: 'livepatch_block': starting patching transition (glob)
*] livepatch: forcing remaining tasks to the patched state (glob)
*] livepatch: 'livepatch_block': completing patching transition (glob)
*] livepatch: 'livepatch_block': patching complete (glob)
*] livepatch: 'livepatch_block': initializing unpatching transition (glob)
*] livepatch: 'livepatch_block': starting unpatching transition (glob)
*] livepatch: 'livepatch_block': completing unpatching transition (glob)
*] livepatch: 'livepatch_block': unpatching complete (glob)
kelp# cat /proc/sys/kernel/tainted
32768
kelp# workload stop
