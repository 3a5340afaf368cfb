# target-block: the patched function is the one a sleeping thread is
# blocked in: the transition waits (kelpctl reports the stall and the
# blocking task) and completes once the thread is released.
#! cmdline: loglevel=4
#! timeout: 60
kelp# insmod /lib/modules/klp_target.ko
kelp# echo 1 > /sys/kernel/klp_target/sleep
host$ tools/kelpctl --vm $COM2 --stall 3 load build/klp-test/target-block.ko; echo "exit $?"
...
kelpctl: klp_target_block: transition: 1 task(s) pending
kelpctl: klp_target_block: blocked by * klp-target* (glob)
kelpctl: klp_target_block: transition stalled; the patch stays in transition (kelpctl unload klp_target_block reverses it)
exit 3
kelp# cat /sys/kernel/livepatch/klp_target_block/transition
1
kelp# echo 1 > /sys/kernel/klp_target/release
kelp# sleep 1
kelp# cat /sys/kernel/livepatch/klp_target_block/transition
0
host$ tools/kelpctl --vm $COM2 unload klp_target_block
...
kelpctl: klp_target_block removed
