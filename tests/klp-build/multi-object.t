# multi-object: one patch module with a klp_object for vmlinux and one for
# the module klp_target; both changes show while it is loaded.
#! cmdline: loglevel=4
kelp# insmod /lib/modules/klp_target.ko
kelp# echo 100 > /sys/kernel/klp_target/percent
host$ tools/kelpctl --vm $COM2 load build/klp-test/multi-object.ko
...
kelpctl: klp_multi_object: patched
kelp# cat /proc/cmdline /sys/kernel/klp_target/percent
loglevel=4 module.sig_enforce=1 lockdep=1 [klp-build]
100
host$ tools/kelpctl --vm $COM2 list
klp_multi_object: enabled=1 transition=0 replace=0 (2 function(s))
  vmlinux: cmdline_proc_show,1
  klp_target: clamp_percent,1
host$ tools/kelpctl --vm $COM2 unload klp_multi_object
...
kelpctl: klp_multi_object removed
kelp# cat /proc/cmdline /sys/kernel/klp_target/percent
loglevel=4 module.sig_enforce=1 lockdep=1
99
