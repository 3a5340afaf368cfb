# proc-cmdline: a /proc file's output changes while the patch is loaded.
# kelpctl may report the transition in progress between `loaded` and
# `patched`, and `disabling` and `unpatched` (at 2 CPUs a task on the
# other CPU switches a moment later).
#! cmdline: loglevel=4 hello=1
kelp# cat /proc/cmdline
loglevel=4 hello=1 module.sig_enforce=1 lockdep=1
host$ tools/kelpctl --vm $COM2 load build/klp-test/proc-cmdline.ko
kelpctl: sent proc-cmdline.ko (* bytes) in * s (glob)
kelpctl: klp_proc_cmdline loaded
...
kelpctl: klp_proc_cmdline: patched
kelp# cat /proc/cmdline
loglevel=4 hello=1 module.sig_enforce=1 lockdep=1 [klp-build]
host$ tools/kelpctl --vm $COM2 unload klp_proc_cmdline
kelpctl: klp_proc_cmdline: disabling
...
kelpctl: klp_proc_cmdline: unpatched
kelpctl: klp_proc_cmdline removed
kelp# cat /proc/cmdline
loglevel=4 hello=1 module.sig_enforce=1 lockdep=1
