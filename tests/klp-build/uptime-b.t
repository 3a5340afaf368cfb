# uptime-b: a cumulative patch (--replace) replaces an earlier one (uptime-a).
#! cmdline: loglevel=4
host$ tools/kelpctl --vm $COM2 load build/klp-test/uptime-a.ko
...
kelpctl: klp_uptime_a: patched
kelp# cat /proc/uptime
* (fix a) (glob)
host$ tools/kelpctl --vm $COM2 load build/klp-test/uptime-b.ko
...
kelpctl: klp_uptime_b: patched
kelp# cat /proc/uptime
* (fix b) (glob)
host$ tools/kelpctl --vm $COM2 list
klp_uptime_b: enabled=1 transition=0 replace=1 (1 function(s))
  vmlinux: uptime_proc_show,1
host$ tools/kelpctl --vm $COM2 unload klp_uptime_a
...
kelpctl: klp_uptime_a removed
host$ tools/kelpctl --vm $COM2 unload klp_uptime_b
...
kelpctl: klp_uptime_b removed
kelp# cat /proc/uptime
*.* *.* (glob)
