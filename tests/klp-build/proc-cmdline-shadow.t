# proc-cmdline-shadow: the fix keeps a count in a shadow variable of
# boot_info; its post-unpatch callback frees it.
#! cmdline: loglevel=4
host$ tools/kelpctl --vm $COM2 load build/klp-test/proc-cmdline-shadow.ko
...
kelpctl: klp_proc_cmdline_shadow: patched
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1 [read 1 times]
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1 [read 2 times]
host$ tools/kelpctl --vm $COM2 unload klp_proc_cmdline_shadow
...
kelpctl: klp_proc_cmdline_shadow removed
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
