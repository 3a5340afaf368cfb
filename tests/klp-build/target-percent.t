# target-percent: a bug in a static function of a module (clamp_percent).
#! cmdline: loglevel=4
kelp# insmod /lib/modules/klp_target.ko
kelp# echo 100 > /sys/kernel/klp_target/percent
kelp# cat /sys/kernel/klp_target/percent
99
host$ tools/kelpctl --vm $COM2 load build/klp-test/target-percent.ko
...
kelpctl: klp_target_percent: patched
kelp# cat /sys/kernel/klp_target/percent
100
host$ tools/kelpctl --vm $COM2 unload klp_target_percent
...
kelpctl: klp_target_percent removed
kelp# cat /sys/kernel/klp_target/percent
99
