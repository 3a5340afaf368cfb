# proc-meminfo: another /proc file, a line added.
#! cmdline: loglevel=4
host$ tools/kelpctl --vm $COM2 load build/klp-test/proc-meminfo.ko
...
kelpctl: klp_proc_meminfo: patched
kelp# cat /proc/meminfo
...
LivePatched:    yes
host$ tools/kelpctl --vm $COM2 unload klp_proc_meminfo
...
kelpctl: klp_proc_meminfo removed
kelp# cat /proc/meminfo
...
KmallocInUse: * (glob)
