# target-counter: a static local counter of a module function; the patched
# function counts on in the running module's variable (no copy, no reset).
#! cmdline: loglevel=4
kelp# insmod /lib/modules/klp_target.ko
kelp# cat /sys/kernel/klp_target/counter
reads: 1
kelp# cat /sys/kernel/klp_target/counter
reads: 2
host$ tools/kelpctl --vm $COM2 load build/klp-test/target-counter.ko
...
kelpctl: klp_target_counter: patched
kelp# cat /sys/kernel/klp_target/counter
reads so far: 3
host$ tools/kelpctl --vm $COM2 unload klp_target_counter
...
kelpctl: klp_target_counter removed
kelp# cat /sys/kernel/klp_target/counter
reads: 4
